namespace GoChat.Files.Images;

/// <summary>Why an upload gets no renditions. The file itself is still a file: it is offered for download as it is.</summary>
public enum ImageRefusal
{
    /// <summary>No codec recognises the bytes, or the header declares no pixels.</summary>
    NotAnImage,

    /// <summary>The header declares more than <see cref="ImageRenditionOptions.MaxPixels"/>; nothing was decoded.</summary>
    TooManyPixels,

    /// <summary>The header is fine but the pixels are not (truncated, corrupt, or an encoding Skia does not decode).</summary>
    Undecodable,
}
