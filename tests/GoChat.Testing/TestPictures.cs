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

    /// <summary>Photo-like: gradients, texture and shapes, the content an image mark hides in (a flat picture has nowhere to hide one).</summary>
    public static byte[] PhotoLike(int width, int height)
    {
        var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            var random = new Random(width * 31 + height);
            for (var y = 0; y < height; y += 4)
            for (var x = 0; x < width; x += 4)
            {
                var v = (byte)Math.Clamp(90 + x * 80 / width + y * 60 / height + random.Next(-25, 26), 0, 255);
                using var paint = new SKPaint { Color = new SKColor(v, (byte)(255 - v / 2), (byte)(v / 2 + 40)) };
                canvas.DrawRect(x, y, 4, 4, paint);
            }
            for (var i = 0; i < 40; i++)
            {
                using var paint = new SKPaint { Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 160), IsAntialias = true };
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(10, 120), paint);
            }
        }
        return Encode(bitmap, SKEncodedImageFormat.Jpeg);
    }

    /// <summary>The picture again as a JPEG of that quality, scaled so its longest side is at most <paramref name="maxSide"/>.</summary>
    public static byte[] Reencode(byte[] picture, int quality, int maxSide = int.MaxValue)
    {
        using var bitmap = SKBitmap.Decode(picture);
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(bitmap.Width, bitmap.Height));
        using var sized = scale < 1 ? bitmap.Resize(new SKImageInfo((int)(bitmap.Width * scale), (int)(bitmap.Height * scale)), new SKSamplingOptions(SKFilterMode.Linear)) : null;
        using var data = (sized ?? bitmap).Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
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
