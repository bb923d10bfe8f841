using System.Text.Json;
using GoChat.Grains.Push;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GoChat.Web.Tests;

/// <summary>
/// Web Push in the browser: the agency admin's switch, the user's switch in Settings, and the service worker's
/// notification. Headless Chromium cannot reach a browser vendor's push service, so its PushManager hands out a
/// subscription on a local push service (with keys the test holds) and DevTools delivers the push to the service
/// worker: everything GoChat itself does runs for real.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPushTests(BrowserFixture fixture)
{
    /// <summary>The browser's part that needs the vendor's service: a subscription at the given endpoint and keys.</summary>
    private static string FakePushManager(string endpoint, string p256dh, string auth) => $$"""
        (() => {
          const keys = { p256dh: "{{p256dh}}", auth: "{{auth}}" };
          const endpoint = "{{endpoint}}";
          // Kept across reloads, as a browser keeps its subscription.
          const stored = "test-push-subscription";
          const make = () => ({
            endpoint, expirationTime: null, options: {},
            toJSON: () => ({ endpoint, expirationTime: null, keys }),
            unsubscribe: async () => { localStorage.removeItem(stored); return true; },
          });
          PushManager.prototype.subscribe = async function () { localStorage.setItem(stored, "1"); return make(); };
          PushManager.prototype.getSubscription = async function () { return localStorage.getItem(stored) ? make() : null; };
        })();
        """;

    [Fact]
    public async Task Admin_allows_Web_Push_a_user_turns_it_on_and_while_away_gets_a_notice_without_sender_or_text()
    {
        await using var push = await LocalPushService.StartAsync();
        var (_, domain) = await fixture.CreateAgency();
        await using var admin = await fixture.AgencyAdmin(domain);
        var (priv, pub, auth) = WebPushDecryptor.NewUserAgent();
        var endpoint = push.NewEndpoint();
        var bobEmail = BrowserFixture.StaffEmail("bob", domain);
        await using var bob = await fixture.OpenBrowser(bobEmail);
        await bob.Context.GrantPermissionsAsync(["notifications"]);
        await bob.Context.AddInitScriptAsync(FakePushManager(endpoint, WebPushDecryptor.B64(pub), WebPushDecryptor.B64(auth)));
        await bob.SignIn();

        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Keselamatan" }).ClickAsync();
        await admin.Page.GetByTestId("allow-web-push").CheckAsync();
        await admin.Page.ReloadAsync();
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Keselamatan" }).ClickAsync();
        await Expect(admin.Page.GetByTestId("allow-web-push")).ToBeCheckedAsync();

        await bob.Page.GotoAsync("/settings");
        var toggle = bob.Page.GetByLabel("Beritahu saya apabila GoChat ditutup");
        // The switch follows the outcome (permission, subscription, the gateway's answer), not the click.
        await toggle.ClickAsync();
        await Expect(bob.Page.GetByTestId("web-push-error")).ToHaveCountAsync(0);
        await Expect(toggle).ToBeCheckedAsync();
        var bobId = await fixture.UserIdOf(bobEmail);
        await Eventually.Until(async () => await Subscriptions(bobId, endpoint) == 1, "bob's subscription stored");
        await bob.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("web-push-settings") });

        // Bob closes GoChat; alice writes.
        await bob.Page.GotoAsync("about:blank");
        var grains = fixture.Stack.GatewayServices.GetRequiredService<IGrainFactory>();
        await Eventually.Until(async () => (await grains.GetGrain<IPresenceGrain>(bobId).GetPresence()).Status == PresenceStatus.Offline, "bob offline");
        var alice = await fixture.Stack.SignInWithEmailAsync(BrowserFixture.StaffEmail("alice", domain));
        await using var aliceClient = new ChatClient(fixture.Stack.GatewayUri, alice.AsSession());
        await aliceClient.StartAsync();
        var chat = await aliceClient.CreateDirectAsync(bobId);
        await aliceClient.SendAsync(chat.Id, "Fail sulit ada di meja saya");

        var path = new Uri(endpoint).AbsolutePath;
        await Eventually.Until(() => Task.FromResult(push.To(path).Count > 0), "the push at the push service");
        var payload = WebPushDecryptor.DecryptText(push.To(path)[0].Body, priv, pub, auth);
        Assert.Equal(PushSender.Payload, payload);

        // What the push service would hand the browser, delivered to GoChat's service worker.
        await bob.Page.GotoAsync("/settings");
        await Expect(toggle).ToBeVisibleAsync();
        var notes = await DeliverAndReadNotifications(bob, payload);
        var note = Assert.Single(notes);
        Assert.Equal("Mesej baharu dalam GoChat", note.GetProperty("title").GetString());
        Assert.Equal("", note.GetProperty("body").GetString());

        // Turned off: the gateway forgets the subscription.
        await Expect(toggle).ToBeCheckedAsync();
        await toggle.ClickAsync();
        await Expect(bob.Page.GetByTestId("web-push-error")).ToHaveCountAsync(0);
        await Expect(toggle).Not.ToBeCheckedAsync();
        await Eventually.Until(async () => await Subscriptions(bobId, endpoint) == 0, "bob's subscription removed");
    }

    private static async Task<IReadOnlyList<JsonElement>> DeliverAndReadNotifications(Person person, string payload)
    {
        var cdp = await person.Context.NewCDPSessionAsync(person.Page);
        var registration = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var r in e!.Value.GetProperty("registrations").EnumerateArray())
                if (!r.GetProperty("isDeleted").GetBoolean()) registration.TrySetResult(r.GetProperty("registrationId").GetString()!);
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var id = await registration.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var origin = new Uri(person.Page.Url).GetLeftPart(UriPartial.Authority);
        await cdp.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object> { ["origin"] = origin, ["registrationId"] = id, ["data"] = payload });

        const string read = "async () => (await (await navigator.serviceWorker.ready).getNotifications()).map(n => ({ title: n.title, body: n.body }))";
        IReadOnlyList<JsonElement> notes = [];
        await Eventually.Until(async () =>
        {
            notes = [.. (await person.Page.EvaluateAsync<JsonElement>(read)).EnumerateArray()];
            return notes.Count > 0;
        }, "the service worker's notification");
        return notes;
    }

    private async Task<long> Subscriptions(Guid user, string endpoint)
    {
        await using var connection = new NpgsqlConnection(fixture.Stack.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM gochat_push_subscriptions WHERE user_id = @u AND endpoint = @e", connection);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("e", endpoint);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
