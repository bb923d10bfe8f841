using GoChat.Files.Scanning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GoChat.Files.Tests.Scanning;

internal static class Scanners
{
    public static ClamdScanner Tcp(ClamdServer server, int timeoutSeconds = 60, int chunkBytes = 64 * 1024) =>
        For(new ClamdOptions { Host = server.Host, Port = server.Port, TimeoutSeconds = timeoutSeconds, ChunkBytes = chunkBytes });

    public static ClamdScanner Unix(ClamdServer server) => For(new ClamdOptions { UnixSocket = server.UnixSocket });

    public static ClamdScanner For(ClamdOptions options) => new(Options.Create(options), NullLogger<ClamdScanner>.Instance);

    public static Task<ScanVerdict> Scan(this IMalwareScanner scanner, byte[] content) => scanner.Scan(new MemoryStream(content), CancellationToken.None);
}
