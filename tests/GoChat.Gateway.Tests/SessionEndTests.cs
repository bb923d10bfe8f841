using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Ending a device session ends its access tokens (every REST route, hub negotiate and connect: 401 INVALID_SESSION)
/// and its open hub connections at once, on every gateway; the user's other devices carry on.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SessionEndTests(GatewayFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Signed_out_device_token_is_refused_on_rest_and_hub()
    {
        var (phone, laptop) = await TwoDevices();
        await using var phoneChat = await Open(Stack.GatewayUri, phone);
        await using var laptopChat = await Open(Stack.GatewayUri, laptop);
        using var phoneHttp = Stack.HttpFor(phone.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await phoneHttp.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await phoneHttp.PostAsync("/api/auth/sign-out", null)).StatusCode);

        await phoneChat.Closed.WaitAsync(Patience);
        await AssertEnded(Stack.GatewayUri, phone);
        await AssertStillWorks(Stack.GatewayUri, laptop, laptopChat);
    }

    [Fact]
    public async Task Removing_a_device_closes_its_open_connections()
    {
        var (phone, laptop) = await TwoDevices();
        await using var phoneChat = await Open(Stack.GatewayUri, phone);
        await using var phoneChat2 = await Open(Stack.GatewayUri, phone);
        await using var laptopChat = await Open(Stack.GatewayUri, laptop);
        using var laptopHttp = Stack.HttpFor(laptop.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await laptopHttp.DeleteAsync($"/api/me/devices/{phone.DeviceId}")).StatusCode);

        await Task.WhenAll(phoneChat.Closed, phoneChat2.Closed).WaitAsync(Patience);
        await AssertEnded(Stack.GatewayUri, phone);
        await AssertStillWorks(Stack.GatewayUri, laptop, laptopChat);
    }

    [Fact]
    public async Task Refresh_token_reuse_ends_the_device_and_its_connections()
    {
        var (phone, laptop) = await TwoDevices();
        var rotated = (await (await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = phone.RefreshToken })).Content.ReadFromJsonAsync<SignIn>())!;
        await using var phoneChat = await Open(Stack.GatewayUri, rotated);
        await using var laptopChat = await Open(Stack.GatewayUri, laptop);

        // The old refresh token comes back: someone copied it. Both holders lose the device.
        var reuse = await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = phone.RefreshToken });
        await GatewayFixture.AssertProblem(reuse, HttpStatusCode.Unauthorized, ErrorCodes.InvalidSession);

        await phoneChat.Closed.WaitAsync(Patience);
        await AssertEnded(Stack.GatewayUri, rotated);
        await AssertEnded(Stack.GatewayUri, phone);
        await AssertStillWorks(Stack.GatewayUri, laptop, laptopChat);
    }

    [Fact]
    public async Task Signing_out_on_one_gateway_closes_the_devices_connections_on_another()
    {
        await using var second = await Stack.StartExtraGatewayAsync();
        var (phone, laptop) = await TwoDevices();
        await using var phoneOnSecond = await Open(second.Uri, phone);
        await using var laptopOnSecond = await Open(second.Uri, laptop);
        using var phoneHttp = Stack.HttpFor(phone.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await phoneHttp.PostAsync("/api/auth/sign-out", null)).StatusCode);

        await phoneOnSecond.Closed.WaitAsync(Patience);
        await AssertEnded(second.Uri, phone);
        await AssertEnded(Stack.GatewayUri, phone);
        await AssertStillWorks(second.Uri, laptop, laptopOnSecond);
    }

    [Fact]
    public async Task Signing_out_everywhere_refuses_every_token_and_cuts_every_gateway()
    {
        await using var second = await Stack.StartExtraGatewayAsync();
        var (phone, laptop) = await TwoDevices();
        await using var phoneChat = await Open(Stack.GatewayUri, phone);
        await using var laptopOnSecond = await Open(second.Uri, laptop);
        using var phoneHttp = Stack.HttpFor(phone.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await phoneHttp.PostAsync("/api/auth/sign-out-everywhere", null)).StatusCode);

        await Task.WhenAll(phoneChat.Closed, laptopOnSecond.Closed).WaitAsync(Patience);
        await AssertEnded(Stack.GatewayUri, phone);
        await AssertEnded(second.Uri, laptop);
    }

    [Fact]
    public async Task Suspension_refuses_the_users_tokens_saying_the_account_is_suspended()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        await using var chat = await Open(Stack.GatewayUri, staff);
        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await platform.PostAsync($"/api/admin/users/{staff.UserId}/suspend", null)).StatusCode);

        await chat.Closed.WaitAsync(Patience);
        await AssertEnded(Stack.GatewayUri, staff, ErrorCodes.Suspended);
    }

    [Fact]
    public async Task Missing_or_forged_token_is_refused_with_problem_details()
    {
        using var forged = Stack.HttpFor("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");

        var none = await Stack.Http.GetAsync("/api/me");
        var bad = await forged.GetAsync("/api/me");
        var negotiate = await Stack.Http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null);

        await GatewayFixture.AssertProblem(none, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        await GatewayFixture.AssertProblem(bad, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        await GatewayFixture.AssertProblem(negotiate, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
    }

    /// <summary>One user signed in on two devices, each with its own device session.</summary>
    private async Task<(SignIn Phone, SignIn Laptop)> TwoDevices()
    {
        var email = GatewayFixture.StaffEmail((await fixture.CreateAgency(AgencyCategory.FederalAgency)).Domain);
        var phone = await Stack.SignInWithEmailAsync(email);
        var laptop = (await (await Stack.RegisterAsync(email, device: "Laptop")).Content.ReadFromJsonAsync<SignIn>())!;
        Assert.Equal(phone.UserId, laptop.UserId);
        Assert.NotEqual(phone.DeviceId, laptop.DeviceId);
        return (phone, laptop);
    }

    /// <summary>The token is refused on REST and on both hub doors (negotiate, and the WebSocket the .NET client opens directly).</summary>
    /// <param name="code">Why the server says the token no longer works: the session ended, or the account is suspended.</param>
    private static async Task AssertEnded(Uri gateway, SignIn session, string code = ErrorCodes.InvalidSession)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.AccessToken);
        await GatewayFixture.AssertProblem(await http.GetAsync("/api/me"), HttpStatusCode.Unauthorized, code);
        await GatewayFixture.AssertProblem(await http.GetAsync("/api/me/devices"), HttpStatusCode.Unauthorized, code);
        await GatewayFixture.AssertProblem(await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null), HttpStatusCode.Unauthorized, code);
        await using var again = new ChatClient(gateway, session.AsSession());
        var refused = await Assert.ThrowsAnyAsync<Exception>(again.StartAsync);
        Assert.Contains("401", refused.Message);
    }

    /// <summary>The other device's open connection is still up and answers, and its token still opens new ones.</summary>
    private static async Task AssertStillWorks(Uri gateway, SignIn session, Connected open)
    {
        Assert.Equal(HubConnectionState.Connected, open.Client.Connection.State);
        await open.Client.Connection.InvokeAsync<UserSettings>("GetSettings");
        Assert.False(open.Closed.IsCompleted);
        using var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/me")).StatusCode);
        await using var fresh = await Open(gateway, session);
        await fresh.Client.SyncAsync();
    }

    private static async Task<Connected> Open(Uri gateway, SignIn session)
    {
        var client = new ChatClient(gateway, session.AsSession());
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await client.StartAsync();
        await client.SyncAsync();
        return new Connected(client, closed.Task);
    }

    private sealed record Connected(ChatClient Client, Task Closed) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Client.DisposeAsync();
    }
}
