using System.ComponentModel.DataAnnotations;
using System.Text;
using GoChat.Files.Images;
using SkiaSharp;

namespace GoChat.Files.Tests;

public class ImageRenditionTests
{
    private static readonly ImageRenditionOptions Defaults = new();

    private static ImageRendition Make(byte[] file, ImageRenditionOptions? options = null)
    {
        var result = Refuse(file, options);
        Assert.True(result.Made, $"refused: {result.Refusal}");
        return result.Rendition;
    }

    private static ImageRenditionResult Refuse(byte[] file, ImageRenditionOptions? options = null)
    {
        using var stream = new MemoryStream(file, writable: false);
        return ImageRenditions.Make(stream, options ?? Defaults, CancellationToken.None);
    }

    private static IEnumerable<RenditionPicture> Pictures(ImageRendition rendition) => [rendition.Display, rendition.Thumbnail, rendition.Placeholder];

    private static SKBitmap Decoded(RenditionPicture picture)
    {
        var bitmap = SKBitmap.Decode(picture.Data);
        Assert.NotNull(bitmap);
        Assert.Equal((picture.Width, picture.Height), (bitmap.Width, bitmap.Height));
        return bitmap;
    }

    public enum Corner { TopLeft, TopRight, BottomRight, BottomLeft }

    private static SKColor At(SKBitmap bitmap, Corner corner)
    {
        // An eighth in from the corner: inside the quarter-sized block, clear of JPEG ringing at its edge.
        int x = bitmap.Width / 8, y = bitmap.Height / 8;
        return corner switch
        {
            Corner.TopLeft => bitmap.GetPixel(x, y),
            Corner.TopRight => bitmap.GetPixel(bitmap.Width - 1 - x, y),
            Corner.BottomRight => bitmap.GetPixel(bitmap.Width - 1 - x, bitmap.Height - 1 - y),
            _ => bitmap.GetPixel(x, bitmap.Height - 1 - y),
        };
    }

    private static bool IsRed(SKColor c) => c.Red > 200 && c.Green < 70 && c.Blue < 70;

    private static bool IsGreen(SKColor c) => c.Green > 200 && c.Red < 70 && c.Blue < 70;

    [Fact]
    public void A_phone_photo_stored_on_its_side_comes_out_upright_with_width_and_height_swapped()
    {
        // Orientation 6: the sensor's top-left is the picture's top-right (turn 90° clockwise to view).
        var rendition = Make(TestPictures.WithExif(TestPhotos.MarkedCorners(400, 200), "Phone", orientation: 6));

        Assert.Equal((200, 400), (rendition.Width, rendition.Height));
        foreach (var picture in new[] { rendition.Display, rendition.Thumbnail })
        {
            Assert.True(picture.Height > picture.Width, $"{picture.Width} × {picture.Height} is not upright");
            using var pixels = Decoded(picture);
            Assert.True(IsRed(At(pixels, Corner.TopRight)), $"top-right is {At(pixels, Corner.TopRight)}");
            Assert.True(IsGreen(At(pixels, Corner.BottomRight)), $"bottom-right is {At(pixels, Corner.BottomRight)}");
            Assert.False(IsRed(At(pixels, Corner.TopLeft)));
        }
    }

    [Theory]
    [InlineData(1, Corner.TopLeft, Corner.TopRight, false)]
    [InlineData(2, Corner.TopRight, Corner.TopLeft, false)]
    [InlineData(3, Corner.BottomRight, Corner.BottomLeft, false)]
    [InlineData(4, Corner.BottomLeft, Corner.BottomRight, false)]
    [InlineData(5, Corner.TopLeft, Corner.BottomLeft, true)]
    [InlineData(6, Corner.TopRight, Corner.BottomRight, true)]
    [InlineData(7, Corner.BottomRight, Corner.TopRight, true)]
    [InlineData(8, Corner.BottomLeft, Corner.TopLeft, true)]
    public void Every_EXIF_orientation_is_applied_to_the_pixels(ushort orientation, Corner red, Corner green, bool swapped)
    {
        var rendition = Make(TestPictures.WithExif(TestPhotos.MarkedCorners(300, 200), "Camera", orientation));

        Assert.Equal(swapped ? (200, 300) : (300, 200), (rendition.Width, rendition.Height));
        using var pixels = Decoded(rendition.Display);
        Assert.True(IsRed(At(pixels, red)), $"{red} is {At(pixels, red)}");
        Assert.True(IsGreen(At(pixels, green)), $"{green} is {At(pixels, green)}");
    }

    [Fact]
    public void No_rendition_carries_the_EXIF_of_the_upload()
    {
        const string serial = "GoChat-Test-Camera SN 4711-0815";
        var upload = TestPictures.WithExif(TestPictures.Jpeg(600, 400), serial, orientation: 1);
        Assert.Contains(serial, Encoding.ASCII.GetString(upload));

        foreach (var picture in Pictures(Make(upload)))
        {
            var text = Encoding.ASCII.GetString(picture.Data);
            Assert.DoesNotContain(serial, text);
            Assert.DoesNotContain("Exif", text);
            // Not even Skia's own ICC profile: the pixels are sRGB and nothing else is written.
            Assert.DoesNotContain("ICC_PROFILE", text);
        }
    }

