namespace GoChat.Grains.Tests;

/// <summary>A silo whose leases last 3 s (the least the options allow), so a lapse is seen within a test.</summary>
public sealed class ShortLeaseClusterFixture : ClusterFixture
{
    protected override void Configure(Microsoft.Extensions.Configuration.IConfigurationManager configuration) =>
        configuration[$"{LeaseOptions.Section}:{nameof(LeaseOptions.Seconds)}"] = "3";
}

/// <summary>Connections count only while their gateway vouches for them.</summary>
public sealed class PresenceLeaseTests(ShortLeaseClusterFixture fixture) : IClassFixture<ShortLeaseClusterFixture>
{
    [Fact]
    public async Task A_connection_whose_gateway_stops_renewing_lapses_and_the_last_one_lapsing_means_offline()
    {
        var user = (await fixture.Users(1))[0];
        var presence = fixture.Grains.GetGrain<IPresenceGrain>(user);
        var watcher = new PresenceRecorder();
        var gateway = new UserEventRecorder();
        var watcherRef = fixture.Grains.CreateObjectReference<IPresenceObserver>(watcher);
        var gatewayRef = fixture.Grains.CreateObjectReference<IUserEventObserver>(gateway);
        await presence.Watch(watcherRef);
        await presence.Attach(gatewayRef, ["renewed"]);
        await presence.Connect("abandoned");
        Assert.Equal(PresenceStatus.Online, (await presence.SetAway("renewed", true)).Status);

        // The gateway renews one connection (and the watcher its watch); the other one lapses, leaving the away one.
        await watcher.WaitUntil(() => watcher.Statuses(user).Contains(PresenceStatus.Away), "the abandoned connection to lapse", async () =>
        {
            await presence.Attach(gatewayRef, ["renewed"]);
            await presence.Watch(watcherRef);
        });
        Assert.Equal(new PresenceSubscriptions(Gateways: 1, Watchers: 1, Connections: 1), await presence.GetSubscriptions());

        // The gateway stops renewing (it died): its last connection lapses too, and the user is offline.
        await watcher.WaitUntil(() => watcher.Statuses(user).Contains(PresenceStatus.Offline), "the renewed connection to lapse", async () =>
        {
            await presence.Watch(watcherRef);
        });
        Assert.Equal([PresenceStatus.Online, PresenceStatus.Away, PresenceStatus.Offline], watcher.Statuses(user));
        Assert.NotNull(watcher.Changes[^1].LastSeen);
        Assert.Equal(new PresenceSubscriptions(Gateways: 0, Watchers: 1, Connections: 0), await presence.GetSubscriptions());
    }
}
