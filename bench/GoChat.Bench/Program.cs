using System.Globalization;
using GoChat.Bench.Commands;
using GoChat.Bench.Measure;
using GoChat.Bench.Workloads;
using GoChat.Bench.Xmpp;

namespace GoChat.Bench;

/// <summary>
/// The benchmark's load generator. One process drives one workload against one system and prints one
/// <see cref="WorkloadResult"/> JSON line (stdout, and appended to --out). Progress goes to stderr.
/// Commands: the GoChat (SignalR) workloads and ceilings here, the ejabberd ones in <see cref="XmppCommands"/>, the scale ones in
/// <see cref="ScaleCommands"/>; the argument parser is <see cref="Args"/>.
/// Pinning is the caller's: e.g. server on CPU 0, `taskset -c 1 dotnet bench/GoChat.Bench/bin/Release/net10.0/GoChat.Bench.dll ...`.
/// </summary>
public static class Program
{
    private const string Usage = """
        usage: GoChat.Bench <command> [options]

        commands:
          gochat-w1     one-to-one over SignalR: --users N --rates 5,10,20 (msgs/s per user, stepped until the knee)
                        --warmup W --duration D [--gateway http://127.0.0.1:5180]
                        [--ordinary]       users signed in the ordinary way (rate-limited), not as exempt load users
                        [--windows 3]      measurement windows of --duration s per rate, back to back: one result line each
                        [--like-web]       receivers mark every message read, 20 % of sends typed (--typing-share 0.2)
                        [--pg-stats CS]    PostgreSQL whose checkpoints / autovacuums are counted per window
                                           (default: the bench database; 'none' to skip)
                        [--runtime-probes URL,URL]  GoChat processes whose /api/bench/runtime is read per window (default:
                                           the gateway, and for --system gochat-split also the silo on :5190; 'none')
                                           (default ports move by BENCH_PORT_OFFSET, as bench/gochat.sh's)
          relay-w1      the same against the bare SignalR relay (ceiling): [--gateway http://127.0.0.1:5200]
          gochat-w2     group fan-out: --members M --messages K [--gateways URL,URL] [--warmup-messages 5] [--like-web]
                        [--online N]  only the first N members connect   [--counters URL,URL]  silo/gateway base URLs of
                        a stack started with BENCH_COUNTERS=1: Orleans messages and SignalR pushes per message
          gochat-w8     one user's flood (also: flood): --users N --rate R (load users, exempt, in pairs as W1) --rounds K --phase S
                        [--warmup 5] [--flood-connections 4] [--flood-in-flight 8]: phases alternate without and with one
                        ordinary (rate-limited) user flooding SendMessage; the load users' latency off vs on
          gochat-w3     idle connections: --connections N --gateway-pid P --silo-pid P [--settle 10]
          relay-w3      the same against the bare SignalR relay (ceiling): --connections N --gateway-pid P
          gochat-w4     reconnect catch-up: --missed N [--repeats 3]
          gochat-w6     big address book: --conversations 2000 --changed 500 [--per-conversation 2] [--repeats 3]: one user
                        offline while --changed conversations get messages; connect → full list, and → every missed one
          gochat-w10    files (also: files): [--size-mb 100 --memory-mb 200 --server-pids p,q --work-dir DIR]
          gochat-w11    channel broadcast (also: channel): [--gateways u1,u2 --subscribers 100000 --online 10000 --posts 10 --connection-string CS]
                        upload/download throughput against a plain copy, server memory while streaming, 12 MP thumbnail
          gochat-w9     search at scale (also: search): [--messages 1000000 --chats 200 (the searcher's) --other-chats 1800
                        --own-share 0.2 --rounds 20]: history filled by COPY, then the searcher's queries over REST (across
                        chats and inside one; Malay stems, English, two words, misspellings): latency p50/p95/p99
          ceiling-pg    batched insert of message rows: --connection-string CS [--batch 512] [--connections 1] [--duration 10]
          ceiling-echo  bare Kestrel WebSocket echo: [--url ws://127.0.0.1:5200/ws-echo] [--clients 50] [--duration 10]
          report        --run DIR --markdown bench/RESULTS.md --plots bench/plots --command "..."
          check         --run DIR: fails unless every result delivered something with nothing lost or duplicated

        common options:
          --host 127.0.0.1 --port 5222 --domain bench.local
          --prefix u --password pw       users <prefix>1..<prefix>N (bench/ejabberd/ejabberd.sh register u N pw)
          --login-concurrency 50 --login-timeout 30
          --grace 5                      seconds to wait for stragglers after the last send
          --server-pids 1,2,3            pids whose CPU is the server's; default: the output of
          --server-pids-cmd CMD          (default 'bash bench/ejabberd/ejabberd.sh pids', found from the cwd up)
          --tier durable|routing         default: read from bench/.work/ejabberd/mode
          --system ejabberd              first field of the result
          --out FILE                     append the JSON line to FILE
          --max-seconds S                hard stop for the whole run (default: generous, from the parameters)
        """ + "\n\nejabberd (XMPP) workloads:\n" + XmppCommands.Usage + "\nscale workloads:\n" + ScaleCommands.Usage;

