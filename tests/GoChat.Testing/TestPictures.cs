using System.Text;
using SkiaSharp;

namespace GoChat.Testing;

/// <summary>Pictures made in memory for the upload tests: real encodings of a gradient, and a JPEG carrying EXIF.</summary>
public static class TestPictures
{
    public static byte[] Png(int width, int height, bool withAlpha) => Encode(Picture(width, height, withAlpha), SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width, int height) => Encode(Picture(width, height, withAlpha: false), SKEncodedImageFormat.Jpeg);

    public static SKBitmap Picture(int width, int height, bool withAlpha)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, withAlpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), 128, withAlpha ? (byte)(x % 2 == 0 ? 255 : 90) : (byte)255));
        }
        return bitmap;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using (bitmap)
        using (var image = SKImage.FromBitmap(bitmap))
        using (var data = image.Encode(format, 90))
        {
            return data.ToArray();
        }
    }

    /// <summary>A JPEG with an EXIF APP1 segment right after SOI: a camera make and an orientation tag.</summary>
    public static byte[] WithExif(byte[] jpeg, string make, ushort orientation)
    {
        var makeBytes = Encoding.ASCII.GetBytes(make + "\0");
        var tiff = new List<byte>();
        tiff.AddRange("II"u8.ToArray());
        tiff.AddRange(Le16(42));
        tiff.AddRange(Le32(8));
        tiff.AddRange(Le16(2)); // entries, sorted by tag
        tiff.AddRange([.. Le16(0x010F), .. Le16(2), .. Le32((uint)makeBytes.Length), .. Le32(8 + 2 + 24 + 4)]);
        tiff.AddRange([.. Le16(0x0112), .. Le16(3), .. Le32(1), .. Le16(orientation), 0, 0]);
        tiff.AddRange(Le32(0)); // no next IFD
        tiff.AddRange(makeBytes);
        byte[] app1 = [.. "Exif\0\0"u8, .. tiff];
        var length = (ushort)(app1.Length + 2);
        return [0xFF, 0xD8, 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. app1, .. jpeg[2..]];

        static byte[] Le16(ushort v) => [(byte)v, (byte)(v >> 8)];
        static byte[] Le32(uint v) => [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)];
    }
}
