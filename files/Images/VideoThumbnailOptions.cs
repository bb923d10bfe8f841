using System.ComponentModel.DataAnnotations;

namespace GoChat.Files.Images;

/// <summary>Section "Files:Video": how the first frame of an uploaded video is taken (see <see cref="VideoThumbnails"/>).</summary>
public sealed class VideoThumbnailOptions
{
    public const string Section = "Files:Video";

    /// <summary>Debian's ffmpeg by default; a video gets no thumbnail on a machine without it.</summary>
    [Required] public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>Reads the duration; without it a video's thumbnail still comes, its duration does not.</summary>
    [Required] public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>For each ffmpeg and ffprobe run; a first frame takes well under a second, so this only stops a stuck one.</summary>
    [Range(1, 600)] public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The only demuxers ffmpeg may use (its -format_whitelist): "mov" covers MP4, MOV and 3GP, "matroska" WebM and
    /// MKV. Without a list ffmpeg probes every format it knows, among them HLS and concat playlists that make it read
    /// other files (/etc/passwd drawn into the "first frame").
    /// </summary>
    [Required, RegularExpression("^[a-z0-9_]+(,[a-z0-9_]+)*$")] public string Demuxers { get; set; } = "mov,matroska";

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
