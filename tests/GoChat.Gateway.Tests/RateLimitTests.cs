using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GoChat.Gateway.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace GoChat.Gateway.Tests;

/// <summary>A stack of its own whose budgets are low enough to meet in a test, and refill in seconds.</summary>
public sealed class RateLimitFixture : IAsyncLifetime
{
    /// <summary>Per user, shared by the gateways; per device, loose, so these tests meet the user's budget.</summary>
    public const int SendBurst = 20;
    public const double SendsPerSecond = 0.5;

    /// <summary>Searches: a device's budget is smaller than its user's.</summary>
    public const int SearchUserBurst = 8;
    public const int SearchDeviceBurst = 3;

    public const int UploadBurst = 2;
    public const int CodeBurst = 3;
    public const int TypingBurst = 3;

    public GoChatStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await GoChatStack.StartAsync("ratelimits", Configure);

    public Task DisposeAsync() => Stack.DisposeAsync().AsTask();

    public static void Configure(WebApplicationBuilder builder, string service)
    {
        if (service != GoChatStack.GatewayService) return;
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimits:LeaseShareOfBurst"] = "0.1",
            ["RateLimits:Sends:PerUser:PerSecond"] = SendsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:Sends:PerUser:Burst"] = SendBurst.ToString(),
            ["RateLimits:Searches:PerUser:PerSecond"] = "0.5",
            ["RateLimits:Searches:PerUser:Burst"] = SearchUserBurst.ToString(),
            ["RateLimits:Searches:PerDevice:PerSecond"] = "0.5",
            ["RateLimits:Searches:PerDevice:Burst"] = SearchDeviceBurst.ToString(),
            ["RateLimits:Uploads:PerUser:PerSecond"] = "0.001",
            ["RateLimits:Uploads:PerUser:Burst"] = UploadBurst.ToString(),
            ["RateLimits:CodeRequests:PerUser:PerSecond"] = "0.001",
            ["RateLimits:CodeRequests:PerUser:Burst"] = CodeBurst.ToString(),
            ["RateLimits:Typing:PerUser:PerSecond"] = "0.001",
            ["RateLimits:Typing:PerUser:Burst"] = TypingBurst.ToString(),
        });
    }
}

