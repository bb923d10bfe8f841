using System.Diagnostics.CodeAnalysis;

namespace GoChat.Files.Images;

/// <summary>Either the renditions or why there are none.</summary>
public sealed record ImageRenditionResult
{
    private ImageRenditionResult(ImageRendition? rendition, ImageRefusal? refusal) => (Rendition, Refusal) = (rendition, refusal);

    public ImageRendition? Rendition { get; }

    public ImageRefusal? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Rendition))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Made => Rendition is not null;

    public static ImageRenditionResult Of(ImageRendition rendition) => new(rendition, null);

    public static ImageRenditionResult Refused(ImageRefusal refusal) => new(null, refusal);
}
