namespace GoChat.Files.Types;

/// <summary>
/// What the bytes alone say: the types they fit (two when the container is the same for audio and video, as WebM and
/// MP4 are), or why they are not allowed whatever the file is called.
/// </summary>
internal sealed record Sniffed(IReadOnlyList<FileType> Candidates, string? Refusal)
{
    public static Sniffed As(FileType type) => new([type], null);

    /// <summary>Video first: a browser plays an audio-only file as video, not the other way round.</summary>
    public static Sniffed AudioOrVideo(FileType audio, FileType video) => new([video, audio], null);

    public static Sniffed NotAllowed(string reason) => new([], reason);

    public static readonly Sniffed Unrecognised = NotAllowed(
        "GoChat does not recognise what this file is. Documents (PDF, Word, Excel, PowerPoint, OpenDocument), pictures, "
        + "audio, video, plain text and zip archives can be sent.");
}
