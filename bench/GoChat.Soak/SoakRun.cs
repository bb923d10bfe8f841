using System.Diagnostics;
using System.Globalization;
using GoChat.Bench.Measure;
using GoChat.Testing;

namespace GoChat.Soak;

/// <summary>
/// The soak: the fault tests' cluster (three silos, two gateways, a PostgreSQL of its own) under their steady load
/// (pairs across the two gateways, each sender one message every 100 ms until acked, clients that reconnect to the
/// other gateway and Sync), for <c>duration</c>, with a fault every 30-60 s: kill -9 of a random silo or gateway,
/// restarted after a few seconds, or PostgreSQL stopped -m immediate and started again. At the end the checker's
/// verdict: every acked message delivered to its recipient exactly once and stored once. Faults stop early enough
/// that the last one has time to recover before the load stops.
/// </summary>
public sealed class SoakRun(TimeSpan duration, int pairs, string? outFile, int seed)
{
    private const int MinGapSeconds = 30;
    private const int MaxGapSeconds = 60;
    private static readonly TimeSpan RecoveryMargin = TimeSpan.FromSeconds(15);

    private readonly Random _random = new(seed);
    private readonly List<(DateTime At, string What)> _faults = [];
    private readonly List<string> _unplanned = [];

    public async Task<bool> Run()
    {
        var watch = Stopwatch.StartNew();
        Log($"starting 3 silos, 2 gateways and a PostgreSQL of its own (seed {seed})");
        await using var cluster = await StartCluster();
        Log($"cluster ready in {watch.Elapsed.TotalSeconds:F0} s; logs in {cluster.LogDirectory}");
        var plan = new LoadRun.LoadPlan(Pairs: pairs, PeriodMs: 100,
            MaxMessagesPerSender: (int)(duration.TotalSeconds * 10) + 100, MaxSeconds: (int)duration.TotalSeconds + 30);
        LoadRun? load = null;
        LoadRun.Result? result = null;
        string? failure = null;
        var started = DateTime.UtcNow;
        try
        {
            load = await StartLoad(cluster, plan);
            started = DateTime.UtcNow;
            await load.WaitForDeliveriesAfter(DateTime.MinValue, 5, TimeSpan.FromSeconds(60));
            var end = started + duration;
            Log($"load running: {pairs} pairs at 10 msg/s each; {duration.TotalMinutes:0.#} min, a fault every {MinGapSeconds}-{MaxGapSeconds} s");
            var next = started + Gap();
            while (next + RecoveryMargin < end)
            {
                await Until(next, cluster);
                var at = DateTime.UtcNow;
                var what = await Inject(cluster);
                _faults.Add((at, what));
                Log($"fault {_faults.Count} at +{(at - started).TotalSeconds:F0} s: {what}, back in {(DateTime.UtcNow - at).TotalSeconds:F1} s");
                next = at + Gap();
            }
            await Until(end, cluster);
            Log("stopping the load; waiting for every acked message to arrive");
            result = await load.Finish(recovery: null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever stopped the soak (a sender that gave up, a process that would not come back) is its verdict.
            failure = $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            if (load is not null) await load.DisposeAsync();
        }
        if (load is null)
        {
            Console.Error.WriteLine($"soak verdict: FAIL: the load did not start ({failure}); logs in {cluster.LogDirectory}");
            return false;
        }
        return Verdict(load, result, failure, DateTime.UtcNow - started, cluster);
    }

    /// <summary>Signs in and connects the pairs; on a starved machine a sign-in can time out, so it gets three tries.</summary>
    private static async Task<LoadRun> StartLoad(FaultCluster cluster, LoadRun.LoadPlan plan)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await LoadRun.StartAsync(cluster, line => Log(line), plan);
            }
            catch (Exception e) when (attempt < 3 && e is TaskCanceledException or HttpRequestException or TimeoutException)
            {
                Log($"starting the load failed ({e.Message}); again");
            }
        }
    }

    /// <summary>
    /// Silos first, then the gateways. A cluster starting on a starved machine can still vote one of its own silos dead
    /// before it is up (the fault tests' fast membership timings): a fresh cluster gets two more tries before the soak
    /// gives up.
    /// </summary>
    private static async Task<FaultCluster> StartCluster()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await FaultCluster.StartAsync($"soak-{attempt}", silosFirst: true);
            }
            catch (Exception e) when (attempt < 3 && e is InvalidOperationException or TimeoutException)
            {
                Log($"cluster start {attempt} failed ({e.Message.Split('\n')[0]}); starting a fresh one");
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="at"/>, restarting any process that went down by itself meanwhile (a silo the others
    /// voted dead on a starved machine kills itself), as an orchestrator would; those restarts are counted apart.
    /// </summary>
    private async Task Until(DateTime at, FaultCluster cluster)
    {
        while (DateTime.UtcNow < at)
        {
            for (var i = 0; i < FaultCluster.SiloCount; i++)
            {
                if (!cluster.SiloDown(i)) continue;
                _unplanned.Add($"silo {i + 1}");
                Log($"silo {i + 1} went down by itself (see its log); restarting it");
                cluster.StartSilo(i);
                await cluster.WaitSiloReady(i);
            }
            for (var i = 0; i < FaultCluster.GatewayCount; i++)
            {
                if (!cluster.GatewayDown(i)) continue;
                _unplanned.Add($"gateway {i + 1}");
                Log($"gateway {i + 1} went down by itself (see its log); restarting it");
                cluster.StartGateway(i);
                await cluster.WaitGatewayReady(i);
            }
            var left = at - DateTime.UtcNow;
            if (left > TimeSpan.Zero) await Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
    }

    private TimeSpan Gap() => TimeSpan.FromSeconds(_random.Next(MinGapSeconds, MaxGapSeconds + 1));

    /// <summary>One fault, the process brought back before it returns: the next fault never finds two things down.</summary>
    private async Task<string> Inject(FaultCluster cluster)
    {
        var down = TimeSpan.FromSeconds(_random.Next(2, 6));
        switch (_random.Next(3))
        {
            case 0:
            {
                var i = _random.Next(FaultCluster.SiloCount);
                cluster.KillSilo(i);
                await Task.Delay(down);
                cluster.StartSilo(i);
                await cluster.WaitSiloReady(i);
                return $"kill -9 silo {i + 1}, restarted after {down.TotalSeconds:F0} s";
            }
            case 1:
            {
                var i = _random.Next(FaultCluster.GatewayCount);
                cluster.KillGateway(i);
                await Task.Delay(down);
                cluster.StartGateway(i);
                await cluster.WaitGatewayReady(i);
                return $"kill -9 gateway {i + 1}, restarted after {down.TotalSeconds:F0} s";
            }
            default:
                await cluster.Postgres.RestartAsync(crash: true);
                return "PostgreSQL stopped -m immediate and started again";
        }
    }

    private bool Verdict(LoadRun load, LoadRun.Result? result, string? failure, TimeSpan took, FaultCluster cluster)
    {
        // How long each fault held delivery up: until every conversation delivered a message first sent after it.
        var recoveries = _faults.Select(f => load.Checker.RecoveryAfter(f.At, load.Conversations)).ToList();
        var worstRecovery = recoveries.Count == 0 ? 0 : recoveries.Max(r => r?.TotalSeconds ?? double.PositiveInfinity);
        var kinds = _faults.Select(f => f.What).ToList();
        var counters = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["soak.faults"] = _faults.Count,
            ["soak.siloKills"] = kinds.Count(k => k.Contains("silo", StringComparison.Ordinal)),
            ["soak.gatewayKills"] = kinds.Count(k => k.Contains("gateway", StringComparison.Ordinal)),
            ["soak.postgresRestarts"] = kinds.Count(k => k.Contains("PostgreSQL", StringComparison.Ordinal)),
            ["soak.unplannedRestarts"] = _unplanned.Count,
            ["soak.reconnects"] = result?.Reconnects ?? load.Checker.Reconnects,
            ["soak.hubErrors"] = result?.HubErrors ?? load.Checker.HubErrors.Count,
            ["soak.interrupted"] = result?.Interrupted ?? load.Checker.InterruptedInvocations.Count,
            ["soak.worstRecoverySeconds"] = double.IsInfinity(worstRecovery) ? -1 : Math.Round(worstRecovery, 1),
        };
        var acked = result?.Acked ?? load.Checker.AckCount;
        var lost = result?.Lost ?? load.Checker.Undelivered().Count;
        var duplicated = result?.Duplicated ?? load.Checker.DuplicateDeliveries;
        var seconds = Math.Round(took.TotalSeconds, 1);
        new WorkloadResult("gochat", "soak",
            F($"minutes={duration.TotalMinutes:0.#} silos={FaultCluster.SiloCount} gateways={FaultCluster.GatewayCount} pairs={pairs} faults=every {MinGapSeconds}-{MaxGapSeconds} s"),
            acked, acked - lost, lost, duplicated, seconds, Math.Round((acked - lost) / seconds, 1), 0, 0, 0, 0, 0, 0, Counters: counters).Emit(outFile);

        var passed = failure is null && lost == 0 && duplicated == 0 && acked > 0;
        var faults = (_faults.Count == 0 ? "no fault injected" : $"{_faults.Count} faults ({string.Join("; ", kinds)})") +
            (_unplanned.Count == 0 ? "" : $"; {_unplanned.Count} went down by themselves and were restarted ({string.Join(", ", _unplanned)})");
        var recovered = double.IsInfinity(worstRecovery) ? "a conversation never resumed after a fault" : F($"delivery resumed within {worstRecovery:F1} s of every fault");
        Console.Error.WriteLine(passed
            ? F($"soak verdict: PASS: {acked:N0} acked, 0 lost, 0 duplicated; {faults}; {counters["soak.reconnects"]:0} reconnects; {recovered}")
            : F($"soak verdict: FAIL: {acked:N0} acked, {lost} lost, {duplicated} duplicated{(failure is null ? "" : "; " + failure)}; {faults}; logs in {cluster.LogDirectory}"));
        return passed;
    }

    private static void Log(string line) => Console.Error.WriteLine($"[soak {DateTime.UtcNow:HH:mm:ss}] {line}");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
