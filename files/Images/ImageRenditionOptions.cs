using System.ComponentModel.DataAnnotations;

namespace GoChat.Files.Images;

/// <summary>Section "Files:Images": the pictures the server makes from an uploaded image (see <see cref="ImageRenditions"/>).</summary>
public sealed class ImageRenditionOptions : IValidatableObject
{
    public const string Section = "Files:Images";

    /// <summary>
    /// Above this many pixels (width × height, read from the header before anything is decoded) an image gets no
    /// renditions: a few kilobytes of PNG can claim 100,000 × 100,000. 50 MP passes every phone and most cameras.
    /// </summary>
    [Range(1, 1000)] public int MaxMegapixels { get; set; } = 50;

    /// <summary>The picture a client shows when the image is opened; 2048 fills a laptop screen at full width.</summary>
    [Range(256, 8192)] public int DisplayMaxEdge { get; set; } = 2048;

    /// <summary>The picture in the message list; 320 is sharp on a 2× screen at the bubble's width.</summary>
    [Range(32, 2048)] public int ThumbnailMaxEdge { get; set; } = 320;

    /// <summary>Clients stretch and blur this while the thumbnail loads; past a few dozen pixels it is no longer tiny.</summary>
    [Range(4, 64)] public int PlaceholderMaxEdge { get; set; } = 16;

    [Range(50, 100)] public int JpegQuality { get; set; } = 85;

    /// <summary>Low: the placeholder is blurred on screen, so its detail is wasted bytes.</summary>
    [Range(1, 100)] public int PlaceholderQuality { get; set; } = 50;

    public long MaxPixels => MaxMegapixels * 1_000_000L;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ThumbnailMaxEdge > DisplayMaxEdge)
            yield return new ValidationResult("The thumbnail cannot be larger than the display picture.", [nameof(ThumbnailMaxEdge)]);
        if (PlaceholderMaxEdge > ThumbnailMaxEdge)
            yield return new ValidationResult("The placeholder cannot be larger than the thumbnail.", [nameof(PlaceholderMaxEdge)]);
    }
}
