using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GoChat.Bench.GoChatSide;
using GoChat.Broadcasts.Images;
using GoChat.Broadcasts.Marks;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using SkiaSharp;

namespace GoChat.Bench.Workloads;

/// <summary>
/// W11 (the channels issue's "W8"), an official broadcast to a big mandatory channel: <see cref="Options.Subscribers"/>
/// subscribers, of whom <see cref="Options.Online"/> are connected across the gateways and the rest are directory rows
/// made in one statement. Each SULIT post is marked per recipient at the gateways; the figure is the time from the post
/// to the last online subscriber holding it. Every online subscriber must get each post exactly once, each copy
/// different; anything else stops the run. Then the on-download image mark's throughput, on one core.
/// </summary>
public sealed class GoChatChannel(GoChatChannel.Options options)
{
    public sealed record Options(IReadOnlyList<Uri> Gateways, string ConnectionString, int Subscribers, int Online, int Posts, string? Out);

    public async Task Run(CancellationToken ct)
    {
        var lines = new List<string>();
        void Report(string line)
        {
            Console.WriteLine(line);
            lines.Add(line);
        }
        var gateway = options.Gateways[0];
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(10) };
        var agency = await (await http.PostAsJsonAsync("/api/bench/agencies", new { name = $"W11 {Guid.NewGuid():N}"[..16] }, ct)).Content.ReadFromJsonAsync<Guid>(ct);
        var tag = $"w11{Guid.NewGuid():N}"[..9];
        var admin = (await Provision(http, $"{tag}a", 1, agency, "AgencyAdmin", ct))[0];
        var online = await Provision(http, $"{tag}s", options.Online, agency, "User", ct);
        await BulkDirectoryRows(agency, options.Subscribers - options.Online - 1, ct);

