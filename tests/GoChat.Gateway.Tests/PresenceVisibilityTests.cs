using System.Net.Http.Json;
using GoChat.Gateway.Delivery;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Gateway.Tests;

/// <summary>Presence is a read of a person: it follows the same visibility rule as the card.</summary>
[Collection(GatewayCollection.Name)]
public sealed class PresenceVisibilityTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Limited_external_user_cannot_watch_presence_of_another_agency()
    {
        var (a, domainA) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (_, domainB) = await fixture.CreateAgency(AgencyCategory.StateAgency);
        var colleague = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domainA));
        var stranger = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domainB));
        var vendor = await ApprovedExternal(a.Id);
        Assert.False(vendor.Account.CanSeeAllAgencies);
        await using var strangerChat = new ChatClient(Stack.GatewayUri, stranger.AsSession());
        await strangerChat.StartAsync();
        await using var vendorChat = new ChatClient(Stack.GatewayUri, vendor.AsSession());
        await vendorChat.StartAsync();

        var hidden = await Assert.ThrowsAsync<HubException>(() => Watch(vendorChat, stranger.UserId));
        var mixed = await Assert.ThrowsAsync<HubException>(() => Watch(vendorChat, colleague.UserId, stranger.UserId));
        var missing = await Assert.ThrowsAsync<HubException>(() => Watch(vendorChat, Guid.NewGuid()));

        // Hidden looks exactly like missing, and a refused call watches no one, not even the visible colleague.
        HubErrors.AssertCode(ErrorCodes.UserNotFound, hidden);
        Assert.Equal(missing.Message, hidden.Message);
        HubErrors.AssertCode(ErrorCodes.UserNotFound, mixed);
        Assert.Empty(WatchedBy(vendor.UserId));

        var seen = await Watch(vendorChat, colleague.UserId);
        Assert.Equal(colleague.UserId, Assert.Single(seen).UserId);
        Assert.Equal([colleague.UserId], WatchedBy(vendor.UserId));

        // The same rule that hides the card: once an admin lets the vendor see other agencies, presence follows.
        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        (await platform.PutAsJsonAsync($"/api/admin/users/{vendor.UserId}/permissions", new { canCreateGroups = false, canSeeAllAgencies = true })).EnsureSuccessStatusCode();
        var now = await Watch(vendorChat, stranger.UserId);
        Assert.Equal(PresenceStatus.Online, Assert.Single(now).Status);
    }

    [Fact]
    public async Task Presence_hidden_user_is_not_watched()
    {
        var (a, domainA) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (_, domainB) = await fixture.CreateAgency(AgencyCategory.StateAgency);
        var stranger = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domainB));
        var grains = Stack.SiloServices.GetRequiredService<IGrainFactory>();
        var colleagues = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(colleagues.Select(c => grains.GetGrain<IUserGrain>(c).CreateAccount(
            new AccountSetup(GatewayFixture.StaffEmail(domainA), "Rakan Sekerja", a.Id, IsExternal: false, UserRole.User, AccountStatus.Active))));
        var vendor = await ApprovedExternal(a.Id);
        await using var vendorChat = new ChatClient(Stack.GatewayUri, vendor.AsSession());
        await vendorChat.StartAsync();

        // One hidden person among a hundred visible ones: the whole batch is refused before any watch is taken.
        var refused = await Assert.ThrowsAsync<HubException>(() => Watch(vendorChat, [.. colleagues, stranger.UserId]));
        HubErrors.AssertCode(ErrorCodes.UserNotFound, refused);
        Assert.Empty(WatchedBy(vendor.UserId));
        Assert.All(await Task.WhenAll(colleagues.Append(stranger.UserId).Select(u => grains.GetGrain<IPresenceGrain>(u).GetSubscriptions())),
            s => Assert.Equal(0, s.Watchers));

        var seen = await Watch(vendorChat, colleagues);
        Assert.Equal(colleagues, seen.Select(p => p.UserId));
        Assert.Equal(colleagues.Order(), WatchedBy(vendor.UserId).Order());
        Assert.All(await Task.WhenAll(colleagues.Select(u => grains.GetGrain<IPresenceGrain>(u).GetSubscriptions())), s => Assert.Equal(1, s.Watchers));
        Assert.Equal(0, (await grains.GetGrain<IPresenceGrain>(stranger.UserId).GetSubscriptions()).Watchers);
    }

    private static Task<IReadOnlyList<PresenceInfo>> Watch(ChatClient client, params Guid[] users) =>
        client.Connection.InvokeAsync<IReadOnlyList<PresenceInfo>>("WatchPresence", users.Select(u => u.ToString()).ToArray());

    /// <summary>Whom the gateway pushes presence of to this user's connections: what it subscribed, not what it answered.</summary>
    private Guid[] WatchedBy(Guid userId)
    {
        var connection = Assert.Single(Stack.GatewayServices.GetRequiredService<ConnectionRegistry>().OfUser(userId));
        lock (connection.WatchedPresence) return [.. connection.WatchedPresence];
    }

    private async Task<SignIn> ApprovedExternal(Guid agencyId)
    {
        var email = GatewayFixture.ExternalEmail();
        var pending = await (await Stack.RegisterAsync(email, agencyId)).Content.ReadFromJsonAsync<PendingAnswer>();
        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        (await platform.PostAsync($"/api/admin/users/{pending!.UserId}/approve", null)).EnsureSuccessStatusCode();
        return await Stack.SignInWithEmailAsync(email);
    }
}
