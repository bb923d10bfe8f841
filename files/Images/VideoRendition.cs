namespace GoChat.Files.Images;

/// <summary>What the server makes from an uploaded video: the renditions of its first frame, and how long it runs.</summary>
public sealed record VideoRendition(ImageRendition FirstFrame, TimeSpan? Duration)
{
    /// <summary>As the video is seen: after the rotation its container asks for, which ffmpeg applies to the frame.</summary>
    public int Width => FirstFrame.Width;

    public int Height => FirstFrame.Height;
}
