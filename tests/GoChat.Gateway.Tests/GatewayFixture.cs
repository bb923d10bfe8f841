using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace GoChat.Gateway.Tests;

/// <summary>One real silo + gateway on a fresh database, shared by the end-to-end tests; each test uses its own users.</summary>
public class GatewayFixture : IAsyncLifetime
{
    public GoChatStack Stack { get; private set; } = null!;

    private Task<SignIn>? _admin;

    public virtual async Task InitializeAsync() => Stack = await GoChatStack.StartAsync(DatabasePrefix, (builder, service) =>
    {
        Configure(builder, service);
        // A web client shell, so the gateway maps its client-route fallback as in production (routing meets it on every miss).
        if (service == GoChatStack.GatewayService) builder.Configuration["WebClient:Root"] = WebClientShell();
        // Web Push tests post to a push service on 127.0.0.1 (LocalPushService) and need not wait a minute between pushes.
        if (service == GoChatStack.SiloService)
        {
            builder.Configuration["WebPush:AllowLoopbackHttp"] = "true";
            builder.Configuration["WebPush:MinIntervalSeconds"] = "1";
            // A search band is widened while it holds fewer than two matches, so a few messages span several bands.
            builder.Configuration["Search:BandPool"] = "2";
        }
    });

    protected virtual string DatabasePrefix => "gateway";

    /// <summary>Settings a derived fixture adds to a service before it starts.</summary>
    protected virtual void Configure(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder, string service)
    {
    }

    private static string WebClientShell()
    {
        var root = Path.Combine(Path.GetTempPath(), "gochat-shell-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "index.html"), "<!doctype html><title>GoChat</title>");
        return root;
    }

    /// <summary>The bootstrapped platform admin, signed in once: codes per address are rate-limited.</summary>
    public Task<SignIn> PlatformAdmin() => _admin ??= Stack.SignInWithEmailAsync(GoChatStack.PlatformAdminEmail);

    public async Task DisposeAsync() => await Stack.DisposeAsync();

    /// <summary>A handle no other test uses, so tests stay independent on the shared stack.</summary>
    public static string Handle(string name) => $"{name}-{Guid.NewGuid():N}"[..24];

    /// <summary>A new agency on a domain no other test uses, created by the platform admin.</summary>
    public async Task<(AgencyInfo Agency, string Domain)> CreateAgency(AgencyCategory category)
    {
        var domain = $"a{Guid.NewGuid():N}"[..12] + ".gov.my";
        using var http = Stack.HttpFor((await PlatformAdmin()).AccessToken);
        var response = await http.PostAsJsonAsync("/api/admin/agencies", new { name = $"Agensi {domain}", category, domains = new[] { domain } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<AgencyInfo>())!, domain);
    }

    /// <summary>A staff member of the agency made its admin by the platform admin, with a token that carries the role.</summary>
    public async Task<SignIn> AgencyAdmin(Guid agencyId, string domain)
    {
        var staff = await Stack.SignInWithEmailAsync(StaffEmail(domain));
        using var platform = Stack.HttpFor((await PlatformAdmin()).AccessToken);
        (await platform.PutAsJsonAsync($"/api/admin/users/{staff.UserId}/role", new { role = "AgencyAdmin" })).EnsureSuccessStatusCode();
        var refreshed = await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = staff.RefreshToken });
        refreshed.EnsureSuccessStatusCode();
        var session = (await refreshed.Content.ReadFromJsonAsync<SignIn>())!;
        Assert.Equal(UserRole.AgencyAdmin, session.Account.Role);
        Assert.Equal(agencyId, session.Account.AgencyId);
        return session;
    }

    /// <summary>An RFC 7807 answer with GoChat's error code.</summary>
    public static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    /// <summary>Rows of the message log matching a condition: how tests prove what was (not) stored.</summary>
    public Task<long> CountMessages(string condition, params (string Name, object Value)[] parameters) =>
        Scalar<long>($"SELECT count(*) FROM gochat_messages WHERE {condition}", parameters);

    /// <summary>One value straight from PostgreSQL: what is stored, not what the API says.</summary>
    public async Task<T> Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Stack.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(Stack.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A fresh address at a government domain: registers straight into that domain's agency.</summary>
    public static string StaffEmail(string domain) => $"staf-{Guid.NewGuid():N}"[..13] + "@" + domain;

    /// <summary>A fresh address outside government: registers as an external user pending approval.</summary>
    public static string ExternalEmail() => $"luar-{Guid.NewGuid():N}"[..13] + "@rakan.com.my";

    public Task<long> CountRows(Guid conversationId, string? where = null) =>
        CountMessages("conversation_id = @c" + (where is null ? "" : " AND " + where), ("c", conversationId));

    public Task<long> CountRowsWithText(string text) => CountMessages("body = @b", ("b", text));
}

/// <summary>The answer to a confirmed external registration.</summary>
public sealed record PendingAnswer(Guid UserId, AccountStatus Status);

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
