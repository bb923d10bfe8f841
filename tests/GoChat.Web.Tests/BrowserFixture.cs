using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace GoChat.Web.Tests;

/// <summary>
/// One real silo + gateway (serving the built web client) on a throwaway PostgreSQL, and Debian's Chromium
/// driven headless by Playwright. Each test opens its own browser contexts (one per person) and its own agency.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's package; Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private Task<SignIn>? _admin;

    public GoChatStack Stack { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots land here, under the test output.</summary>
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        // A loaded 2-core machine: conditions may take a while to come true, they are still waited on, never slept on.
        SetDefaultExpectTimeout(30_000);
        Stack = await GoChatStack.StartAsync("web", (builder, service) =>
        {
            // Web Push posts to a local push service on 127.0.0.1 (LocalPushService) in WebPushTests.
            if (service == GoChatStack.SiloService) builder.Configuration["WebPush:AllowLoopbackHttp"] = "true";
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // A fake microphone (a beeping tone) that needs no prompt: voice notes are recorded in AttachmentTests. It changes
            // nothing for a page that does not ask for the microphone, and the context still has to be granted it.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
        });
        Directory.CreateDirectory(ScreenshotDir);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Stack is not null) await Stack.DisposeAsync();
    }

    /// <summary>
    /// The gateway as http://localhost:port: WebAuthn needs a relying party id that is a domain name (never an IP
    /// address), and localhost is a secure context over plain http.
    /// </summary>
    public Uri LocalhostUri => new UriBuilder(Stack.GatewayUri) { Host = "localhost" }.Uri;

    /// <summary>A person at a browser: a fresh context (own storage, own network switch) with one page.</summary>
    /// <param name="localhost">Open the gateway as <see cref="LocalhostUri"/> (for passkeys) rather than by its IP address.</param>
    /// <param name="touch">A phone's touch screen (touch events, pointerType "touch").</param>
    /// <param name="gateway">Another gateway of the stack (one with settings of its own) instead of the first.</param>
    public async Task<Person> OpenBrowser(string email, int width = 1280, int height = 800, bool localhost = false, bool touch = false, Uri? gateway = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (gateway ?? (localhost ? LocalhostUri : Stack.GatewayUri)).ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = touch,
            Locale = "ms-MY",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new Person(this, email, context, page);
    }

    /// <summary>Staff of one new agency, each signed in at their own browser, in the order of the names.</summary>
    public async Task<Staff> SignedInStaff(params string[] names)
    {
        var (_, domain) = await CreateAgency();
        var people = new Person[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            people[i] = await OpenBrowser(StaffEmail(names[i], domain));
            await people[i].SignIn();
        }
        return new Staff(people);
    }

    /// <summary>A staff member made admin of their agency by the platform admin, then signed in at a browser.</summary>
    public async Task<Person> AgencyAdmin(string domain, bool localhost = false)
    {
        var email = StaffEmail("pentadbir", domain);
        var staff = await Stack.SignInWithEmailAsync(email);
        using var platform = Stack.HttpFor((await PlatformAdmin()).AccessToken);
        (await platform.PutAsJsonAsync($"/api/admin/users/{staff.UserId}/role", new { role = "AgencyAdmin" })).EnsureSuccessStatusCode();
        var admin = await OpenBrowser(email, localhost: localhost);
        await admin.SignIn();
        return admin;
    }

    /// <summary>
    /// A platform admin at a browser: a staff member of a new agency promoted by the bootstrapped one (whose own codes
    /// are rate-limited and spent over REST).
    /// </summary>
    public async Task<Person> PlatformAdminAtBrowser()
    {
        var (_, domain) = await CreateAgency();
        var email = StaffEmail("platform", domain);
        var staff = await Stack.SignInWithEmailAsync(email);
        using var platform = Stack.HttpFor((await PlatformAdmin()).AccessToken);
        (await platform.PutAsJsonAsync($"/api/admin/users/{staff.UserId}/role", new { role = "PlatformAdmin" })).EnsureSuccessStatusCode();
        var admin = await OpenBrowser(email);
        await admin.SignIn();
        return admin;
    }

    /// <summary>The bootstrapped platform admin over REST, signed in once: codes per address are rate-limited.</summary>
    public Task<SignIn> PlatformAdmin() => _admin ??= Stack.SignInWithEmailAsync(GoChatStack.PlatformAdminEmail);

    /// <summary>A new agency on a domain no other test uses.</summary>
    public async Task<(AgencyInfo Agency, string Domain)> CreateAgency(string? name = null)
    {
        var domain = $"a{Guid.NewGuid():N}"[..12] + ".gov.my";
        using var http = Stack.HttpFor((await PlatformAdmin()).AccessToken);
        var response = await http.PostAsJsonAsync("/api/admin/agencies", new { name = name ?? $"Agensi {domain}", category = AgencyCategory.FederalAgency, domains = new[] { domain } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<AgencyInfo>())!, domain);
    }

    /// <summary>The id of the account at this address, for steps that go straight to the grains.</summary>
    public async Task<Guid> UserIdOf(string email)
    {
        await using var connection = new NpgsqlConnection(Stack.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT id FROM gochat_users WHERE email = @e", connection);
        cmd.Parameters.AddWithValue("e", email);
        return (Guid)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>A fresh address at the agency's domain, named so that a directory search finds exactly this person.</summary>
    public static string StaffEmail(string name, string domain) => $"{name}.{Guid.NewGuid():N}"[..(name.Length + 7)] + "@" + domain;

    public string Screenshot(string name) => Path.Combine(ScreenshotDir, name + ".png");
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
