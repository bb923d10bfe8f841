using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GoChat.Bench.GoChatSide;
using GoChat.Bench.Measure;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using NpgsqlTypes;

namespace GoChat.Bench.Workloads;

/// <summary>
/// W9, search at scale: one load user in <see cref="Options.Chats"/> groups, and <see cref="Options.Messages"/> text
/// messages in the index, <see cref="Options.OwnShare"/> of them in that user's chats and the rest in chats of
/// others (which the membership join must skip). The chats are made through the hub; their history is filled by
/// binary COPY into gochat_messages (the rows the batched writer would write; PostgreSQL computes the generated
/// search column on the way in), and the words into the misspelling list. Then the user's searches run one after
/// another over REST, as the web client sends them: across all chats and inside one, Malay words whose stems
/// match inflected forms, English words, two-word queries and misspellings. One line per query set: latency
/// percentiles, and how many queries found nothing (a query meant to find something that does not is counted lost;
/// one that finds what it must not stops the run).
/// </summary>
public sealed class GoChatSearch(GoChatSearch.Options options)
{
    public sealed record Options(Uri Gateway, string ConnectionString, long Messages, int Chats, int OtherChats, double OwnShare,
        int Rounds, IReadOnlyList<int> ServerPids, string? Out, int Seed = 9);

    // Everyday official Malay and English; the stems the queries use come from inflected forms here.
    private static readonly string[] Vocabulary =
    [
        "perkhidmatan", "berkhidmat", "mesyuarat", "bermesyuarat", "pekeliling", "permohonan", "memohon", "kelulusan",
        "diluluskan", "laporan", "melaporkan", "peruntukan", "kewangan", "perolehan", "tender", "jabatan", "kementerian",
        "pegawai", "kakitangan", "cuti", "tarikh", "minit", "agenda", "bajet", "projek", "pelaksanaan", "dilaksanakan",
        "semakan", "disemak", "dokumen", "surat", "arahan", "keselamatan", "latihan", "kursus", "penilaian", "prestasi",
        "the", "meeting", "meetings", "report", "reports", "budget", "approval", "approved", "deadline", "schedule",
        "tolong", "sila", "terima", "kasih", "esok", "hari", "ini", "pagi", "petang", "bilik", "dan", "untuk", "yang",
    ];

    /// <summary>
    /// In one message of <see cref="RareEvery"/>: a search that the recent bands hardly answer goes back band by band
    /// to the first message. And a word in no message at all (nor near one), which goes all the way back and finds none.
    /// </summary>
    private const string RareWord = "sijil";
    private const int RareEvery = 10_000;
    private const string AbsentWord = "kenderaan";
    /// <summary>In one message of <see cref="OthersEvery"/> of other people's chats, none of the searcher's: what the
    /// searcher may not read must cost little to skip.</summary>
    private const string OthersWord = "audit";
    private const int OthersEvery = 10;

    private static readonly (string Query, bool InChat)[] Queries =
    [
        ("khidmat", false), ("mesyuarat", false), ("pekeliling", false), ("mohon", false), ("lulus", false),
        ("laporan kewangan", false), ("peruntukan projek", false), ("meeting", false), ("reports", false),
        ("budget approval", false), ("pekelilng", false), ("peruntkan", false), ("kursus latihan", false),
        ("semak dokumen", false), ("tender", false), (RareWord, false), (AbsentWord, false), (OthersWord, false), ("mesyuarat", true), ("laporan", true), ("deadline", true),
        ("pelaksanaan projek", true), ("cuti", true),
    ];

