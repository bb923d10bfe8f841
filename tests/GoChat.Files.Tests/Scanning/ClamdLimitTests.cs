using System.IO.Compression;
using GoChat.Files.Scanning;

namespace GoChat.Files.Tests.Scanning;

/// <summary>
/// What lies past clamd's limits is refused, never passed as clean. A clamd of its own with <see cref="ClamdLimits.Small"/>
/// (1 MiB files and scans, 2 MiB streams, 4 archives deep) keeps these fast.
/// </summary>
public class ClamdLimitTests
{
    private const int MiB = 1024 * 1024;
    private static readonly Lazy<Task<ClamdServer>> SmallServer = new(() => ClamdServer.StartAsync(ClamdLimits.Small));

    [Fact]
    public async Task A_file_over_MaxFileSize_is_not_passed_as_clean()
    {
        var verdict = await Scanners.Tcp(await SmallServer.Value).Scan(new GeneratedStream(MiB + MiB / 2, []), CancellationToken.None);
        Assert.Equal(ScanOutcome.Unscannable, verdict.Outcome);
        Assert.Equal("Heuristics.Limits.Exceeded.MaxFileSize", verdict.Detail);
    }

    [Fact]
    public async Task An_archive_whose_contents_pass_MaxScanSize_is_not_passed_as_clean()
    {
        // 600 KiB stored, so clamd scans the archive and then its entry: 1.2 MiB in all, over the 1 MiB it may scan.
        var content = new byte[600 * 1024];
        new Random(15).NextBytes(content);
        var verdict = await Scanners.Tcp(await SmallServer.Value).Scan(TestArchives.Zip("data.bin", content, CompressionLevel.NoCompression));
        Assert.Equal(ScanOutcome.Unscannable, verdict.Outcome);
        Assert.StartsWith("Heuristics.Limits.Exceeded", verdict.Detail);
    }

    [Fact]
    public async Task Eicar_nested_deeper_than_MaxRecursion_is_not_passed_as_clean()
    {
        var verdict = await Scanners.Tcp(await SmallServer.Value).Scan(TestArchives.Nested(Eicar.Bytes(), depth: 8));
        Assert.Equal(ScanOutcome.Unscannable, verdict.Outcome);
        Assert.Equal("Heuristics.Limits.Exceeded.MaxRecursion", verdict.Detail);
    }

    [Fact]
    public async Task A_stream_over_StreamMaxLength_is_not_passed_as_clean()
    {
        var upload = new GeneratedStream(16 * MiB, []);
        var verdict = await Scanners.Tcp(await SmallServer.Value).Scan(upload, CancellationToken.None);
        Assert.Equal(ScanOutcome.Unscannable, verdict.Outcome);
        Assert.Contains("StreamMaxLength", verdict.Detail);
        // clamd's early answer stops the upload: the rest of the file is not pushed at a closed connection.
        Assert.True(upload.Position < upload.Total, "The scanner read the whole stream after clamd had refused it.");
    }
}
