using System.Globalization;
using GoChat.Bench.Workloads;

namespace GoChat.Bench.Commands;

/// <summary>The scale workloads' commands (W5 connections, W7 slow consumers), parsed apart from Program's switch.</summary>
public static class ScaleCommands
{
    public const string Usage = """
          gochat-w5     many idle connections on one gateway (also: connections): --stages 1000,50000 (connections in all)
                        --gateway-pid P --silo-pid P [--pairs 10 --rate 2 (1:1 msgs/s per pair user) --measure 20 --settle 10
                        --warm 200 --idle-gateways URL,URL (the same gateway's ports) --sources 1 (loopback source addresses)]
          gochat-w7     slow consumers (also: slow): --members 1000 --slow 50 [--messages 200 (per phase) --interval-ms 50
                        --text-chars 3000 --wide (CJK text: 6 bytes a character on the wire) --slow-rcvbuf 4096 --slow-mss 1400 --grace 30]: the others' p99 without and with the slow members
        """;

    /// <summary>Runs the command if it is one of these; null if not.</summary>
    public static Func<CancellationToken, Task<int>>? Find(string command, Args args, Func<Args, IReadOnlyList<int>> serverPids, Action<double> watchdog)
    {
        switch (command)
        {
            case "gochat-w5":
            case "connections":
            {
                var gateway = new Uri(args.String("gateway", BenchPorts.Gateway));
                var o = new GoChatConnections.Options(
                    Gateway: gateway,
                    IdleGateways: (args.StringOrNull("idle-gateways") ?? gateway.ToString()).Split(',').Select(g => new Uri(g)).ToList(),
                    Stages: args.String("stages", "1000,50000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(),
                    Pairs: args.Int("pairs", 10),
                    Rate: args.Double("rate", 2),
                    MeasureSeconds: args.Double("measure", 20),
                    SettleSeconds: args.Double("settle", 10),
                    Warm: args.Int("warm", 200),
                    SourceAddresses: args.Int("sources", 1),
                    GatewayPid: args.Int("gateway-pid", 0),
                    SiloPid: args.Int("silo-pid", 0),
                    ServerPids: serverPids(args),
                    Out: args.StringOrNull("out"),
                    CurvesDir: args.StringOrNull("curves"),
                    GraceSeconds: args.Double("grace", 10));
                args.ThrowOnUnused();
                if (o.GatewayPid <= 0 || o.SiloPid <= 0) throw new ArgumentException("gochat-w5 needs --gateway-pid and --silo-pid");
                // Provisioning and connecting run at roughly a thousand a second on this machine; generous on top.
                watchdog(600 + o.Stages.Max() / 100.0 + o.Stages.Count * (o.MeasureSeconds + o.SettleSeconds + o.GraceSeconds));
                return async ct =>
                {
                    await new GoChatConnections(o).Run(ct);
                    return 0;
                };
            }
            case "gochat-w7":
            case "slow":
            {
                var o = new GoChatSlowConsumers.Options(
                    Gateway: new Uri(args.String("gateway", BenchPorts.Gateway)),
                    Members: args.Int("members", 1000),
                    Slow: args.Int("slow", 50),
                    MessagesPerPhase: args.Int("messages", 200),
                    IntervalMs: args.Double("interval-ms", 50),
                    PaddingChars: args.Int("text-chars", 3000),
                    Wide: args.Flag("wide"),
                    SlowReceiveBuffer: args.Int("slow-rcvbuf", 4096),
                    SlowMaxSegment: args.Int("slow-mss", 1400),
                    ServerPids: serverPids(args),
                    Out: args.StringOrNull("out"),
                    CurvesDir: args.StringOrNull("curves"),
                    GraceSeconds: args.Double("grace", 30));
                args.ThrowOnUnused();
                watchdog(300 + o.Members / 20.0 + 2 * (o.MessagesPerPhase * o.IntervalMs / 1000 + o.GraceSeconds));
                return async ct =>
                {
                    await new GoChatSlowConsumers(o).Run(ct);
                    return 0;
                };
            }
            default:
                return null;
        }
    }
}