    public async Task Run(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var users = await HubClient.Provision(options.Gateway, $"w9-{Guid.NewGuid():N}"[..12], 2, ct);
        var (me, peer) = (users[0], users[1]);
        var mine = new Guid[options.Chats];
        await using (var owner = HubClient.Create(0, new Uri(options.Gateway, "/hubs/chat"), me))
        {
            await owner.Connection.StartAsync(ct);
            for (var i = 0; i < options.Chats; i++)
                mine[i] = (await owner.Connection.InvokeAsync<ConversationInfo>("CreateGroup", $"W9 {i}", new[] { peer.UserId.ToString() }, ct)).Id;
        }
        var others = Enumerable.Range(0, options.OtherChats).Select(_ => Guid.NewGuid()).ToArray();
        Console.Error.WriteLine($"[gochat W9] {options.Chats} chats of the searcher made in {watch.Elapsed.TotalSeconds:F1} s; filling {options.Messages:N0} messages");

        watch.Restart();
        await Fill(mine, others, peer.UserId, ct);
        Console.Error.WriteLine($"[gochat W9] filled and analysed in {watch.Elapsed.TotalSeconds:F1} s");

        using var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", me.AccessToken);
        // One pass unmeasured: the first queries warm PostgreSQL's caches and the search grain's activation.
        foreach (var (q, inChat) in Queries) await Search(http, q, inChat ? mine[0] : null, ct);

        foreach (var inChat in new[] { false, true })
        {
            var set = Queries.Where(x => x.InChat == inChat).ToArray();
            var latencies = new List<double>();
            var perQuery = set.ToDictionary(x => x.Query, _ => new List<double>());
            long empty = 0, hits = 0;
            var cpu0 = ProcessCpu.Take(options.ServerPids);
            var client0 = ProcessCpu.Self();
            var started = Stopwatch.StartNew();
            for (var r = 0; r < options.Rounds; r++)
            {
                foreach (var (q, _) in set)
                {
                    var t = Stopwatch.GetTimestamp();
                    var found = await Search(http, q, inChat ? mine[r % mine.Length] : null, ct);
                    latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    perQuery[q].Add(latencies[^1]);
                    hits += found;
                    if (q is AbsentWord or OthersWord)
                    {
                        if (found > 0) throw new InvalidOperationException($"search '{q}' found {found} messages it may not or cannot find");
                    }
                    else if (found == 0) empty++;
                }
            }
            var seconds = started.Elapsed.TotalSeconds;
            latencies.Sort();
            // Which query costs what: the percentiles alone hide that one query shape is slow and the rest are not.
            foreach (var (q, times) in perQuery)
                Console.Error.WriteLine($"[gochat W9]   '{q}': median {times.Order().ElementAt(times.Count / 2):F1} ms, max {times.Max():F1} ms");
            double P(double p) => Math.Round(latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)], 1);
            var result = new WorkloadResult("gochat", inChat ? "w9-search-in-chat" : "w9-search",
                $"messages={options.Messages} chats={options.Chats} others={options.OtherChats} own={options.OwnShare:0.##} queries={latencies.Count}",
                latencies.Count, latencies.Count - empty, empty, 0, seconds, Math.Round(latencies.Count / seconds, 1),
                P(0.50), P(0.95), P(0.99), Math.Round(latencies[^1], 1),
                ProcessCpu.SecondsBetween(cpu0, ProcessCpu.Take(options.ServerPids)), ProcessCpu.SecondsBetween(client0, ProcessCpu.Self()),
                Counters: new Dictionary<string, double> { ["w9.hitsPerQuery"] = Math.Round((double)hits / latencies.Count, 1) });
            Console.Error.WriteLine($"[gochat W9] {(inChat ? "inside one chat" : "across chats")}: {latencies.Count} queries, p50 {result.P50Ms} ms, p95 {result.P95Ms} ms, p99 {result.P99Ms} ms, max {result.MaxMs} ms, {empty} found nothing");
            result.Emit(options.Out);
        }
    }

    /// <summary>Hits on the first page (up to 20).</summary>
    private static async Task<int> Search(HttpClient http, string q, Guid? chat, CancellationToken ct)
    {
        var url = $"/api/search/messages?limit=20&q={Uri.EscapeDataString(q)}" + (chat is { } c ? $"&conversationId={c}" : "");
        using var response = await http.GetAsync(url, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"search '{q}' answered {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("hits").GetArrayLength());
    }

    private async Task Fill(Guid[] mine, Guid[] others, Guid sender, CancellationToken ct)
    {
        var random = new Random(options.Seed);
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        var seqs = new Dictionary<Guid, long>();
        var now = DateTimeOffset.UtcNow;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY gochat_messages (conversation_id, seq, sender_id, kind, body, sent_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            var text = new StringBuilder();
            for (long n = 0; n < options.Messages; n++)
            {
                var own = random.NextDouble() < options.OwnShare;
                var chat = own ? mine[random.Next(mine.Length)] : others[random.Next(others.Length)];
                // Above the seqs the hub's own entries took (a group's creation and its member), far enough not to meet them.
                var seq = seqs[chat] = seqs.GetValueOrDefault(chat, 1_000) + 1;
                text.Clear();
                for (int w = 0, words = 6 + random.Next(14); w < words; w++) text.Append(w == 0 ? "" : " ").Append(Vocabulary[random.Next(Vocabulary.Length)]);
                if (random.Next(RareEvery) == 0) text.Append(' ').Append(RareWord);
                if (!own && random.Next(OthersEvery) == 0) text.Append(' ').Append(OthersWord);
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(chat, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(seq, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(sender, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync((short)0, NpgsqlDbType.Smallint, ct);
                await copy.WriteAsync(text.ToString(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(now.AddSeconds(-(options.Messages - n)), NpgsqlDbType.TimestampTz, ct);
                if (n % 200_000 == 0 && n > 0) Console.Error.WriteLine($"[gochat W9] {n:N0} rows");
            }
            await copy.CompleteAsync(ct);
        }
        await using (var words = new NpgsqlCommand("INSERT INTO gochat_search_words (word) SELECT unnest(@w) ON CONFLICT DO NOTHING", connection))
        {
            words.Parameters.AddWithValue("w", Vocabulary.Append(RareWord).Append(OthersWord).ToArray());
            await words.ExecuteNonQueryAsync(ct);
        }
        // A table that grew message by message has been vacuumed and its BRIN ranges summarised by autovacuum as it
        // went; a million rows COPY'd at once have not, and the queries would meet autovacuum doing it mid-run.
        await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) gochat_messages", connection) { CommandTimeout = 600 })
        {
            await vacuum.ExecuteNonQueryAsync(ct);
        }
        await using var analyze = new NpgsqlCommand("ANALYZE gochat_search_words; ANALYZE gochat_cursors", connection) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync(ct);
    }
}
