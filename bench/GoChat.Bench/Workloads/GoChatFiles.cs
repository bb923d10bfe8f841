using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using GoChat.Bench.GoChatSide;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;
using SkiaSharp;

namespace GoChat.Bench.Workloads;

/// <summary>
/// W10, files through the gateway: a file of <see cref="Options.SizeMb"/> MB uploaded over tus in one PATCH (as a
/// client on a good network sends it), checked (type, SHA-256, clamd when the stack runs one), sent in a message and
/// downloaded by the other member, against a plain copy of the same file on the same disk. Then a file of
/// <see cref="Options.MemoryMb"/> MB while the server processes' resident memory is sampled: the growth over the
/// baseline is what streaming (one chunk per request in flight) keeps bounded. Then a 12-megapixel photo: time from
/// its last byte to its thumbnail. Every download is compared with the upload by SHA-256; a mismatch stops the run.
/// </summary>
public sealed class GoChatFiles(GoChatFiles.Options options)
{
    public sealed record Options(Uri Gateway, int SizeMb, int MemoryMb, IReadOnlyList<int> ServerPids, string? Out, string WorkDir);

    public async Task Run(CancellationToken ct)
    {
        Directory.CreateDirectory(options.WorkDir);
        var users = await HubClient.Provision(options.Gateway, $"w10-{Guid.NewGuid():N}"[..12], 2, ct);
        var (alice, bob) = (users[0], users[1]);
        using var aliceHttp = Http(alice);
        using var bobHttp = Http(bob);
        await using var hub = HubClient.Create(0, new Uri(options.Gateway, "/hubs/chat"), alice);
        await hub.Connection.StartAsync(ct);
        var chat = (await hub.Connection.InvokeAsync<ConversationInfo>("CreateDirectConversation", bob.UserId.ToString(), ct)).Id;
        var lines = new List<string>();
        void Report(string line)
        {
            Console.WriteLine(line);
            lines.Add(line);
        }

        var source = Path.Combine(options.WorkDir, "w10-source.pdf");
        var sha = WriteFile(source, options.SizeMb);
        var copy = Timed(() => PlainCopy(source, Path.Combine(options.WorkDir, "w10-copy.pdf")));
        var mb = options.SizeMb;
        Report($"W10 plain copy of {mb} MB (read, write, fsync): {copy:F2} s, {mb / copy:F0} MB/s");

        var (upload, sent) = await Upload(aliceHttp, source, ct);
        var ready = await WaitReady(aliceHttp, upload, ct);
        Report($"W10 upload of {mb} MB through the gateway (one PATCH): {sent:F2} s, {mb / sent:F0} MB/s, ratio to copy {copy / sent:F2}; checks until ready {ready:F2} s");

        var seq = await Send(hub, chat, upload, ct);
        var blob = await BlobOf(bobHttp, chat, seq, ct);
        var target = Path.Combine(options.WorkDir, "w10-download.pdf");
        var (received, downloaded) = await Download(bobHttp, chat, seq, blob, target, ct);
        if (!received.SequenceEqual(sha)) throw new InvalidDataException("W10: the download differs from the upload.");
        Report($"W10 download of {mb} MB by the other member (to disk, fsync): {downloaded:F2} s, {mb / downloaded:F0} MB/s, ratio to copy {copy / downloaded:F2}; byte-identical (SHA-256)");

        var big = Path.Combine(options.WorkDir, "w10-memory.pdf");
        var bigSha = WriteFile(big, options.MemoryMb);
        using (var sampler = new RssSampler(options.ServerPids))
        {
            var before = sampler.Baseline();
            var (bigUpload, bigSent) = await Upload(aliceHttp, big, ct);
            await WaitReady(aliceHttp, bigUpload, ct);
            var peak = sampler.Peak();
            Report($"W10 {options.MemoryMb} MB upload in {bigSent:F1} s: peak resident memory growth during upload and checks " +
                   string.Join(", ", before.Select(b => $"pid {b.Key} {(peak[b.Key] - b.Value) / 1024.0 / 1024:F1} MB (from {b.Value / 1024.0 / 1024:F0} MB)")));
            var bigSeq = await Send(hub, chat, bigUpload, ct);
            var bigBlob = await BlobOf(bobHttp, chat, bigSeq, ct);
            sampler.Reset();
            before = sampler.Baseline();
            var (bigReceived, _) = await Download(bobHttp, chat, bigSeq, bigBlob, target, ct);
            if (!bigReceived.SequenceEqual(bigSha)) throw new InvalidDataException("W10: the large download differs from its upload.");
            peak = sampler.Peak();
            Report($"W10 {options.MemoryMb} MB download, byte-identical: peak resident memory growth " +
                   string.Join(", ", before.Select(b => $"pid {b.Key} {(peak[b.Key] - b.Value) / 1024.0 / 1024:F1} MB")));
        }

        var photo = Path.Combine(options.WorkDir, "w10-photo.jpg");
        WritePhoto(photo);
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var (photoUpload, _) = await Upload(aliceHttp, photo, ct, name: $"foto-{i}.jpg", variant: (byte)i);
            times.Add(await WaitReady(aliceHttp, photoUpload, ct));
            var photoSeq = await Send(hub, chat, photoUpload, ct, AttachmentKind.Image);
            var photoBlob = await BlobOf(bobHttp, chat, photoSeq, ct);
            var link = await Link(bobHttp, chat, photoSeq, photoBlob, FileVariant.Thumbnail, ct);
            using var thumb = SKBitmap.Decode(await bobHttp.GetByteArrayAsync(link, ct)) ?? throw new InvalidDataException("W10: no thumbnail.");
        }
        times.Sort();
        Report($"W10 12-megapixel photo ({new FileInfo(photo).Length / 1024 / 1024.0:F1} MB JPEG), last byte to thumbnail ready: median {times[2]:F2} s, min {times[0]:F2} s, max {times[^1]:F2} s (5 photos)");

