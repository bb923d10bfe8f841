using GoChat.Gateway.Delivery;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Gateway.Tests;

/// <summary>Watching a whole chat list's presence in one call, and letting all of it go on disconnect.</summary>
[Collection(GatewayCollection.Name)]
public sealed class PresenceBatchTests(GatewayFixture fixture)
{
    private const int Many = 300;

    private GoChatStack Stack => fixture.Stack;
    private IGrainFactory Grains => Stack.SiloServices.GetRequiredService<IGrainFactory>();
    private IPresenceGrain Presence(Guid userId) => Grains.GetGrain<IPresenceGrain>(userId);

    [Fact]
    public async Task Watching_many_users_at_once_reports_each_change()
    {
        var users = await RegisteredUsers(Many);
        await using var first = await Stack.ConnectAsync(GatewayFixture.Handle("watcher"));
        await using var second = await Stack.ConnectAsync(GatewayFixture.Handle("watcher"), messagePack: true);

        var now = await Watch(first, users);
        Assert.Equal(users, now.Select(p => p.UserId));
        Assert.All(now, p => Assert.Equal(PresenceStatus.Offline, p.Status));

        // Each of them comes online (a device connects through another gateway, as the grain sees it).
        await Task.WhenAll(users.Select(u => Presence(u).Connect($"device-{u:N}")));
        await first.WaitUntil(c => users.All(u => Statuses(c, u).Count == 1), $"{Many} users online", TimeSpan.FromSeconds(60));

        // A second connection asks for the same users: it shares this gateway's watches, and is answered with what they are now.
        var shared = await Watch(second, users);
        Assert.All(shared, p => Assert.Equal(PresenceStatus.Online, p.Status));
        Assert.All(await Task.WhenAll(users.Select(u => Presence(u).GetSubscriptions())), s => Assert.Equal(1, s.Watchers));

        await Task.WhenAll(users.Select(u => Presence(u).Disconnect($"device-{u:N}")));
        foreach (var watcher in new[] { first, second })
        {
            await watcher.WaitUntil(c => users.All(u => Statuses(c, u).Count >= (c == first ? 2 : 1)), $"{Many} users offline", TimeSpan.FromSeconds(60));
        }
        // Each change once, to each connection that watched at the time.
        Assert.All(users, u => Assert.Equal([PresenceStatus.Online, PresenceStatus.Offline], Statuses(first, u)));
        Assert.All(users, u => Assert.Equal([PresenceStatus.Offline], Statuses(second, u)));
        Assert.All(users, u => Assert.NotNull(first.PresenceChanges.Last(p => p.UserId == u).LastSeen));
    }

    [Fact]
    public async Task Disconnect_releases_every_watch()
    {
        var users = await RegisteredUsers(Many);
        var watcher = await Stack.ConnectAsync(GatewayFixture.Handle("watcher"));
        var watcherId = watcher.UserId;
        await Watch(watcher, users);
        Assert.All(await Task.WhenAll(users.Select(u => Presence(u).GetSubscriptions())), s => Assert.Equal(1, s.Watchers));
        Assert.Equal(new PresenceSubscriptions(Gateways: 1, Watchers: 0, Connections: 1), await Presence(watcherId).GetSubscriptions());

        await watcher.DisposeAsync();

        // The unwatches are one-way: wait until every grain has let this gateway go.
        await Eventually.Until(async () => (await Task.WhenAll(users.Select(u => Presence(u).GetSubscriptions()))).All(s => s.Watchers == 0), "every watch released");
        var feeds = Stack.GatewayServices.GetRequiredService<PresenceFeeds>();
        Assert.DoesNotContain(users, feeds.IsWatching);
        // A change of a watched user now has no one to go to: the grain pushes nothing.
        var change = await Presence(users[0]).Connect("phone");
        Assert.Equal(PresenceStatus.Online, change.Status);
        Assert.Equal(new PresenceSubscriptions(Gateways: 0, Watchers: 0, Connections: 1), await Presence(users[0]).GetSubscriptions());
        // The watcher's own attachment went with it: offline, with a last-seen time.
        await Eventually.Until(async () => (await Presence(watcherId).GetSubscriptions()).Gateways == 0, "the attachment released");
        var own = await Presence(watcherId).GetPresence();
        Assert.Equal(PresenceStatus.Offline, own.Status);
        Assert.NotNull(own.LastSeen);
        await Presence(users[0]).Disconnect("phone");
    }

    private async Task<Guid[]> RegisteredUsers(int count)
    {
        var users = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(users.Select(u => Grains.GetGrain<IUserGrain>(u).Register($"p{u:N}"[..20], "Pengguna")));
        return users;
    }

    private static Task<PresenceInfo[]> Watch(ChatClient client, IEnumerable<Guid> users) =>
        client.Connection.InvokeAsync<PresenceInfo[]>("WatchPresence", users.Select(u => u.ToString()).ToArray());

    private static List<PresenceStatus> Statuses(ChatClient client, Guid user) =>
        [.. client.PresenceChanges.Where(p => p.UserId == user).Select(p => p.Status)];
}