    public static async Task<int> Main(string[] argv)
    {
        if (argv.Length == 0 || argv[0] is "-h" or "--help" or "help")
        {
            Console.Error.WriteLine(Usage);
            return argv.Length == 0 ? 2 : 0;
        }
        Args args;
        try
        {
            args = Args.Parse(argv.Skip(1), flags: ["from-intended", "one-way", "ordinary", "like-web", "wide"]);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{e.Message}\n\n{Usage}");
            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        try
        {
            switch (argv[0])
            {
                case "gochat-w1":
                case "relay-w1":
                {
                    var relay = argv[0] == "relay-w1";
                    var o = new SignalROneToOne.Options(
                        // gochat: the one-process node (silo serving the gateway); gochat-split: silo and gateway apart.
                        System: relay ? "relay" : args.String("system", "gochat"),
                        Gateway: new Uri(args.String("gateway", relay ? BenchPorts.Relay : BenchPorts.Gateway)),
                        HubPath: relay ? "/hubs/relay" : "/hubs/chat",
                        Users: args.Int("users", 200),
                        Rates: args.String("rates", "5,10,20").Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList(),
                        WarmupSeconds: args.Double("warmup", 5),
                        DurationSeconds: args.Double("duration", 20),
                        ServerPids: GoChatServerPids(args),
                        Out: args.StringOrNull("out"),
                        CurvesDir: args.StringOrNull("curves"),
                        GraceSeconds: args.Double("grace", 10),
                        Ordinary: args.Flag("ordinary"),
                        Windows: args.Int("windows", 3),
                        LikeWeb: args.Flag("like-web"),
                        TypingShare: args.Double("typing-share", 0.2),
                        PostgresStats: args.String("pg-stats", relay ? "none" : BenchDatabase) is var pg && pg != "none" ? pg : null,
                        RuntimeProbes: RuntimeProbes(args, relay));
                    args.ThrowOnUnused();
                    StartWatchdog(300 + o.Rates.Count * (o.WarmupSeconds + o.Windows * o.DurationSeconds + o.GraceSeconds + 5) + o.Users / 10.0);
                    await new SignalROneToOne(o).Run(cts.Token);
                    return 0;
                }
                case "gochat-w8":
                case "flood":
                {
                    var o = new GoChatFlood.Options(
                        Gateway: new Uri(args.String("gateway", BenchPorts.Gateway)),
                        Users: args.Int("users", 200),
                        Rate: args.Double("rate", 5),
                        WarmupSeconds: args.Double("warmup", 5),
                        PhaseSeconds: args.Double("phase", 10),
                        Rounds: args.Int("rounds", 3),
                        FloodConnections: args.Int("flood-connections", 4),
                        FloodInFlight: args.Int("flood-in-flight", 8),
                        ServerPids: GoChatServerPids(args),
                        Out: args.StringOrNull("out"),
                        CurvesDir: args.StringOrNull("curves"),
                        GraceSeconds: args.Double("grace", 10));
                    args.ThrowOnUnused();
                    StartWatchdog(300 + o.Users / 10.0 + o.WarmupSeconds + 2 * o.Rounds * o.PhaseSeconds + o.GraceSeconds);
                    await new GoChatFlood(o).Run(cts.Token);
                    return 0;
                }
                case "gochat-w2":
                {
                    var o = new GoChatGroupFanout.Options(
                        Gateways: args.String("gateways", BenchPorts.Gateways).Split(',').Select(g => new Uri(g)).ToList(),
                        Members: args.Int("members", 100),
                        Messages: args.Int("messages", 20),
                        WarmupMessages: args.Int("warmup-messages", 5),
                        ServerPids: GoChatServerPids(args),
                        Out: args.StringOrNull("out"),
                        CurvesDir: args.StringOrNull("curves"),
                        GraceSeconds: args.Double("grace", 10),
                        LikeWeb: args.Flag("like-web"),
                        TypingShare: args.Double("typing-share", 0.2),
                        Online: args.Int("online", 0),
                        CounterUrls: args.StringOrNull("counters")?.Split(',').Select(u => new Uri(u)).ToList());
                    args.ThrowOnUnused();
                    StartWatchdog(300 + o.Members / 10.0 + (o.Messages + o.WarmupMessages) * o.GraceSeconds);
                    await new GoChatGroupFanout(o).Run(cts.Token);
                    return 0;
                }
                case "gochat-w3":
                case "relay-w3":
                {
                    var relay = argv[0] == "relay-w3";
                    var o = new GoChatIdleConnections.Options(
                        Gateway: new Uri(args.String("gateway", relay ? BenchPorts.Relay : BenchPorts.Gateway)),
                        Connections: args.Int("connections", 2000),
                        GatewayPid: args.Int("gateway-pid", 0),
                        SiloPid: args.Int("silo-pid", 0),
                        Out: args.StringOrNull("out"),
                        SettleSeconds: args.Double("settle", 10),
                        Relay: relay);
                    args.ThrowOnUnused();
                    StartWatchdog(300 + o.Connections / 20.0);
                    await new GoChatIdleConnections(o).Run(cts.Token);
                    return 0;
                }
                case "gochat-w4":
                {
                    var o = new GoChatCatchUp.Options(
                        Gateway: new Uri(args.String("gateway", BenchPorts.Gateway)),
                        Missed: args.Int("missed", 10_000),
                        Repeats: args.Int("repeats", 3),
                        ServerPids: GoChatServerPids(args),
                        Out: args.StringOrNull("out"));
                    args.ThrowOnUnused();
                    StartWatchdog(300 + o.Repeats * (o.Missed / 200.0 + 60));
                    await new GoChatCatchUp(o).Run(cts.Token);
                    return 0;
                }
                case "gochat-w6":
                {
                    var o = new GoChatAddressBook.Options(
                        Gateway: new Uri(args.String("gateway", BenchPorts.Gateway)),
                        Conversations: args.Int("conversations", 2000),
                        Changed: args.Int("changed", 500),
                        PerConversation: args.Int("per-conversation", 2),
                        Repeats: args.Int("repeats", 3),
                        ServerPids: GoChatServerPids(args),
                        Out: args.StringOrNull("out"));
                    args.ThrowOnUnused();
                    StartWatchdog(300 + o.Conversations / 10.0 + o.Repeats * (o.TimeoutSeconds + o.Changed * o.PerConversation / 100.0));
                    await new GoChatAddressBook(o).Run(cts.Token);
                    return 0;
                }
                case "gochat-w9":
                case "search":
                {
                    var o = new GoChatSearch.Options(
                        Gateway: new Uri(args.String("gateway", BenchPorts.Gateway)),
                        ConnectionString: args.String("connection-string", BenchDatabase),
                        Messages: args.Int("messages", 1_000_000),
                        Chats: args.Int("chats", 200),
                        OtherChats: args.Int("other-chats", 1800),
                        OwnShare: args.Double("own-share", 0.2),
                        Rounds: args.Int("rounds", 20),
                        ServerPids: GoChatServerPids(args),
                        Out: args.StringOrNull("out"));
                    args.ThrowOnUnused();
                    StartWatchdog(900 + o.Messages / 1000.0);
                    await new GoChatSearch(o).Run(cts.Token);
                    return 0;
                }
                case "gochat-w11":
                case "channel":
                {
                    var o = new GoChatChannel.Options(
                        Gateways: args.String("gateways", BenchPorts.Gateway).Split(',').Select(g => new Uri(g)).ToList(),
                        ConnectionString: args.String("connection-string", BenchDatabase),
                        Subscribers: args.Int("subscribers", 100_000),
                        Online: args.Int("online", 10_000),
                        Posts: args.Int("posts", 10),
                        Out: args.StringOrNull("out"));
                    args.ThrowOnUnused();
                    StartWatchdog(1800);
                    await new GoChatChannel(o).Run(cts.Token);
                    return 0;
                }
                case "gochat-w10":
                case "files":
                {
                    var o = new GoChatFiles.Options(
                        Gateway: new Uri(args.String("gateway", BenchPorts.Gateway)),
                        SizeMb: args.Int("size-mb", 100),
                        MemoryMb: args.Int("memory-mb", 200),
                        ServerPids: GoChatServerPids(args),
                        Out: args.StringOrNull("out"),
                        WorkDir: args.String("work-dir", Path.Combine(Path.GetTempPath(), "gochat-w10")));
                    args.ThrowOnUnused();
                    StartWatchdog(1800);
                    await new GoChatFiles(o).Run(cts.Token);
                    return 0;
                }
                case "ceiling-pg":
                {
                    var o = new PostgresCeiling.Options(
                        ConnectionString: args.String("connection-string", BenchDatabase),
                        BatchSize: args.Int("batch", 512),
                        Connections: args.Int("connections", 1),
                        DurationSeconds: args.Double("duration", 10),
                        ServerPids: GoChatServerPids(args),
                        Out: args.StringOrNull("out"));
                    args.ThrowOnUnused();
                    StartWatchdog(120 + o.DurationSeconds);
                    await new PostgresCeiling(o).Run(cts.Token);
                    return 0;
                }
                case "ceiling-echo":
                {
                    var o = new WebSocketEcho.Options(
                        Url: new Uri(args.String("url", $"ws://127.0.0.1:{5200 + BenchPorts.Offset}/ws-echo")),
                        Clients: args.Int("clients", 50),
                        DurationSeconds: args.Double("duration", 10),
                        ServerPids: GoChatServerPids(args),
                        Out: args.StringOrNull("out"));
                    args.ThrowOnUnused();
                    StartWatchdog(120 + o.DurationSeconds);
                    await new WebSocketEcho(o).Run(cts.Token);
                    return 0;
                }
                case "report":
                {
                    var run = args.String("run", "bench/.work/run");
                    var markdown = args.String("markdown", "bench/RESULTS.md");
                    var plots = args.String("plots", "bench/plots");
                    var command = args.String("command", "bash bench/run.sh");
                    args.ThrowOnUnused();
                    Report.ResultsReport.Write(run, markdown, plots, command);
                    Console.Error.WriteLine($"wrote {markdown} and plots in {plots}");
                    return 0;
                }
                case "check":
                {
                    var run = args.String("run", "bench/.work/run");
                    args.ThrowOnUnused();
                    return Report.ResultsCheck.Run(run);
                }
                default:
                    if ((XmppCommands.Find(argv[0], args, StartWatchdog) ?? ScaleCommands.Find(argv[0], args, GoChatServerPids, StartWatchdog)) is { } other)
                    {
                        return await other(cts.Token);
                    }
                    Console.Error.WriteLine($"unknown command '{argv[0]}'\n\n{Usage}");
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (Exception e) when (e is XmppException or TimeoutException or IOException or System.Net.Sockets.SocketException
                                      or InvalidOperationException)
        {
            Console.Error.WriteLine($"failed: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
    }

    /// <summary>The W1 node (or gateway), and the silo when they run apart: their Benchmark-only runtime route.</summary>
    private static IReadOnlyList<Uri>? RuntimeProbes(Args args, bool relay)
    {
        var gateway = args.String("gateway", BenchPorts.Gateway);
        var split = args.String("system", "gochat") == "gochat-split";
        var list = args.String("runtime-probes", relay ? "none" : split ? $"{gateway},{BenchPorts.Silo}" : gateway);
        return list == "none" ? null : list.Split(',').Select(u => new Uri(u)).ToList();
    }

    private static string BenchDatabase => BenchPorts.BenchDatabase;

    /// <summary>--server-pids 1,2,3, or what `bench/gochat.sh pids` prints (silo, gateways, PostgreSQL).</summary>
    private static IReadOnlyList<int> GoChatServerPids(Args args)
    {
        string? script = ServerPids.FindRepoFile("bench/gochat.sh");
        return ServerPids.Resolve(args.StringOrNull("server-pids"), script is null ? null : $"bash '{script}' pids");
    }

    /// <summary>Every run stops by itself: past the limit the process exits whatever it is doing.</summary>
    private static void StartWatchdog(double seconds)
    {
        var timer = new Thread(() =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(seconds));
            Console.Error.WriteLine($"watchdog: run exceeded {seconds:F0} s, exiting");
            Environment.Exit(3);
        })
        { IsBackground = true, Name = "watchdog" };
        timer.Start();
    }
}