        foreach (var f in Directory.GetFiles(options.WorkDir, "w10-*")) File.Delete(f);
        if (options.Out is { } output) await File.AppendAllLinesAsync(output, lines, ct);
    }

    private HttpClient Http(BenchUser user)
    {
        var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        http.DefaultRequestHeaders.Add("Tus-Resumable", "1.0.0");
        return http;
    }

    /// <returns>The upload's id and the seconds from creation to the last PATCH's answer.</returns>
    private static async Task<(Guid Id, double Seconds)> Upload(HttpClient http, string path, CancellationToken ct, string? name = null, byte variant = 0)
    {
        var length = new FileInfo(path).Length;
        var watch = Stopwatch.StartNew();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/uploads");
        create.Headers.Add("Upload-Length", length.ToString());
        create.Headers.Add("Upload-Metadata", "filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes(name ?? Path.GetFileName(path))));
        using var created = await http.SendAsync(create, ct);
        created.EnsureSuccessStatusCode();
        var location = created.Headers.Location!;
        await using var file = new VariedFile(path, variant);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new StreamContent(file, 1024 * 1024) };
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        patch.Content.Headers.ContentLength = length;
        using var patched = await http.SendAsync(patch, ct);
        if (!patched.IsSuccessStatusCode) throw new InvalidOperationException($"W10: PATCH answered {(int)patched.StatusCode}: {await patched.Content.ReadAsStringAsync(ct)}");
        return (Guid.Parse(location.OriginalString.Split('/').Last()), watch.Elapsed.TotalSeconds);
    }

    /// <returns>Seconds until the checks cleared it.</returns>
    private static async Task<double> WaitReady(HttpClient http, Guid upload, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var info = await http.GetFromJsonAsync<UploadInfo>($"/api/uploads/{upload:N}", ct);
            if (info!.Status == UploadStatus.Ready) return watch.Elapsed.TotalSeconds;
            if (info.Status == UploadStatus.Refused) throw new InvalidOperationException($"W10: upload refused: {info.RefusalCode} {info.Refusal}");
            if (watch.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("W10: the checks did not finish in 10 minutes.");
            await Task.Delay(20, ct);
        }
    }

    private static async Task<long> Send(HubClient hub, Guid chat, Guid upload, CancellationToken ct, AttachmentKind? kind = null) =>
        (await hub.Connection.InvokeAsync<SendAck>("SendMessage", new
        {
            ConversationId = chat.ToString(), ClientMessageId = Guid.NewGuid().ToString("N"), Text = "",
            Attachments = new[] { new { UploadId = upload.ToString("N"), Kind = kind } },
        }, ct)).Seq;

    private static async Task<Guid> BlobOf(HttpClient http, Guid chat, long seq, CancellationToken ct)
    {
        // The member reads the message as history: its attachment names the blob.
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(http.BaseAddress!, "/hubs/chat"),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(http.DefaultRequestHeaders.Authorization!.Parameter)).Build();
        await hub.StartAsync(ct);
        var messages = await hub.InvokeAsync<ChatMessage[]>("GetHistory", chat.ToString(), seq + 1, 1, ct);
        return messages.Single(m => m.Seq == seq).Attachments![0].BlobId;
    }

    private static async Task<string> Link(HttpClient http, Guid chat, long seq, Guid blob, FileVariant variant, CancellationToken ct)
    {
        using var response = await http.PostAsync($"/api/conversations/{chat}/messages/{seq}/files/{blob}/link?variant={variant}", null, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LinkBody>(ct))!.Url;
    }

    private static async Task<(byte[] Sha, double Seconds)> Download(HttpClient http, Guid chat, long seq, Guid blob, string target, CancellationToken ct)
    {
        var link = await Link(http, chat, seq, blob, FileVariant.Original, ct);
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(link, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1024 * 1024))
        {
            var buffer = new byte[1024 * 1024];
            int n;
            while ((n = await body.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            file.Flush(flushToDisk: true);
        }
        return (hash.GetHashAndReset(), watch.Elapsed.TotalSeconds);
    }

    /// <summary>Random bytes behind a PDF header (what the sniffer looks at); random so nothing compresses or dedupes.</summary>
    private static byte[] WriteFile(string path, int megabytes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1024 * 1024);
        var buffer = new byte[1024 * 1024];
        for (var i = 0; i < megabytes; i++)
        {
            RandomNumberGenerator.Fill(buffer);
            if (i == 0) "%PDF-1.7\n"u8.CopyTo(buffer);
            hash.AppendData(buffer);
            file.Write(buffer);
        }
        file.Flush(flushToDisk: true);
        return hash.GetHashAndReset();
    }

    private static void PlainCopy(string from, string to)
    {
        using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024);
        using var target = new FileStream(to, FileMode.Create, FileAccess.Write, FileShare.None, 1024 * 1024);
        source.CopyTo(target, 1024 * 1024);
        target.Flush(flushToDisk: true);
    }

    /// <summary>A 4000 x 3000 photo-like JPEG (noise over gradients, quality 90: as large as a phone's).</summary>
    private static void WritePhoto(string path)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(4000, 3000, SKColorType.Bgra8888, SKAlphaType.Opaque));
        var random = new Random(10);
        var pixels = new SKColor[4000 * 3000];
        for (var y = 0; y < 3000; y++)
            for (var x = 0; x < 4000; x++)
                pixels[y * 4000 + x] = new SKColor((byte)(x * 255 / 4000), (byte)(y * 255 / 3000), (byte)random.Next(256));
        bitmap.Pixels = pixels;
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static double Timed(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private sealed record LinkBody(string Url);

    /// <summary>The file with one byte near its end changed by <paramref name="variant"/>: five photos, five blobs (no dedupe).</summary>
    private sealed class VariedFile(string path, byte variant) : FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024)
    {
        public override int Read(byte[] buffer, int offset, int count) => Vary(Position, buffer.AsSpan(offset, base.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var at = Position;
            var n = await base.ReadAsync(buffer, cancellationToken);
            return Vary(at, buffer.Span[..n]);
        }

        private int Vary(long at, Span<byte> read)
        {
            // JPEG data before its end marker: a changed byte of entropy-coded data still decodes.
            var target = Length - 100;
            if (variant != 0 && at <= target && target < at + read.Length) read[(int)(target - at)] ^= variant;
            return read.Length;
        }
    }

    /// <summary>Resident memory (VmRSS) of the server processes, sampled every 10 ms on a thread of its own.</summary>
    private sealed class RssSampler : IDisposable
    {
        private readonly IReadOnlyList<int> _pids;
        private readonly Dictionary<int, long> _peak = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;

        public RssSampler(IReadOnlyList<int> pids)
        {
            _pids = pids;
            _thread = new Thread(() =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    lock (_peak) foreach (var pid in _pids) _peak[pid] = Math.Max(_peak.GetValueOrDefault(pid), Rss(pid));
                    Thread.Sleep(10);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public Dictionary<int, long> Baseline() => _pids.ToDictionary(p => p, Rss);

        public Dictionary<int, long> Peak()
        {
            lock (_peak) return new(_peak);
        }

        public void Reset()
        {
            lock (_peak) _peak.Clear();
        }

        private static long Rss(int pid)
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            }
            catch (IOException)
            {
                return 0;
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
        }
    }
}
