using System.Buffers.Binary;
using SkiaSharp;

namespace GoChat.Files.Tests;

/// <summary>
/// Pictures for the rendition tests that <see cref="TestPictures"/> does not make: camera-sized photos (filled a row
/// at a time; SetPixel would take seconds at 12 MP), pictures with coloured corners to follow a turn, and a PNG
/// header that lies about its size.
/// </summary>
internal static class TestPhotos
{
    /// <summary>A 12 MP camera photo: 4000 × 3000, a gradient under noise, so it compresses like a photo (~5 MB).</summary>
    public static byte[] TwelveMegapixels => twelveMegapixels.Value;

    private static readonly Lazy<byte[]> twelveMegapixels = new(() => Photo(4000, 3000));

    /// <summary>A JPEG of a gradient with noise; the noise keeps a JPEG encoder from making it unrealistically small.</summary>
    public static byte[] Photo(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        var random = new Random(width * 31 + height);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var row = new byte[width * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var noise = random.Next(-24, 24);
                row[x * 4] = Clamp(x * 255 / width + noise);
                row[x * 4 + 1] = Clamp(y * 255 / height + noise);
                row[x * 4 + 2] = Clamp(128 + noise);
                row[x * 4 + 3] = 255;
            }
            System.Runtime.InteropServices.Marshal.Copy(row, 0, bitmap.GetPixels() + y * bitmap.RowBytes, row.Length);
        }
        return TestPictures.Encode(bitmap, format);

        static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);
    }

    /// <summary>Grey, with a red block in the stored top-left corner and a green one in the stored top-right.</summary>
    public static byte[] MarkedCorners(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        using (var red = new SKPaint { Color = SKColors.Red })
        using (var green = new SKPaint { Color = SKColors.Lime })
        {
            canvas.Clear(SKColors.Gray);
            canvas.DrawRect(0, 0, width / 4f, height / 4f, red);
            canvas.DrawRect(width * 3 / 4f, 0, width / 4f, height / 4f, green);
        }
        return TestPictures.Encode(bitmap, SKEncodedImageFormat.Jpeg);
    }

    /// <summary>A valid PNG signature and IHDR declaring <paramref name="width"/> × <paramref name="height"/>, and no pixels worth the name.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        return [0x89, .. "PNG\r\n\u001a\n"u8, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        var chunk = new byte[4 + typed.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typed.Length), Crc32(typed));
        return chunk;
    }

    /// <summary>PNG's CRC-32 (ISO-HDLC); libpng refuses a header whose CRC is wrong.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