        using var adminHttp = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(10) };
        adminHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
        var created = Stopwatch.StartNew();
        var response = await adminHttp.PostAsJsonAsync($"/api/admin/agencies/{agency}/channels",
            new { name = "W11 hebahan", description = "bench", audience = "OwnAgency", mandatory = true }, ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"W11: channel creation answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        var channel = (await response.Content.ReadFromJsonAsync<ChannelInfo>(ct))!;
        Report($"W11 mandatory channel created and {channel.Subscribers:N0} subscribers enrolled in one statement: {created.Elapsed.TotalSeconds:F2} s");

        var hubs = options.Gateways.Select(g => new Uri(g, "/hubs/chat")).ToList();
        var arrivals = new ConcurrentDictionary<long, ConcurrentBag<(Guid User, long Ticks, string Text)>>();
        var clients = await HubClient.ConnectAll(hubs, online, ct);
        foreach (var c in clients)
        {
            c.OnMessage = (client, m) =>
            {
                if (m.ConversationId == channel.Id && m.Kind == MessageKind.Text)
                    arrivals.GetOrAdd(m.Seq, _ => []).Add((client.UserId, Stopwatch.GetTimestamp(), m.Text ?? ""));
            };
        }
        await HubClient.SyncAll(clients, ct);
        await using var poster = HubClient.Create(0, hubs[0], admin);
        await poster.Connection.StartAsync(ct);

        var times = new List<double>();
        for (var i = 0; i < options.Posts; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var ack = await poster.Connection.InvokeAsync<SendAck>("PostBroadcast", new
            {
                channelId = channel.Id.ToString(), clientMessageId = $"w11-{i}", level = "SULIT", tags = new[] { "w11" },
                text = $"Arahan {i}: semua pegawai hendaklah membaca pekeliling ini sebelum hujung minggu dan mengesahkan penerimaan.",
            }, ct);
            var deadline = Stopwatch.StartNew();
            while (!arrivals.TryGetValue(ack.Seq, out var got) || got.Count < clients.Length)
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"W11: post {i} reached {(arrivals.TryGetValue(ack.Seq, out var g) ? g.Count : 0)} of {clients.Length} in 60 s.");
                await Task.Delay(5, ct);
            }
            await Task.Delay(200, ct); // a duplicate would show here
            var copies = arrivals[ack.Seq].ToList();
            if (copies.Count != clients.Length || copies.Select(c => c.User).Distinct().Count() != clients.Length) throw new InvalidDataException($"W11: post {i} arrived {copies.Count} times for {clients.Length} subscribers.");
            if (copies.Select(c => c.Text).Distinct().Count() != clients.Length) throw new InvalidDataException($"W11: post {i}: two subscribers got the same copy.");
            times.Add(Stopwatch.GetElapsedTime(start, copies.Max(c => c.Ticks)).TotalMilliseconds);
        }
        times.Sort();
        Report($"W11 SULIT post to {channel.Subscribers:N0} subscribers, {clients.Length:N0} online across {options.Gateways.Count} gateway(s), each copy marked for its reader: " +
            $"time to the last online subscriber median {times[times.Count / 2]:F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms ({options.Posts} posts); each arrived once, every copy different");
        await HubClient.DisposeAll(clients);

        ImageThroughput(Report);
        if (options.Out is { } output) await File.AppendAllLinesAsync(output, lines, ct);
    }

    /// <summary>The gateway's on-download work for one picture (decode, overlay, mark, JPEG), on this one thread.</summary>
    private static void ImageThroughput(Action<string> report)
    {
        var marking = new ImageMarkOptions(new byte[32]);
        var codeword = MarkCodec.Encode(new DeliveryMark(0x01020304, 0x05060708090A0B0C));
        foreach (var (w, h, label) in new[] { (2048, 1536, "preview (2048x1536, 3 MP)"), (1280, 960, "1280x960") })
        {
            var picture = Photo(w, h);
            ImageWatermark.Embed(picture, codeword, new VisibleMark("Warm up", "W11"), marking);
            var runs = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                ImageWatermark.Embed(picture, codeword, new VisibleMark("Nur Aisyah binti Ahmad", $"SULIT · W11 · {i}"), marking);
                runs.Add(watch.Elapsed.TotalSeconds);
            }
            runs.Sort();
            report($"W11 image mark on download, {label} JPEG, one thread: median {runs[2] * 1000:F0} ms, {1 / runs[2]:F1} pictures per second per core (5 runs)");
        }
    }

    private static byte[] Photo(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        var random = new Random(width);
        for (var y = 0; y < height; y += 4)
        for (var x = 0; x < width; x += 4)
        {
            var v = (byte)Math.Clamp(90 + x * 80 / width + y * 60 / height + random.Next(-25, 26), 0, 255);
            using var paint = new SKPaint { Color = new SKColor(v, (byte)(255 - v / 2), (byte)(v / 2 + 40)) };
            canvas.DrawRect(x, y, 4, 4, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static async Task<BenchUser[]> Provision(HttpClient http, string prefix, int count, Guid agency, string role, CancellationToken ct)
    {
        var users = new List<BenchUser>(count);
        for (var c = 0; users.Count < count; c++)
        {
            var response = await http.PostAsJsonAsync("/api/bench/users", new { prefix = $"{prefix}.{c}", count = Math.Min(1000, count - users.Count), agencyId = agency, role }, ct);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"W11: provisioning answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            var body = await response.Content.ReadFromJsonAsync<ProvisionedUser[]>(ct);
            users.AddRange(body!.Select(b => new BenchUser(b.UserId, b.Handle, b.AccessToken)));
        }
        return [.. users];
    }

    /// <summary>The subscribers who are never online: directory rows of the agency, as an import would leave them.</summary>
    private async Task BulkDirectoryRows(Guid agency, int count, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO gochat_users (id, email, display_name, agency_id, is_external, role, status, created_at, updated_at)
            SELECT gen_random_uuid(), 'w11-' || g || '-' || @tag || '@bench.gov.my', 'W11 ' || g, @a, false, 0, 1, now(), now()
            FROM generate_series(1, @n) AS g
            """, connection);
        cmd.Parameters.AddWithValue("a", agency);
        cmd.Parameters.AddWithValue("n", count);
        cmd.Parameters.AddWithValue("tag", Guid.NewGuid().ToString("N")[..8]);
        cmd.CommandTimeout = 300;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private sealed record ProvisionedUser(Guid UserId, string Handle, string AccessToken);
}