    [Theory]
    [InlineData(3000, 1000)]
    [InlineData(1000, 3000)]
    [InlineData(4032, 3024)]
    [InlineData(2100, 2100)]
    public void The_display_picture_and_the_thumbnail_keep_to_their_longest_edge_and_the_aspect_ratio(int width, int height)
    {
        var rendition = Make(TestPhotos.Photo(width, height));

        Assert.Equal((width, height), (rendition.Width, rendition.Height));
        var display = rendition.Display;
        Assert.InRange(Math.Max(display.Width, display.Height), Defaults.DisplayMaxEdge * 8 / 10, Defaults.DisplayMaxEdge);
        Assert.Equal(Defaults.ThumbnailMaxEdge, Math.Max(rendition.Thumbnail.Width, rendition.Thumbnail.Height));
        foreach (var picture in Pictures(rendition))
        {
            Assert.Equal("image/" + (picture == rendition.Placeholder ? "webp" : "jpeg"), picture.ContentType);
            // One pixel of rounding on the short side, at the picture's size.
            var shortSide = (double)Math.Max(picture.Width, picture.Height) * Math.Min(width, height) / Math.Max(width, height);
            Assert.InRange(Math.Min(picture.Width, picture.Height), shortSide - 1, shortSide + 1);
            using var _ = Decoded(picture);
        }
    }

    [Fact]
    public void A_picture_smaller_than_a_rendition_is_not_enlarged()
    {
        var rendition = Make(TestPictures.Jpeg(120, 60));

        Assert.Equal((120, 60), (rendition.Display.Width, rendition.Display.Height));
        Assert.Equal((120, 60), (rendition.Thumbnail.Width, rendition.Thumbnail.Height));
        Assert.Equal((16, 8), (rendition.Placeholder.Width, rendition.Placeholder.Height));
    }

    [Fact]
    public void A_PNG_with_transparency_keeps_it_in_the_thumbnail_and_the_placeholder()
    {
        // Every other column is at alpha 90.
        var rendition = Make(TestPictures.Png(400, 300, withAlpha: true));

        Assert.Equal("image/png", rendition.Display.ContentType);
        Assert.Equal("image/png", rendition.Thumbnail.ContentType);
        foreach (var picture in new[] { rendition.Thumbnail, rendition.Placeholder })
        {
            using var pixels = Decoded(picture);
            Assert.NotEqual(SKAlphaType.Opaque, pixels.AlphaType);
            Assert.InRange(pixels.GetPixel(pixels.Width / 2, pixels.Height / 2).Alpha, 90, 254);
        }
    }

    [Fact]
    public void The_placeholder_is_a_few_hundred_bytes_at_most()
    {
        var photo = Make(TestPhotos.TwelveMegapixels);
        var transparent = Make(TestPictures.Png(400, 300, withAlpha: true));

        foreach (var placeholder in new[] { photo.Placeholder, transparent.Placeholder })
        {
            Assert.Equal("image/webp", placeholder.ContentType);
            Assert.InRange(Math.Max(placeholder.Width, placeholder.Height), 1, Defaults.PlaceholderMaxEdge);
            Assert.InRange(placeholder.Data.Length, 1, 400);
        }
    }

    [Fact]
    public void A_12_megapixel_photo_gets_all_three_pictures()
    {
        var rendition = Make(TestPhotos.TwelveMegapixels);

        Assert.Equal((4000, 3000), (rendition.Width, rendition.Height));
        // Decoded at half size (libjpeg's 1/2 scale), which is the display picture as it is.
        Assert.Equal((2000, 1500), (rendition.Display.Width, rendition.Display.Height));
        Assert.Equal((320, 240), (rendition.Thumbnail.Width, rendition.Thumbnail.Height));
        Assert.Equal((16, 12), (rendition.Placeholder.Width, rendition.Placeholder.Height));
        Assert.False(rendition.Animated);
    }

    [Fact]
    public void Bytes_that_are_not_an_image_are_refused()
    {
        var garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);

        Assert.Equal(ImageRefusal.NotAnImage, Refuse(garbage).Refusal);
        Assert.Equal(ImageRefusal.NotAnImage, Refuse([]).Refusal);
        Assert.Equal(ImageRefusal.NotAnImage, Refuse("<html><script>alert(1)</script></html>"u8.ToArray()).Refusal);
    }

    [Fact]
    public void A_truncated_image_is_refused_rather_than_padded_with_grey()
    {
        var photo = TestPhotos.Photo(800, 600);

        Assert.Equal(ImageRefusal.Undecodable, Refuse(photo[..(photo.Length / 2)]).Refusal);
    }

    [Fact]
    public void A_header_claiming_100000_by_100000_pixels_is_refused_before_anything_is_decoded()
    {
        var bomb = TestPhotos.PngClaiming(100_000, 100_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var result = Refuse(bomb);

        // 40 GB of RGBA could not have been allocated here: TooManyPixels is the header check, not a failed allocation.
        Assert.Equal(ImageRefusal.TooManyPixels, result.Refusal);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, 1024 * 1024);
    }

    [Fact]
    public void The_pixel_limit_is_configurable()
    {
        var photo = TestPhotos.Photo(2000, 1000);

        Assert.Equal(ImageRefusal.TooManyPixels, Refuse(photo, new ImageRenditionOptions { MaxMegapixels = 1 }).Refusal);
        Assert.True(Refuse(photo, new ImageRenditionOptions { MaxMegapixels = 2 }).Made);
    }

    [Fact]
    public void A_cancelled_request_makes_nothing()
    {
        using var stream = new MemoryStream(TestPictures.Jpeg(64, 64));

        Assert.Throws<OperationCanceledException>(() => ImageRenditions.Make(stream, Defaults, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void The_options_refuse_a_thumbnail_larger_than_the_display_picture()
    {
        var options = new ImageRenditionOptions { DisplayMaxEdge = 512, ThumbnailMaxEdge = 1024 };
        var errors = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(ImageRenditionOptions.ThumbnailMaxEdge)));
        Assert.True(Validator.TryValidateObject(Defaults, new ValidationContext(Defaults), [], validateAllProperties: true));
    }
}
