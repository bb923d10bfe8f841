using System.Buffers.Binary;
using System.Text;
using GoChat.Grains.Users;
using SkiaSharp;
using static GoChat.Testing.TestPictures;

namespace GoChat.Grains.Tests;

/// <summary>Every profile picture is decoded and encoded again: pixels survive, nothing else does.</summary>
public sealed class PhotoSanitizerTests
{
    [Fact]
    public void Polyglot_png_with_html_behind_its_image_is_stored_as_the_image_alone()
    {
        var polyglot = Png(8, 8, withAlpha: true).Concat("<html><script>alert(document.cookie)</script></html>"u8.ToArray()).ToArray();

        var clean = PhotoSanitizer.Sanitize("image/png", polyglot);

        Assert.Equal("image/png", clean.ContentType);
        Assert.DoesNotContain("<html", Encoding.Latin1.GetString(clean.Data), StringComparison.OrdinalIgnoreCase);
        using var decoded = SKBitmap.Decode(clean.Data);
        Assert.Equal((8, 8), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Exif_is_stripped_from_a_jpeg_and_its_orientation_applied_to_the_pixels()
    {
        var photo = WithExif(Jpeg(200, 100), make: "SECRET-CAMERA-SERIAL-1234", orientation: 6);
        Assert.Contains("SECRET-CAMERA-SERIAL", Encoding.Latin1.GetString(photo)); // the fixture really carries EXIF
        using (var codec = SKCodec.Create(SKData.CreateCopy(photo))) Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);

        var clean = PhotoSanitizer.Sanitize("image/jpeg", photo);

        Assert.Equal("image/jpeg", clean.ContentType);
        var text = Encoding.Latin1.GetString(clean.Data);
        Assert.DoesNotContain("SECRET-CAMERA-SERIAL", text);
        Assert.DoesNotContain("Exif", text);
        // Turned upright (EXIF 6: rotate 90° clockwise), because the orientation tag itself is gone.
        using var codecAfter = SKCodec.Create(SKData.CreateCopy(clean.Data));
        Assert.Equal(SKEncodedOrigin.TopLeft, codecAfter.EncodedOrigin);
        Assert.Equal((100, 200), (codecAfter.Info.Width, codecAfter.Info.Height));
    }

    [Fact]
    public void Oversized_picture_is_scaled_so_its_longest_side_is_1024()
    {
        var clean = PhotoSanitizer.Sanitize("image/jpeg", Jpeg(3000, 1500));

        Assert.Equal((1024, 512), (clean.Width, clean.Height));
        using var decoded = SKBitmap.Decode(clean.Data);
        Assert.Equal((1024, 512), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Opaque_png_becomes_jpeg_and_webp_is_accepted()
    {
        Assert.Equal("image/jpeg", PhotoSanitizer.Sanitize("image/png", Png(16, 16, withAlpha: false)).ContentType);
        var webp = Encode(Picture(20, 10, withAlpha: false), SKEncodedImageFormat.Webp);
        var clean = PhotoSanitizer.Sanitize("image/webp", webp);
        Assert.Equal(("image/jpeg", 20, 10), (clean.ContentType, clean.Width, clean.Height));
    }

    [Fact]
    public void Garbage_after_a_png_signature_is_refused_as_unsupported_image()
    {
        byte[] garbage = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. "<html><body>not an image</body></html>"u8];
        Assert.Equal(ErrorCodes.UnsupportedImage, Assert.Throws<GoChatException>(() => PhotoSanitizer.Sanitize("image/png", garbage)).Code);

        var truncated = Png(64, 64, withAlpha: true)[..60];
        Assert.Equal(ErrorCodes.UnsupportedImage, Assert.Throws<GoChatException>(() => PhotoSanitizer.Sanitize("image/png", truncated)).Code);
    }

    [Fact]
    public void Picture_whose_bytes_are_another_type_than_declared_is_refused()
    {
        Assert.Equal(ErrorCodes.UnsupportedImage, Assert.Throws<GoChatException>(() => PhotoSanitizer.Sanitize("image/jpeg", Png(4, 4, withAlpha: true))).Code);
    }

    [Fact]
    public void Decompression_bomb_is_refused_before_its_pixels_are_decoded()
    {
        // A valid PNG header declaring 60,000 × 60,000 pixels (14.4 GB decoded) in a few dozen bytes.
        var bomb = Png(1, 1, withAlpha: true);
        BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(16), 60_000);
        BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(20), 60_000);
        FixChunkCrc(bomb, 8);
        using (var codec = SKCodec.Create(SKData.CreateCopy(bomb))) Assert.Equal(60_000, codec.Info.Width); // the header is believed

        Assert.Equal(ErrorCodes.PhotoTooLarge, Assert.Throws<GoChatException>(() => PhotoSanitizer.Sanitize("image/png", bomb)).Code);

        // Below the per-side limit but above the decoded-pixel budget: PNG cannot decode scaled down.
        BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(16), 10_000);
        BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(20), 10_000);
        FixChunkCrc(bomb, 8);
        Assert.Equal(ErrorCodes.PhotoTooLarge, Assert.Throws<GoChatException>(() => PhotoSanitizer.Sanitize("image/png", bomb)).Code);
    }

    /// <summary>Recomputes the CRC of the PNG chunk at <paramref name="offset"/> after its data was edited.</summary>
    private static void FixChunkCrc(byte[] png, int offset)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
        var crc = 0xFFFFFFFFu;
        foreach (var b in png.AsSpan(offset + 4, 4 + length))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(offset + 8 + length), ~crc);
    }
}
