namespace GoChat.Files.Images;

/// <summary>
/// What the server makes from an uploaded image. <see cref="Width"/> and <see cref="Height"/> are the original's, as
/// it is seen (after its EXIF orientation). <see cref="Animated"/> says the renditions show only the first frame.
/// </summary>
public sealed record ImageRendition(
    int Width,
    int Height,
    bool Animated,
    RenditionPicture Display,
    RenditionPicture Thumbnail,
    RenditionPicture Placeholder);
