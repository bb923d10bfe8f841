namespace GoChat.Grains.Tests;

/// <summary>The presence grain as gateways use it: attachments, connections, watchers, events.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PresenceGrainTests(ClusterFixture fixture)
{
    private IPresenceGrain Presence(Guid userId) => fixture.Grains.GetGrain<IPresenceGrain>(userId);

    [Fact]
    public async Task Presence_follows_both_connections_and_each_watcher_is_told_once_per_change()
    {
        var user = (await fixture.Users(1))[0];
        var presence = Presence(user);
        var first = new PresenceRecorder();
        var second = new PresenceRecorder();
        var gateway = new UserEventRecorder();
        var firstRef = fixture.Grains.CreateObjectReference<IPresenceObserver>(first);
        var secondRef = fixture.Grains.CreateObjectReference<IPresenceObserver>(second);
        var gatewayRef = fixture.Grains.CreateObjectReference<IUserEventObserver>(gateway);

        Assert.Equal(PresenceStatus.Offline, (await presence.Watch(firstRef)).Status);
        await presence.Watch(secondRef);
        // Renewing a watch is not a second watcher.
        await presence.Watch(firstRef);

        Assert.Equal(PresenceStatus.Online, (await presence.Attach(gatewayRef, ["phone"])).Status);
        Assert.Equal(PresenceStatus.Online, (await presence.Connect("laptop")).Status);
        // Away on one device while the other is in use: still online, nothing to tell.
        Assert.Equal(PresenceStatus.Online, (await presence.SetAway("phone", true)).Status);
        var away = await presence.SetAway("laptop", true);
        Assert.Equal(PresenceStatus.Away, away.Status);
        Assert.NotNull(away.LastSeen);
        Assert.Equal(PresenceStatus.Away, (await presence.Disconnect("phone")).Status);
        var offline = await presence.Disconnect("laptop");
        Assert.Equal(PresenceStatus.Offline, offline.Status);
        Assert.NotNull(offline.LastSeen);
        Assert.Equal(new PresenceSubscriptions(Gateways: 1, Watchers: 2, Connections: 0), await presence.GetSubscriptions());

        // Back online: the last change, so once it has arrived every earlier one has too.
        Assert.Equal(PresenceStatus.Online, (await presence.Connect("tablet")).Status);
        foreach (var watcher in new[] { first, second })
        {
            await watcher.WaitUntil(() => watcher.Statuses(user).Count >= 4, "four changes");
            Assert.Equal([PresenceStatus.Online, PresenceStatus.Away, PresenceStatus.Offline, PresenceStatus.Online], watcher.Statuses(user));
            Assert.Equal(offline.LastSeen, watcher.Changes[2].LastSeen);
            Assert.Null(watcher.Changes[3].LastSeen);
            // Each change outranks the one before, so a gateway can drop one that arrives late.
            Assert.Equal(4, watcher.Changes.Select(c => c.Version).Distinct().Count());
            Assert.True(watcher.Changes[1].IsOlderThan(watcher.Changes[2]));
        }
        Assert.True(away.Version < offline.Version);

        // A watcher that let go is told nothing more: the change goes to the one watcher left.
        await presence.Unwatch(secondRef);
        await Eventually.Until(async () => (await presence.GetSubscriptions()).Watchers == 1, "the unwatch");
        Assert.Equal(PresenceStatus.Offline, (await presence.Disconnect("tablet")).Status);
        await first.WaitUntil(() => first.Statuses(user).Count == 5, "offline again");
        Assert.Equal(4, second.Statuses(user).Count);
        Assert.Empty(gateway.Events);
    }

    [Fact]
    public async Task User_events_reach_the_gateways_attached_to_the_users_presence()
    {
        var user = (await fixture.Users(1))[0];
        var gateway = new UserEventRecorder();
        var gatewayRef = fixture.Grains.CreateObjectReference<IUserEventObserver>(gateway);
        await Presence(user).Attach(gatewayRef, ["phone"]);

        var settings = await fixture.Grains.GetGrain<IProfileGrain>(user).UpdateSettings(new UserSettings(Language: "en"));
        var profile = await fixture.Grains.GetGrain<IProfileGrain>(user).UpdateProfile(new ProfileUpdate("Nama Baharu", "Pegawai", null, null, Availability.Available));

        await gateway.WaitUntil(() => gateway.Events.Count >= 2, "the settings and profile events");
        // Each is a one-way message of its own, which Orleans does not keep in order: either may come first.
        Assert.All(gateway.Events, e => Assert.Equal(user, e.UserId));
        Assert.Equal(settings, Assert.Single(gateway.Events, e => e.Event.Settings is not null).Event.Settings);
        Assert.Equal(profile, Assert.Single(gateway.Events, e => e.Event.Profile is not null).Event.Profile);
        Assert.Equal("Nama Baharu", profile.DisplayName);
        Assert.Equal(2, gateway.Events.Count);
    }

    [Fact]
    public async Task Presence_of_a_hidden_or_missing_user_is_refused_as_their_card_is()
    {
        var users = await fixture.Users(2);
        var noAccount = Guid.NewGuid();

        var hidden = await Assert.ThrowsAsync<GoChatException>(() => Presence(users[0]).GetPresenceFor(noAccount));
        var missing = await Assert.ThrowsAsync<GoChatException>(() => Presence(Guid.NewGuid()).GetPresenceFor(users[0]));
        var card = await Assert.ThrowsAsync<GoChatException>(() => fixture.Grains.GetGrain<IProfileGrain>(users[0]).GetCard(noAccount));

        Assert.All([hidden, missing, card], e => Assert.Equal(ErrorCodes.UserNotFound, e.Code));
        Assert.Equal(missing.Message, hidden.Message);
        Assert.Equal(PresenceStatus.Offline, (await Presence(users[0]).GetPresenceFor(users[1])).Status);
        Assert.Equal(users[0], (await Presence(users[0]).GetPresenceFor(users[0])).UserId);
    }

    [Fact]
    public async Task Last_seen_outlives_the_presence_activation()
    {
        var user = (await fixture.Users(1))[0];
        await Presence(user).Connect("phone");
        var offline = await Presence(user).Disconnect("phone");

        await fixture.Cluster.DeactivateAsync(Presence(user));
        var again = await Presence(user).GetPresence();

        Assert.Equal(PresenceStatus.Offline, again.Status);
        Assert.NotNull(offline.LastSeen);
        Assert.Equal(offline.LastSeen, again.LastSeen);
    }

    [Fact]
    public async Task Last_seen_stored_by_the_user_grain_before_presence_moved_is_taken_over()
    {
        var user = (await fixture.Users(1))[0];
        var seen = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.FromHours(8));
        // A user grain's state as it was stored before presence had a grain of its own.
        Task StoreLegacyLastSeen(DateTimeOffset? value) => fixture.RewriteUserState(user, s => s.LastSeen = value);
        await StoreLegacyLastSeen(seen);

        Assert.Equal(seen, (await Presence(user).GetPresence()).LastSeen);

        // Kept by the presence grain from then on, whatever the user grain holds.
        await StoreLegacyLastSeen(null);
        await fixture.Cluster.DeactivateAsync(Presence(user));
        Assert.Equal(seen, (await Presence(user).GetPresence()).LastSeen);
    }
}
