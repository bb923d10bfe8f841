using System.Diagnostics;
using GoChat.Files.Images;
using SkiaSharp;

namespace GoChat.Files.Tests;

/// <summary>Needs Debian's ffmpeg (scripts/ensure-prereqs.sh installs it); the videos are made with its own test source.</summary>
public class VideoThumbnailTests
{
    private static readonly VideoThumbnailOptions Video = new();
    private static readonly ImageRenditionOptions Images = new();

    /// <summary>
    /// An H.264 MP4 of ffmpeg's test pattern, its first tenth of a second painted red so the first frame can be told
    /// from the rest. ffmpeg writes the MP4 index (moov) at the end, as phones often do. A rotation is set by a remux
    /// (ffmpeg 5 drops it from a stream it encodes), as a phone held upright records it.
    /// </summary>
    private static async Task<byte[]> TestVideo(int width, int height, double seconds, int? rotation = null)
    {
        var directory = Directory.CreateTempSubdirectory("gochat-video-test-");
        try
        {
            var path = Path.Combine(directory.FullName, "test.mp4");
            await Ffmpeg("-f", "lavfi", "-i", FormattableString.Invariant($"testsrc=size={width}x{height}:rate=25:duration={seconds}"),
                "-vf", "drawbox=x=0:y=0:w=iw:h=ih:color=red:t=fill:enable='lt(t,0.1)'",
                "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", path);
            if (rotation is { } degrees)
            {
                var rotated = Path.Combine(directory.FullName, "rotated.mp4");
                await Ffmpeg("-i", path, "-c", "copy", "-metadata:s:v", $"rotate={degrees}", rotated);
                path = rotated;
            }
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task Ffmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in (string[])["-nostdin", "-loglevel", "error", .. arguments]) start.ArgumentList.Add(argument);
        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start; run scripts/ensure-prereqs.sh");
        var errors = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, errors);
    }

    private static async Task<VideoRendition?> Make(byte[] file, VideoThumbnailOptions? video = null)
    {
        using var stream = new MemoryStream(file, writable: false);
        return await VideoThumbnails.Make(stream, video ?? Video, Images, CancellationToken.None);
    }

    [Fact]
    public async Task A_video_gets_the_thumbnail_and_placeholder_of_its_first_frame_and_its_duration()
    {
        var rendition = await Make(await TestVideo(640, 360, seconds: 2));

        Assert.NotNull(rendition);
        Assert.Equal((640, 360), (rendition.Width, rendition.Height));
        Assert.Equal(2.0, rendition.Duration?.TotalSeconds ?? 0, precision: 1);
        var thumbnail = rendition.FirstFrame.Thumbnail;
        Assert.Equal(("image/jpeg", 320, 180), (thumbnail.ContentType, thumbnail.Width, thumbnail.Height));
        Assert.Equal("image/webp", rendition.FirstFrame.Placeholder.ContentType);
        using var pixels = SKBitmap.Decode(thumbnail.Data);
        var centre = pixels.GetPixel(pixels.Width / 2, pixels.Height / 2);
        Assert.True(centre.Red > 200 && centre.Green < 70 && centre.Blue < 70, $"the first frame is red, not {centre}");
    }

    [Fact]
    public async Task A_video_recorded_on_its_side_gets_an_upright_thumbnail()
    {
        var rendition = await Make(await TestVideo(320, 240, seconds: 0.5, rotation: 90));

        Assert.NotNull(rendition);
        Assert.Equal((240, 320), (rendition.Width, rendition.Height));
        Assert.Equal((240, 320), (rendition.FirstFrame.Thumbnail.Width, rendition.FirstFrame.Thumbnail.Height));
    }

    [Fact]
    public async Task A_playlist_posing_as_a_video_does_not_make_ffmpeg_read_other_files()
    {
        var directory = Directory.CreateTempSubdirectory("gochat-video-test-");
        try
        {
            var secret = Path.Combine(directory.FullName, "secret.ts");
            await Ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", secret);
            var playlist = System.Text.Encoding.ASCII.GetBytes($"#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nfile://{secret}\n#EXT-X-ENDLIST\n");

            Assert.Null(await Make(playlist));
            // The demuxer list is what stops it: with HLS allowed, ffmpeg follows the playlist to the server's own file.
            Assert.NotNull(await Make(playlist, new VideoThumbnailOptions { Demuxers = "hls,mpegts" }));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bytes_that_are_not_a_video_get_no_thumbnail()
    {
        Assert.Null(await Make(TestPictures.Jpeg(64, 64)));
        Assert.Null(await Make(new byte[1000]));
    }

    [Fact]
    public async Task Without_ffmpeg_a_video_gets_no_thumbnail_and_no_error()
    {
        var missing = new VideoThumbnailOptions { FfmpegPath = "/nonexistent/ffmpeg", FfprobePath = "/nonexistent/ffprobe" };

        Assert.Null(await Make(await TestVideo(160, 120, seconds: 0.2), missing));
    }

    [Fact]
    public async Task Without_ffprobe_the_thumbnail_still_comes_without_a_duration()
    {
        var rendition = await Make(await TestVideo(160, 120, seconds: 0.2), new VideoThumbnailOptions { FfprobePath = "/nonexistent/ffprobe" });

        Assert.NotNull(rendition);
        Assert.Null(rendition.Duration);
    }
}
