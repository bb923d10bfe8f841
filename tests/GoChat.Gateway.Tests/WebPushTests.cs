using System.Net;
using System.Net.Http.Json;
using GoChat.Grains.Push;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Web Push end to end: a real browser push service cannot be reached from here, so a local one (RFC 8030 over
/// loopback http) stands in for it, and the test decrypts what arrives with the subscription's own keys, as the
/// browser would. What a push says, who gets one, and that bad or refused subscriptions store nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class WebPushTests(GatewayFixture fixture) : IAsyncLifetime
{
    private GoChatStack Stack => fixture.Stack;
    private LocalPushService _push = null!;

    public async Task InitializeAsync() => _push = await LocalPushService.StartAsync();

    public async Task DisposeAsync() => await _push.DisposeAsync();

    [Fact]
    public async Task Offline_member_of_an_agency_that_opted_in_gets_a_push_that_names_no_sender_and_no_text()
    {
        var (agency, domain) = await AgencyWithWebPush(true);
        var alice = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        var bob = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        var browser = await Subscribe(bob);

        await using var sender = await Connect(alice);
        var chat = await sender.CreateDirectAsync(bob.UserId);
        await sender.SendAsync(chat.Id, "Mesyuarat sulit jam 3 di bilik 7");

        var push = await Arrived(browser.Endpoint);
        var payload = WebPushDecryptor.DecryptText(push.Body, browser.Private, browser.Public, browser.Auth);
        Assert.Equal(PushSender.Payload, payload);
        Assert.DoesNotContain("Mesyuarat", payload);
        Assert.DoesNotContain(alice.Account.DisplayName, payload);
        Assert.Equal(PushSender.Topic, push.Headers["topic"]);
        Assert.StartsWith("vapid t=", push.Headers["authorization"]);
        Assert.Equal(agency.Id, alice.Account.AgencyId);
    }

    [Fact]
    public async Task Member_who_is_online_gets_no_push()
    {
        var (alice, bob, carol, bobsBrowser, carolsBrowser) = await SenderAndTwoSubscribers();

        await using var sender = await Connect(alice);
        await using var bobOnline = await Connect(bob);
        var group = await sender.CreateGroupAsync("Tolakan", [bob.UserId, carol.UserId]);
        await bobOnline.SyncAsync(); // a hub call runs after the connection's start, which set him online
        await sender.SendAsync(group.Id, "satu mesej");

        // Carol (offline) got hers: the batch that held this message was decided, and bob's push slot was never taken.
        await AssertOnlyCarolPushed(carolsBrowser, bobsBrowser, bob);
    }

    [Fact]
    public async Task Member_who_muted_the_chat_gets_no_push_from_it()
    {
        var (alice, bob, carol, bobsBrowser, carolsBrowser) = await SenderAndTwoSubscribers();

        await using var sender = await Connect(alice);
        var group = await sender.CreateGroupAsync("Senyap", [bob.UserId, carol.UserId]);
        await using (var bobOnce = await Connect(bob))
        {
            await bobOnce.Connection.InvokeAsync<ChatPreferences>("MuteConversation", group.Id.ToString(), "always");
        }
        // Offline again, as the dispatcher sees him: otherwise no push would prove nothing.
        await Eventually.Until(async () => (await sender.Connection.InvokeAsync<IReadOnlyList<PresenceInfo>>("WatchPresence", new[] { bob.UserId.ToString() }))
            .Single().Status == PresenceStatus.Offline, "bob offline");
        await sender.SendAsync(group.Id, "Mesej dalam kumpulan senyap");

        // Carol (offline, not muted) got hers: the batch that held this message was decided without bob.
        await AssertOnlyCarolPushed(carolsBrowser, bobsBrowser, bob);

        // The same offline bob is pushed for a chat he did not mute.
        var direct = await sender.CreateDirectAsync(bob.UserId);
        await sender.SendAsync(direct.Id, "Mesej terus");
        await Arrived(bobsBrowser.Endpoint);
    }

    [Fact]
    public async Task Agency_that_has_not_opted_in_offers_no_key_and_refuses_subscriptions()
    {
        var (_, domain) = await AgencyWithWebPush(false);
        var user = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(user.AccessToken);

        var status = await http.GetFromJsonAsync<WebPushStatus>("/api/me/push");
        Assert.False(status!.Allowed);
        Assert.Null(status.PublicKey);

        var (_, pub, auth) = WebPushDecryptor.NewUserAgent();
        var response = await http.PostAsJsonAsync("/api/me/push/subscriptions", Body(_push.NewEndpoint(), pub, auth));
        await GatewayFixture.AssertProblem(response, HttpStatusCode.Forbidden, ErrorCodes.PushNotAllowed);
        Assert.Equal(0L, await Rows(user.UserId));
    }

    [Fact]
    public async Task Malformed_subscriptions_are_refused_and_nothing_is_stored()
    {
        var (_, domain) = await AgencyWithWebPush(true);
        var user = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(user.AccessToken);
        var (_, pub, auth) = WebPushDecryptor.NewUserAgent();
        var offCurve = (byte[])pub.Clone();
        offCurve[64] ^= 0x01;

        object[] bad =
        [
            new { endpoint = "http://push.example.org/x", keys = new { p256dh = WebPushDecryptor.B64(pub), auth = WebPushDecryptor.B64(auth) } },
            new { endpoint = "https://attacker.example.org/x", keys = new { p256dh = WebPushDecryptor.B64(pub), auth = WebPushDecryptor.B64(auth) } },
            new { endpoint = "https://user:pw@fcm.googleapis.com/x", keys = new { p256dh = WebPushDecryptor.B64(pub), auth = WebPushDecryptor.B64(auth) } },
            new { endpoint = "https://fcm.googleapis.com/" + new string('a', 1100), keys = new { p256dh = WebPushDecryptor.B64(pub), auth = WebPushDecryptor.B64(auth) } },
            new { endpoint = _push.NewEndpoint(), keys = new { p256dh = WebPushDecryptor.B64(offCurve), auth = WebPushDecryptor.B64(auth) } },
            new { endpoint = _push.NewEndpoint(), keys = new { p256dh = WebPushDecryptor.B64(pub), auth = WebPushDecryptor.B64(auth[..8]) } },
            new { endpoint = _push.NewEndpoint(), keys = new { p256dh = "not base64!", auth = WebPushDecryptor.B64(auth) } },
            new { endpoint = _push.NewEndpoint() },
            new { keys = new { p256dh = WebPushDecryptor.B64(pub), auth = WebPushDecryptor.B64(auth) } },
        ];
        foreach (var body in bad)
        {
            var response = await http.PostAsJsonAsync("/api/me/push/subscriptions", body);
            await GatewayFixture.AssertProblem(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidPushSubscription);
        }
        Assert.Equal(0L, await Rows(user.UserId));
    }

    [Fact]
    public async Task Subscription_the_push_service_calls_gone_is_deleted()
    {
        var (_, domain) = await AgencyWithWebPush(true);
        var alice = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        var bob = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        var browser = await Subscribe(bob);
        _push.Answer(browser.Endpoint, HttpStatusCode.Gone);

        await using var sender = await Connect(alice);
        var chat = await sender.CreateDirectAsync(bob.UserId);
        await sender.SendAsync(chat.Id, "adakah anda masih di sana?");

        await Arrived(browser.Endpoint);
        await Eventually.Until(async () => await Rows(bob.UserId) == 0, "the gone subscription deleted");
    }

    [Fact]
    public async Task Signing_out_forgets_the_devices_subscription()
    {
        var (_, domain) = await AgencyWithWebPush(true);
        var bob = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        await Subscribe(bob);
        Assert.Equal(1L, await Rows(bob.UserId));

        using var http = Stack.HttpFor(bob.AccessToken);
        (await http.PostAsync("/api/auth/sign-out", null)).EnsureSuccessStatusCode();
        Assert.Equal(0L, await Rows(bob.UserId));
    }

    [Fact]
    public async Task Turning_notifications_off_in_the_browser_removes_the_subscription()
    {
        var (_, domain) = await AgencyWithWebPush(true);
        var bob = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        var browser = await Subscribe(bob);
        using var http = Stack.HttpFor(bob.AccessToken);

        // Someone else's endpoint is not theirs to remove.
        var eve = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var eveHttp = Stack.HttpFor(eve.AccessToken);
        (await eveHttp.PostAsJsonAsync("/api/me/push/subscriptions/remove", new { endpoint = browser.Endpoint })).EnsureSuccessStatusCode();
        Assert.Equal(1L, await Rows(bob.UserId));

        (await http.PostAsJsonAsync("/api/me/push/subscriptions/remove", new { endpoint = browser.Endpoint })).EnsureSuccessStatusCode();
        Assert.Equal(0L, await Rows(bob.UserId));
        Assert.Equal(0, (await http.GetFromJsonAsync<WebPushStatus>("/api/me/push"))!.Subscriptions);
    }

    /// <summary>Three staff of an agency that opted in; the last two have subscribed a browser each.</summary>
    private async Task<(SignIn Alice, SignIn Bob, SignIn Carol, Browser BobsBrowser, Browser CarolsBrowser)> SenderAndTwoSubscribers()
    {
        var (_, domain) = await AgencyWithWebPush(true);
        var alice = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        var bob = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        var carol = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        return (alice, bob, carol, await Subscribe(bob), await Subscribe(carol));
    }

    private async Task AssertOnlyCarolPushed(Browser carols, Browser bobs, SignIn bob)
    {
        await Arrived(carols.Endpoint);
        Assert.Empty(_push.To(new Uri(bobs.Endpoint).AbsolutePath));
        Assert.Equal(0L, await fixture.Scalar<long>(
            "SELECT count(*) FROM gochat_push_subscriptions WHERE user_id = @u AND last_push_at IS NOT NULL", ("u", bob.UserId)));
    }

    private sealed record Browser(string Endpoint, byte[] Private, byte[] Public, byte[] Auth);

    /// <summary>What the browser's PushManager.subscribe gives, posted as the web client posts it.</summary>
    private async Task<Browser> Subscribe(SignIn user)
    {
        using var http = Stack.HttpFor(user.AccessToken);
        var status = await http.GetFromJsonAsync<WebPushStatus>("/api/me/push");
        Assert.True(status!.Allowed);
        Assert.NotNull(status.PublicKey);
        var (priv, pub, auth) = WebPushDecryptor.NewUserAgent();
        var endpoint = _push.NewEndpoint();
        (await http.PostAsJsonAsync("/api/me/push/subscriptions", Body(endpoint, pub, auth))).EnsureSuccessStatusCode();
        return new Browser(endpoint, priv, pub, auth);
    }

    private static object Body(string endpoint, byte[] pub, byte[] auth) =>
        new { endpoint, expirationTime = (long?)null, keys = new { p256dh = WebPushDecryptor.B64(pub), auth = WebPushDecryptor.B64(auth) } };

    private async Task<ReceivedPush> Arrived(string endpoint)
    {
        var path = new Uri(endpoint).AbsolutePath;
        await Eventually.Until(() => Task.FromResult(_push.To(path).Count > 0), $"a push to {path}");
        return _push.To(path)[0];
    }

    private async Task<ChatClient> Connect(SignIn user)
    {
        var client = new ChatClient(Stack.GatewayUri, user.AsSession());
        await client.StartAsync();
        return client;
    }

    private Task<long> Rows(Guid user) =>
        fixture.Scalar<long>("SELECT count(*) FROM gochat_push_subscriptions WHERE user_id = @u", ("u", user));

    /// <summary>A new agency whose admin set the Web Push opt-in as asked.</summary>
    private async Task<(AgencyInfo Agency, string Domain)> AgencyWithWebPush(bool allowed)
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var admin = await fixture.AgencyAdmin(agency.Id, domain);
        using var http = Stack.HttpFor(admin.AccessToken);
        var response = await http.PutAsJsonAsync($"/api/admin/agencies/{agency.Id}/security", new { webPushAllowed = allowed });
        response.EnsureSuccessStatusCode();
        Assert.Equal(allowed, (await response.Content.ReadFromJsonAsync<AgencySecurity>())!.WebPushAllowed);
        return (agency, domain);
    }
}
