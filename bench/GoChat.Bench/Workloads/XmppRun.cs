using GoChat.Bench.Measure;
using GoChat.Bench.Xmpp;

namespace GoChat.Bench.Workloads;

/// <summary>What every XMPP workload shares: where the server is, who the users are, how to measure it.</summary>
public sealed class XmppRun
{
    public required XmppClientOptions Client { get; init; }

    /// <summary>Users are &lt;prefix&gt;1 .. &lt;prefix&gt;N, as <c>ejabberd.sh register</c> makes them.</summary>
    public string Prefix { get; init; } = "u";

    public string Password { get; init; } = "pw";

    public string Resource { get; init; } = "bench";

    public int LoginConcurrency { get; init; } = 50;

    /// <summary>"ejabberd" (the system under test, first field of the result).</summary>
    public string System { get; init; } = "ejabberd";

    /// <summary>"durable" (MAM on PostgreSQL) or "routing" (mnesia, no archive), or "unknown".</summary>
    public string Tier { get; init; } = "unknown";

    public string? ServerPidList { get; init; }

    public string? ServerPidCommand { get; init; }

    public double GraceSeconds { get; init; } = 5;

    public string? OutFile { get; init; }

    /// <summary>Where latency curves go for the report's plots; none when null.</summary>
    public string? CurvesDir { get; init; }

    public string UserName(int index) => Prefix + (index + 1).ToString(global::System.Globalization.CultureInfo.InvariantCulture);

    public string BareJid(int index) => UserName(index) + "@" + Client.Domain;

    public IReadOnlyList<int> ResolveServerPids()
    {
        var pids = ServerPids.Resolve(ServerPidList, ServerPidCommand);
        if (pids.Count == 0)
        {
            Log("warning: no server pids: server CPU will read 0 (use --server-pids or --server-pids-cmd)");
        }
        else
        {
            Log($"server pids: {string.Join(',', pids)} ({ServerPids.Describe(pids)})");
        }
        return pids;
    }

    public static void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