public sealed class RateLimitTests(RateLimitFixture fixture) : IClassFixture<RateLimitFixture>
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Typing_is_rate_limited()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("typist"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("reader"));
        var chat = (await alice.CreateDirectAsync(bob.UserId)).Id;
        await bob.CreateDirectAsync(alice.UserId); // nothing said yet: in bob's list once he opens it (issue 14, defect 9)
        await Task.WhenAll(alice.SyncAsync(), bob.SyncAsync());
        await bob.SetOpenAsync(chat);

        // Every call completes without an error (a typing signal is advisory); those beyond the budget go nowhere.
        for (var i = 0; i < RateLimitFixture.TypingBurst * 3; i++) await alice.Connection.InvokeAsync("Typing", chat.ToString(), i % 2 == 0);

        // A message after the signals: once bob has it, every signal that went out has arrived before it.
        await alice.SendAsync(chat, "penanda");
        await bob.WaitForTexts(chat, 1);
        Assert.Equal(RateLimitFixture.TypingBurst, bob.TypingSignals.Count(t => t.UserId == alice.UserId));
    }

    [Fact]
    public async Task Sends_beyond_the_burst_are_refused_and_not_stored()
    {
        await using var me = await Stack.ConnectAsync(GatewayFixture.Handle("flood"));
        var peer = await Stack.SignInAsync(GatewayFixture.Handle("peer"));
        var conversation = (await me.CreateDirectAsync(peer.UserId)).Id;
        var text = $"burst-{Guid.NewGuid():N}";
        var watch = Stopwatch.StartNew();

        var (accepted, refusal) = await SendUntilRefused(me, conversation, text);

        Assert.NotNull(refusal);
        HubErrors.AssertCode(ErrorCodes.RateLimited, refusal);
        Assert.Contains("try again in", refusal.Message);
        Assert.InRange(accepted, RateLimitFixture.SendBurst, RateLimitFixture.SendBurst + Refilled(watch.Elapsed));
        // Every accepted message is stored once; the refused one is not.
        Assert.Equal(accepted, await CountTexts(text));
    }

    [Fact]
    public async Task Budget_refills_over_time()
    {
        await using var me = await Stack.ConnectAsync(GatewayFixture.Handle("refill"));
        var peer = await Stack.SignInAsync(GatewayFixture.Handle("peer"));
        var conversation = (await me.CreateDirectAsync(peer.UserId)).Id;
        var text = $"refill-{Guid.NewGuid():N}";
        var (accepted, _) = await SendUntilRefused(me, conversation, text);

        // One permit refills every 2 s: a send goes through again within a few seconds, and only one does.
        var deadline = Stopwatch.StartNew();
        var refilled = false;
        while (!refilled && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            refilled = await TrySend(me, conversation, $"{text}-{accepted++}") is null;
            if (!refilled) await Task.Delay(100);
        }
        Assert.True(refilled, "No send went through 30 s after the budget was spent.");
        Assert.NotNull(await TrySend(me, conversation, $"{text}-after"));
    }

    [Fact]
    public async Task Limits_hold_across_two_gateways()
    {
        var second = await Stack.StartExtraGatewayAsync();
        var session = await Stack.SignInAsync(GatewayFixture.Handle("twogw"));
        await using var here = new ChatClient(Stack.GatewayUri, session);
        await here.StartAsync();
        await using var there = await second.ConnectAsync(session);
        var peer = await Stack.SignInAsync(GatewayFixture.Handle("peer"));
        var conversation = (await here.CreateDirectAsync(peer.UserId)).Id;
        var text = $"twogw-{Guid.NewGuid():N}";
        var watch = Stopwatch.StartNew();

        // Alternate between the gateways until both refuse in the same round.
        int acceptedHere = 0, acceptedThere = 0;
        for (var round = 0; round < 4 * RateLimitFixture.SendBurst; round++)
        {
            var hereRefused = await TrySend(here, conversation, $"{text}-h{round}") is not null;
            var thereRefused = await TrySend(there, conversation, $"{text}-t{round}") is not null;
            if (!hereRefused) acceptedHere++;
            if (!thereRefused) acceptedThere++;
            if (hereRefused && thereRefused) break;
        }

        // Two budgets (one per gateway) would let through about twice the burst; one shared budget lets through the
        // burst, less what one gateway leased and did not spend when the other ran dry (a lease: a tenth of the burst).
        var accepted = acceptedHere + acceptedThere;
        var lease = (int)(RateLimitFixture.SendBurst * 0.1);
        Assert.InRange(accepted, RateLimitFixture.SendBurst - 2 * lease, RateLimitFixture.SendBurst + Refilled(watch.Elapsed));
        Assert.True(acceptedHere >= lease && acceptedThere >= lease, $"here {acceptedHere}, there {acceptedThere}");
        Assert.Equal(accepted, await CountTexts(text));
    }

    [Fact]
    public async Task One_users_flood_does_not_limit_another_user()
    {
        await using var flooder = await Stack.ConnectAsync(GatewayFixture.Handle("flood"));
        await using var other = await Stack.ConnectAsync(GatewayFixture.Handle("calm"));
        var peer = await Stack.SignInAsync(GatewayFixture.Handle("peer"));
        var floodIn = (await flooder.CreateDirectAsync(peer.UserId)).Id;
        var calmIn = (await other.CreateDirectAsync(peer.UserId)).Id;
        var (_, refusal) = await SendUntilRefused(flooder, floodIn, $"flood-{Guid.NewGuid():N}");
        Assert.NotNull(refusal);

        var text = $"calm-{Guid.NewGuid():N}";
        for (var i = 0; i < RateLimitFixture.SendBurst / 2; i++) await other.SendAsync(calmIn, $"{text}-{i}");
        Assert.Equal(RateLimitFixture.SendBurst / 2, await CountTexts(text));
        // The flooder is still refused meanwhile.
        Assert.NotNull(await TrySend(flooder, floodIn, "still flooding"));
    }

    [Fact]
    public async Task A_device_spends_its_own_budget_beside_its_users()
    {
        // A dev token carries no device id: each connection counts as a device of the user.
        var session = await Stack.SignInAsync(GatewayFixture.Handle("devices"));
        await using var phone = new ChatClient(Stack.GatewayUri, session);
        await phone.StartAsync();
        await using var desktop = new ChatClient(Stack.GatewayUri, session);
        await desktop.StartAsync();
        var watch = Stopwatch.StartNew();

        var phoneAccepted = await SearchUntilRefused(phone);
        var desktopAccepted = await SearchUntilRefused(desktop);

        // The phone ran out of its own budget while its user's still had some: the desktop searched after it.
        Assert.InRange(phoneAccepted, RateLimitFixture.SearchDeviceBurst, RateLimitFixture.SearchDeviceBurst + Refilled(watch.Elapsed));
        Assert.True(desktopAccepted >= 1, "The second device found nothing left of the user's budget.");
        Assert.InRange(phoneAccepted + desktopAccepted, RateLimitFixture.SearchDeviceBurst + 1, RateLimitFixture.SearchUserBurst + Refilled(watch.Elapsed));
    }

    [Fact]
    public async Task Directory_search_over_REST_answers_429_with_code_and_Retry_After()
    {
        var session = await Stack.SignInAsync(GatewayFixture.Handle("restsearch"));
        using var http = Stack.HttpFor(session.AccessToken);
        HttpResponseMessage response;
        var accepted = 0;
        while ((response = await http.GetAsync("/api/directory?q=a")).IsSuccessStatusCode && accepted < 50) accepted++;

        await GatewayFixture.AssertProblem(response, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        AssertRetryAfter(response);
        Assert.True(accepted >= RateLimitFixture.SearchDeviceBurst, $"only {accepted} searches before the refusal");
    }

    [Fact]
    public async Task Photo_upload_over_its_budget_answers_429_and_stores_nothing()
    {
        var session = await Stack.SignInAsync(GatewayFixture.Handle("photo"));
        using var http = Stack.HttpFor(session.AccessToken);
        // Failed uploads spend the budget too: it counts attempts, whatever their outcome.
        for (var i = 0; i < RateLimitFixture.UploadBurst; i++)
        {
            var tried = await Upload(http, "not a picture"u8.ToArray());
            Assert.NotEqual(HttpStatusCode.TooManyRequests, tried.StatusCode);
        }

        var refused = await Upload(http, Png);

        await GatewayFixture.AssertProblem(refused, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        AssertRetryAfter(refused);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/users/{session.UserId}/photo")).StatusCode);
    }

    [Fact]
    public async Task Code_requests_from_one_address_are_limited_across_email_addresses()
    {
        for (var i = 0; i < RateLimitFixture.CodeBurst; i++)
        {
            var sent = await Stack.Http.PostAsJsonAsync("/api/auth/code", new { email = GatewayFixture.ExternalEmail() });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }
        var email = GatewayFixture.ExternalEmail();

        var refused = await Stack.Http.PostAsJsonAsync("/api/auth/code", new { email });

        await GatewayFixture.AssertProblem(refused, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        AssertRetryAfter(refused);
        Assert.Empty(Stack.MailsTo(email));
    }

    [Fact]
    public async Task The_per_address_auth_window_answers_429_with_code_and_Retry_After()
    {
        await using var stack = await GoChatStack.StartAsync("ratelimits-auth", (builder, service) =>
        {
            if (service == GoChatStack.GatewayService) builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimits:AuthRequestsPerIpPerMinute"] = "2" });
        });
        for (var i = 0; i < 2; i++)
        {
            var answered = await stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" });
            Assert.Equal(HttpStatusCode.Unauthorized, answered.StatusCode);
        }

        var refused = await stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" });

        await GatewayFixture.AssertProblem(refused, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        AssertRetryAfter(refused);
    }

    [Fact]
    public async Task A_load_test_token_outside_the_Benchmark_environment_is_limited_like_anyone()
    {
        var session = await Stack.SignInAsync(GatewayFixture.Handle("ltdev"));
        var account = await Stack.GatewayServices.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(session.UserId).GetAccount();
        var (token, expires) = Stack.GatewayServices.GetRequiredService<TokenService>().Issue(account!, deviceId: null, loadTest: true);
        await using var me = new ChatClient(Stack.GatewayUri, session with { AccessToken = token, ExpiresAt = expires });
        await me.StartAsync();
        var peer = await Stack.SignInAsync(GatewayFixture.Handle("peer"));
        var conversation = (await me.CreateDirectAsync(peer.UserId)).Id;

        var (_, refusal) = await SendUntilRefused(me, conversation, $"ltdev-{Guid.NewGuid():N}");

        Assert.NotNull(refusal);
        HubErrors.AssertCode(ErrorCodes.RateLimited, refusal);
    }

    [Fact]
    public async Task The_bulk_users_route_does_not_exist_in_Development()
    {
        var response = await Stack.Http.PostAsJsonAsync("/api/bench/users", new { prefix = "nope", count = 2 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_bulk_users_route_does_not_exist_in_Production()
    {
        await using var production = await GoChatStack.StartAsync("ratelimits-prod", RateLimitFixture.Configure, environment: "Production");
        var response = await production.Http.PostAsJsonAsync("/api/bench/users", new { prefix = "nope", count = 2 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Bench_load_users_are_exempt_in_the_Benchmark_environment_and_no_one_else_is()
    {
        await using var bench = await GoChatStack.StartAsync("ratelimits-bench", RateLimitFixture.Configure, environment: "Benchmark");
        var provisioned = await bench.Http.PostAsJsonAsync("/api/bench/users", new { prefix = "lt", count = 2 });
        provisioned.EnsureSuccessStatusCode();
        var users = (await provisioned.Content.ReadFromJsonAsync<BenchUserDto[]>())!;
        Assert.Equal(2, users.Length);
        await using var load = new ChatClient(bench.GatewayUri, new DevSession(users[0].UserId, users[0].Handle, users[0].Handle, users[0].AccessToken, users[0].ExpiresAt));
        await load.StartAsync();
        var loadIn = (await load.CreateDirectAsync(users[1].UserId)).Id;
        var text = $"exempt-{Guid.NewGuid():N}";

        for (var i = 0; i < 2 * RateLimitFixture.SendBurst; i++) await load.SendAsync(loadIn, $"{text}-{i}");

        // An ordinary user of the same gateway, signed in the ordinary way, still meets the limit.
        await using var ordinary = new ChatClient(bench.GatewayUri, await bench.SignInAsync(GatewayFixture.Handle("ordinary")));
        await ordinary.StartAsync();
        var ordinaryIn = (await ordinary.CreateDirectAsync(users[1].UserId)).Id;
        var (accepted, refusal) = await SendUntilRefused(ordinary, ordinaryIn, $"ordinary-{Guid.NewGuid():N}");
        Assert.NotNull(refusal);
        HubErrors.AssertCode(ErrorCodes.RateLimited, refusal);
        Assert.True(accepted < 2 * RateLimitFixture.SendBurst);
    }

    private sealed record BenchUserDto(Guid UserId, string Handle, string AccessToken, DateTimeOffset ExpiresAt);

    /// <summary>Permits that may have refilled while a test ran (plus the one being refilled).</summary>
    private static int Refilled(TimeSpan elapsed) => (int)Math.Ceiling(elapsed.TotalSeconds * RateLimitFixture.SendsPerSecond) + 1;

    private static async Task<(int Accepted, Exception? Refusal)> SendUntilRefused(ChatClient client, Guid conversation, string text, int max = 200)
    {
        for (var i = 0; i < max; i++)
        {
            if (await TrySend(client, conversation, $"{text}-{i}") is { } refusal) return (i, refusal);
        }
        return (max, null);
    }

    /// <returns>Null when the send went through; the refusal otherwise (any other error fails the test).</returns>
    private static async Task<Exception?> TrySend(ChatClient client, Guid conversation, string text)
    {
        try
        {
            await client.SendAsync(conversation, text);
            return null;
        }
        catch (Exception ex) when (HubErrors.Code(ex) == ErrorCodes.RateLimited)
        {
            return ex;
        }
    }

    private static async Task<int> SearchUntilRefused(ChatClient client)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await client.Connection.InvokeAsync<object>("SearchDirectory", new { text = "a", limit = 5 });
            }
            catch (Exception ex) when (HubErrors.Code(ex) == ErrorCodes.RateLimited)
            {
                return i;
            }
        }
        return 100;
    }

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter is { TotalSeconds: >= 1 }, $"Retry-After: {response.Headers.RetryAfter}");
    }

    private static Task<HttpResponseMessage> Upload(HttpClient http, byte[] data)
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return http.PutAsync("/api/me/photo", content);
    }

    private async Task<long> CountTexts(string prefix)
    {
        await using var connection = new NpgsqlConnection(Stack.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM gochat_messages WHERE starts_with(body, @p)", connection);
        cmd.Parameters.AddWithValue("p", prefix);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
