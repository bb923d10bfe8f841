using System.Text;
using GoChat.Files.Scanning;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GoChat.Files.Tests.Scanning;

/// <summary>Against a real clamd (<see cref="ClamdServer.Shared"/>, roomy limits) whose only signature is ours for EICAR.</summary>
public class ClamdScannerTests
{
    [Fact]
    public async Task Clean_bytes_pass()
    {
        var scanner = Scanners.Tcp(await ClamdServer.Shared);
        Assert.Equal(ScanVerdict.Clean, await scanner.Scan(Encoding.UTF8.GetBytes("Mesyuarat jam 3 petang, bilik 2.")));
    }

    [Fact]
    public async Task The_eicar_test_file_is_found_and_named_by_its_signature()
    {
        var verdict = await Scanners.Tcp(await ClamdServer.Shared).Scan(Eicar.Bytes());
        Assert.Equal(ScanOutcome.Infected, verdict.Outcome);
        Assert.StartsWith(ClamdServer.EicarSignature, verdict.Detail);
    }

    [Fact]
    public async Task Eicar_inside_a_zip_is_found()
    {
        var verdict = await Scanners.Tcp(await ClamdServer.Shared).Scan(TestArchives.Zip("report.txt", Eicar.Bytes()));
        Assert.Equal(ScanOutcome.Infected, verdict.Outcome);
        Assert.StartsWith(ClamdServer.EicarSignature, verdict.Detail);
    }

    [Fact]
    public async Task Eicar_is_found_over_the_unix_socket_too()
    {
        var verdict = await Scanners.Unix(await ClamdServer.Shared).Scan(Eicar.Bytes());
        Assert.Equal(ScanOutcome.Infected, verdict.Outcome);
    }

    [Fact]
    public async Task An_encrypted_zip_is_not_passed_as_clean()
    {
        var verdict = await Scanners.Tcp(await ClamdServer.Shared).Scan(TestArchives.Encrypted("secret.txt", Encoding.UTF8.GetBytes("nothing to see")));
        Assert.Equal(ScanOutcome.Unscannable, verdict.Outcome);
        Assert.StartsWith("Heuristics.Encrypted", verdict.Detail);
    }

    [Fact]
    public async Task A_20_MB_stream_is_sent_a_chunk_at_a_time_and_scanned_to_its_last_byte()
    {
        const int chunkBytes = 64 * 1024;
        var scanner = Scanners.Tcp(await ClamdServer.Shared, chunkBytes: chunkBytes);
        // EICAR after 20 MB: found only if every chunk before it reached clamd.
        var upload = new GeneratedStream(20 * 1024 * 1024, Eicar.Bytes());
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var verdict = await scanner.Scan(upload, CancellationToken.None);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal(ScanOutcome.Infected, verdict.Outcome);
        Assert.Equal(upload.Total, upload.Position);
        Assert.True(upload.LargestRead <= chunkBytes, $"A read asked for {upload.LargestRead} bytes.");
        Assert.True(upload.Reads > upload.Total / chunkBytes, $"{upload.Reads} reads for {upload.Total} bytes.");
        // Nothing like the file's 20 MB: the scanner copies it through one pooled buffer.
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated} bytes allocated while scanning.");
    }

    [Fact]
    public async Task A_20_MB_clean_stream_passes()
    {
        var upload = new GeneratedStream(20 * 1024 * 1024, []);
        Assert.Equal(ScanVerdict.Clean, await Scanners.Tcp(await ClamdServer.Shared).Scan(upload, CancellationToken.None));
    }

    [Fact]
    public async Task Clamd_answers_a_ping()
    {
        var server = await ClamdServer.Shared;
        Assert.True(await Scanners.Tcp(server).Ping(CancellationToken.None));
        Assert.True(await Scanners.Unix(server).Ping(CancellationToken.None));
    }

    [Fact]
    public async Task The_health_check_is_healthy_while_clamd_answers()
    {
        var check = new ScannerHealthCheck(Scanners.Tcp(await ClamdServer.Shared), Options.Create(new ScanningOptions()));
        var result = await check.CheckHealthAsync(HealthChecks.Context(check, HealthStatus.Degraded));
        Assert.Equal(HealthStatus.Healthy, result.Status);
    }
}
