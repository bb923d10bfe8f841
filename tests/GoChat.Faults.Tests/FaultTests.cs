using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace GoChat.Faults.Tests;

/// <summary>
/// What production does to GoChat, done to real processes: three silos and two gateways on one PostgreSQL, under
/// steady load through both gateways, while a checker records every ack and every delivery. Each test starts its
/// own cluster, so one fault never leaks into the next. Bounds are generous for a loaded two-core machine; the
/// figures measured are printed and written to .data/test-results/fault-tests.md.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(10);
    private const int Warmup = 5;
    private const int AfterFault = 10;

    [Fact]
    public async Task Killing_a_silo_loses_and_duplicates_nothing_and_delivery_resumes_within_ten_seconds()
    {
        await using var scenario = await Scenario.Start("kill-silo", output);
        var (cluster, load) = (scenario.Cluster, scenario.Load);
        var (victim, held) = await BusiestSilo(cluster, load);

        var fault = DateTime.UtcNow;
        cluster.KillSilo(victim);
        var recovery = await scenario.Recovery(fault);

        // User events still reach every gateway: a new conversation shows up on the recipient's device.
        var (sender, recipient, _) = load.Pairs[0];
        var group = await sender.Connection.InvokeAsync<ConversationInfo>("CreateGroup", "after the crash", new[] { recipient.UserId.ToString() });
        await load.WaitUntil(() => recipient.ConversationsAdded.Contains(group.Id), TimeSpan.FromSeconds(20), "ConversationAdded after the silo died");

        var result = await load.Finish(recovery);
        FaultReport.Record(output, "kill -9 a silo", result, $"silo {victim + 1} held {held}/{load.Conversations.Count} conversations");
        AssertNothingLostOrDuplicated(result);
        AssertRecovered(result, cluster);
    }

    [Fact]
    public async Task Killing_a_gateway_moves_its_clients_to_the_other_gateway_and_they_catch_up_exactly()
    {
        await using var scenario = await Scenario.Start("kill-gateway", output);
        var (cluster, load) = (scenario.Cluster, scenario.Load);
        // A user only on the doomed gateway who does not come back, and someone on the other gateway watching them.
        var idle = new ChatClient(cluster.GatewayUri(0), await cluster.SignInAsync("idle-" + Guid.NewGuid().ToString("N")[..6]));
        await using var watcher = new ChatClient(cluster.GatewayUri(1), await cluster.SignInAsync("watcher-" + Guid.NewGuid().ToString("N")[..6]));
        await idle.StartAsync();
        await watcher.StartAsync();
        var seen = await watcher.Connection.InvokeAsync<PresenceInfo[]>("WatchPresence", new[] { idle.UserId.ToString() });
        Assert.Equal(PresenceStatus.Online, seen.Single().Status);

        var onDoomed = load.Clients.Count(c => c.Gateway == 0);
        var fault = DateTime.UtcNow;
        cluster.KillGateway(0);
        var recovery = await scenario.Recovery(fault);
        Assert.All(load.Clients, c => Assert.Equal(1, c.Gateway));

        // Its connection's presence lease lapses: offline without anyone saying goodbye.
        await watcher.WaitUntil(c => c.PresenceChanges.Any(p => p.UserId == idle.UserId && p.Status == PresenceStatus.Offline),
            "the idle user offline", FaultCluster.Lease * 3);
        var offlineAfter = DateTime.UtcNow - fault;

        var result = await load.Finish(recovery);
        FaultReport.Record(output, "kill -9 a gateway", result, $"{onDoomed} clients moved; a user left on it went offline after {offlineAfter.TotalSeconds:0.0} s (lease {FaultCluster.Lease.TotalSeconds:0} s)");
        AssertNothingLostOrDuplicated(result);
        Assert.True(result.Reconnects >= onDoomed, $"{result.Reconnects} reconnects for {onDoomed} clients");
        AssertRecovered(result, cluster);
        await idle.DisposeAsync();
    }

    [Fact]
    public async Task Restarting_PostgreSQL_acknowledges_only_what_is_stored_and_loses_nothing()
    {
        await using var scenario = await Scenario.Start("restart-postgres", output);
        var (cluster, load) = (scenario.Cluster, scenario.Load);

        var fault = DateTime.UtcNow;
        var restart = Stopwatch.StartNew();
        await cluster.Postgres.RestartAsync();
        var restartTook = restart.Elapsed;
        var recovery = await scenario.Recovery(fault);

        var result = await load.Finish(recovery);
        FaultReport.Record(output, "restart PostgreSQL", result, $"pg_ctl restart -m fast took {restartTook.TotalSeconds:0.0} s");
        AssertNothingLostOrDuplicated(result);
        // A send in the outage waits (the gateway retries it) or fails with a code the client understands.
        Assert.All(load.Checker.HubErrors, e => Assert.Contains(ErrorCodes.Unavailable + ":", e));
        AssertRecovered(result, cluster);
    }

    [Fact]
    public async Task Stopping_a_silo_gracefully_surfaces_no_error_to_any_client()
    {
        await using var scenario = await Scenario.Start("stop-silo", output);
        var (cluster, load) = (scenario.Cluster, scenario.Load);
        var (victim, held) = await BusiestSilo(cluster, load);

        var fault = DateTime.UtcNow;
        var stopTook = await cluster.TerminateSilo(victim);
        var recovery = await scenario.Recovery(fault);

        var result = await load.Finish(recovery);
        FaultReport.Record(output, "SIGTERM a silo", result, $"silo {victim + 1} held {held}/{load.Conversations.Count} conversations; it left in {stopTook.TotalSeconds:0.0} s");
        AssertNothingLostOrDuplicated(result);
        Assert.Empty(load.Checker.HubErrors);
        Assert.Empty(load.Checker.InterruptedInvocations);
        AssertRecovered(result, cluster);
    }

    [Fact]
    public async Task Stopping_a_gateway_gracefully_drains_its_connections_to_the_other_without_errors()
    {
        await using var scenario = await Scenario.Start("stop-gateway", output);
        var (cluster, load) = (scenario.Cluster, scenario.Load);

        var onStopping = load.Clients.Count(c => c.Gateway == 0);
        var fault = DateTime.UtcNow;
        DateTime? unready = null;
        using var watching = new CancellationTokenSource();
        var readiness = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested && unready is null)
            {
                if (!await cluster.GatewayReady(0)) unready = DateTime.UtcNow;
                await Task.Delay(20);
            }
        });
        var stopTook = await cluster.TerminateGateway(0);
        var exited = DateTime.UtcNow;
        watching.Cancel();
        await readiness;
        var recovery = await scenario.Recovery(fault);

        var result = await load.Finish(recovery);
        FaultReport.Record(output, "SIGTERM a gateway", result, $"{onStopping} clients moved; the gateway drained and exited in {stopTook.TotalSeconds:0.0} s");
        AssertNothingLostOrDuplicated(result);
        Assert.Empty(load.Checker.HubErrors);
        Assert.Empty(load.Checker.InterruptedInvocations);
        Assert.All(load.Clients, c => Assert.Equal(1, c.Gateway));
        Assert.True(unready is not null && unready < exited, "the gateway stopped answering ready before it exited");
        AssertRecovered(result, cluster);
    }

    private static void AssertNothingLostOrDuplicated(LoadRun.Result result)
    {
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Duplicated);
    }

    private static void AssertRecovered(LoadRun.Result result, FaultCluster cluster)
    {
        Assert.NotNull(result.Recovery);
        Assert.True(result.Recovery < RecoveryBound, $"delivery resumed after {result.Recovery}; calls that waited out their response timeout:\n{cluster.UnansweredCalls()}");
    }

    /// <summary>A fresh cluster under steady load that has warmed up: every conversation has delivered a few messages.</summary>
    private sealed class Scenario : IAsyncDisposable
    {
        private Scenario(FaultCluster cluster, LoadRun load) => (Cluster, Load) = (cluster, load);

        public FaultCluster Cluster { get; }
        public LoadRun Load { get; }

        public static async Task<Scenario> Start(string name, ITestOutputHelper output)
        {
            var cluster = await FaultCluster.StartAsync(name);
            var load = await LoadRun.StartAsync(cluster, output.WriteLine);
            var scenario = new Scenario(cluster, load);
            try
            {
                await load.WaitForDeliveriesAfter(DateTime.MinValue, Warmup, TimeSpan.FromSeconds(60));
            }
            catch
            {
                await scenario.DisposeAsync();
                throw;
            }
            return scenario;
        }

        /// <summary>Waits until every conversation delivered messages sent after the fault; how long the slowest took to resume.</summary>
        public async Task<TimeSpan?> Recovery(DateTime fault)
        {
            await Load.WaitForDeliveriesAfter(fault, AfterFault, TimeSpan.FromSeconds(60));
            return Load.Checker.RecoveryAfter(fault, Load.Conversations);
        }

        public async ValueTask DisposeAsync()
        {
            await Load.DisposeAsync();
            await Cluster.DisposeAsync();
        }
    }

    /// <summary>The silo that holds the most of the load's conversations, so that the fault hits them, and how many.</summary>
    private static async Task<(int Silo, int Conversations)> BusiestSilo(FaultCluster cluster, LoadRun load)
    {
        var counts = new int[FaultCluster.SiloCount];
        foreach (var c in load.Conversations)
        {
            var silo = await cluster.SiloOf(g => g.GetGrain<IConversationGrain>(c));
            if (silo >= 0) counts[silo]++;
        }
        return (Array.IndexOf(counts, counts.Max()), counts.Max());
    }
}
