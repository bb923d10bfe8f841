using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace GoChat.Files.Images;

/// <summary>
/// The first frame of an uploaded video, taken with Debian's ffmpeg CLI when it is installed, and made into the same
/// display picture, thumbnail and placeholder as an image (<see cref="ImageRenditions"/>). No ffmpeg, a file ffmpeg
/// cannot read, or a run past the timeout: no rendition (null), never an exception.
/// </summary>
/// <remarks>
/// The video is written to a temporary file rather than piped: an MP4's index (moov) is often at the end, and
/// ffmpeg must seek to it. ffmpeg reads only that file (-protocol_whitelist file) with the allowed demuxers, on one
/// thread (a first frame gains nothing from more, and the server has other work), and writes the frame as PNG,
/// turned as the container says, for <see cref="ImageRenditions"/> to check and encode like any upload.
/// </remarks>
public static class VideoThumbnails
{
    public static async Task<VideoRendition?> Make(Stream source, VideoThumbnailOptions video, ImageRenditionOptions images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(images);

        var directory = Directory.CreateTempSubdirectory("gochat-video-");
        try
        {
            // No extension: ffmpeg is told what it may read, it does not guess from a name.
            var input = Path.Combine(directory.FullName, "video");
            await using (var file = new FileStream(input, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await source.CopyToAsync(file, cancellationToken);
            }

            var frame = Path.Combine(directory.FullName, "frame.png");
            var extracted = await Run(video.FfmpegPath, video.Timeout, cancellationToken,
                "-nostdin", "-hide_banner", "-loglevel", "error",
                "-protocol_whitelist", "file", "-format_whitelist", video.Demuxers, "-threads", "1",
                "-i", input,
                "-map", "0:v:0", "-frames:v", "1", "-an", "-sn", "-dn",
                "-f", "image2", "-update", "1", "-c:v", "png", "-compression_level", "1", frame);
            if (extracted is not { ExitCode: 0 } || !File.Exists(frame)) return null;

            var duration = await Duration(input, video, cancellationToken);
            ImageRenditionResult result;
            await using (var picture = new FileStream(frame, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
            {
                result = ImageRenditions.Make(picture, images, cancellationToken);
            }
            return result.Made ? new VideoRendition(result.Rendition, duration) : null;
        }
        finally
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A killed ffmpeg can hold the frame open for a moment; the system's temp cleaner gets it later.
            }
        }
    }

    private static async Task<TimeSpan?> Duration(string input, VideoThumbnailOptions video, CancellationToken cancellationToken)
    {
        var probed = await Run(video.FfprobePath, video.Timeout, cancellationToken,
            "-hide_banner", "-loglevel", "error",
            "-protocol_whitelist", "file", "-format_whitelist", video.Demuxers,
            "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", input);
        // "N/A" for a stream that does not say (some WebM); the thumbnail is no less good for it.
        return probed is { ExitCode: 0 } && double.TryParse(probed.Value.Output.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    /// <summary>Runs the program to its end and returns its exit code and output; null when it is not installed or runs past the timeout.</summary>
    private static async Task<(int ExitCode, string Output)?> Run(string program, TimeSpan timeout, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            // Read and dropped: ffmpeg's complaints about a broken upload are not the server's errors.
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return null;
        }
        if (process is null) return null;

        using (process)
        {
            // Both pipes are drained as the program writes, or a full pipe would stop it until the timeout.
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                await Task.WhenAll(output, errors);
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }
            await Task.WhenAll(output, errors);
            return (process.ExitCode, await output);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in the meantime.
        }
    }
}
