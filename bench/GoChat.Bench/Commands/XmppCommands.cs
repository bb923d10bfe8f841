using System.Globalization;
using GoChat.Bench.Measure;
using GoChat.Bench.Workloads;
using GoChat.Bench.Xmpp;

namespace GoChat.Bench.Commands;

/// <summary>The ejabberd (XMPP) workloads' commands, W1 and W2 against the server GoChat is compared with.</summary>
public static class XmppCommands
{
    public const string Usage = """
          ejabberd-w1   one-to-one: --users N (even) --rate R msgs/s per user --warmup W s --duration D s
                        [--from-intended]  latency from the scheduled send time (coordinated-omission corrected)
                        [--one-way]        only the first user of each pair sends (offered N/2 x R)
                        [--windows 1]      measurement windows of --duration s, back to back: one result line each
          ejabberd-w2   group fan-out: --members M --messages K [--interval-ms 200] [--senders 1]
                        [--warmup-messages 10] [--room NAME] [--join-timeout 60]
        """;

    /// <summary>Runs the command if it is one of these; null if not.</summary>
    public static Func<CancellationToken, Task<int>>? Find(string command, Args args, Action<double> watchdog)
    {
        switch (command)
        {
            case "ejabberd-w1":
            {
                var run = XmppRunFrom(args);
                var o = new OneToOneOptions(
                    Users: args.Int("users", 200),
                    Rate: args.Double("rate", 10),
                    WarmupSeconds: args.Double("warmup", 15),
                    DurationSeconds: args.Double("duration", 60),
                    FromIntended: args.Flag("from-intended"),
                    OneWay: args.Flag("one-way"),
                    Windows: args.Int("windows", 1));
                double limit = args.Double("max-seconds",
                    600 + o.WarmupSeconds + o.Windows * o.DurationSeconds + run.GraceSeconds + o.Users / 20.0);
                args.ThrowOnUnused();
                watchdog(limit);
                return async ct =>
                {
                    foreach (var result in await XmppOneToOne.RunAsync(run, o, ct)) result.Emit(run.OutFile);
                    return 0;
                };
            }
            case "ejabberd-w2":
            {
                var run = XmppRunFrom(args);
                var o = new GroupFanoutOptions(
                    Members: args.Int("members", 100),
                    Messages: args.Int("messages", 20),
                    IntervalMs: args.Double("interval-ms", 200),
                    Senders: args.Int("senders", 1),
                    WarmupMessages: args.Int("warmup-messages", 10),
                    Room: args.String("room", "bench" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                    JoinTimeout: TimeSpan.FromSeconds(args.Double("join-timeout", 60)));
                double limit = args.Double("max-seconds",
                    900 + (o.Messages + o.WarmupMessages) * o.IntervalMs / 1000 + run.GraceSeconds + o.Members / 5.0);
                args.ThrowOnUnused();
                watchdog(limit);
                return async ct =>
                {
                    (await XmppGroupFanout.RunAsync(run, o, ct)).Emit(run.OutFile);
                    return 0;
                };
            }
            default:
                return null;
        }
    }

    private static XmppRun XmppRunFrom(Args args)
    {
        string? script = ServerPids.FindRepoFile("bench/ejabberd/ejabberd.sh");
        string tier = args.String("tier", ReadTier(script) ?? "unknown");
        return new XmppRun
        {
            Client = new XmppClientOptions
            {
                Host = args.String("host", "127.0.0.1"),
                Port = args.Int("port", 5222),
                Domain = args.String("domain", "bench.local"),
                ConnectTimeout = TimeSpan.FromSeconds(args.Double("login-timeout", 30)),
            },
            Prefix = args.String("prefix", "u"),
            Password = args.String("password", "pw"),
            LoginConcurrency = args.Int("login-concurrency", 50),
            System = args.String("system", "ejabberd"),
            Tier = tier,
            ServerPidList = args.StringOrNull("server-pids"),
            ServerPidCommand = args.String("server-pids-cmd", script is null ? "" : $"bash '{script}' pids"),
            GraceSeconds = args.Double("grace", 5),
            OutFile = args.StringOrNull("out"),
            CurvesDir = args.StringOrNull("curves"),
        };
    }

    /// <summary>bench/.work/ejabberd/mode, written by ejabberd.sh start.</summary>
    private static string? ReadTier(string? script)
    {
        if (script is null)
        {
            return null;
        }
        string mode = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(script)!, "..", ".work", "ejabberd", "mode"));
        return File.Exists(mode) ? File.ReadAllText(mode).Trim() : null;
    }
}
