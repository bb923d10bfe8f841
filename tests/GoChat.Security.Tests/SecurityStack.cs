using System.Net;
using System.Net.Http.Json;
using GoChat.Gateway.Auth;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Security.Tests;

/// <summary>
/// One real silo + gateway on a throwaway database and the helpers both suites share: sign-ins through the
/// emailed code, extra sessions, hub connections over either protocol, problem-details checks.
/// </summary>
public sealed class SecurityStack : IAsyncDisposable
{
    private SecurityStack(GoChatStack stack) => Stack = stack;

    public GoChatStack Stack { get; }

    public static async Task<SecurityStack> StartAsync(string prefix)
    {
        // Passcode backups on (issue 17): their hub methods answer for real, not SECRET_BACKUP_UNAVAILABLE.
        var token = await SoftHsmToken.Shared;
        return new(await GoChatStack.StartAsync(prefix, (builder, service) =>
        {
            // Setup signs the same addresses in more than once; the per-address limits are not what these suites test.
            if (service == GoChatStack.SiloService)
            {
                builder.Configuration["Identity:MaxCodesPerWindow"] = "100";
                builder.Configuration["Identity:MaxDevices"] = "100";
                foreach (var (key, value) in token.SiloSettings) builder.Configuration[key] = value;
            }
        }));
    }

    public IGrainFactory Grains => Stack.GatewayServices.GetRequiredService<IGrainFactory>();

    public static string StaffEmail(string domain) => $"staf-{Guid.NewGuid():N}"[..13] + "@" + domain;

    public static string ExternalEmail() => $"luar-{Guid.NewGuid():N}"[..13] + "@rakan.com.my";

    public static string NewDomain() => $"a{Guid.NewGuid():N}"[..12] + ".gov.my";

    /// <summary>A new device session of an existing account, as sign-in or refresh would start it, with its tokens.</summary>
    public async Task<Principal> NewSession(Guid userId, string name)
    {
        var session = await Grains.GetGrain<IUserGrain>(userId).StartSession("security-suite");
        return Principal.From(name, session, Stack.GatewayServices.GetRequiredService<TokenService>());
    }

    /// <summary>
    /// An access token for an account that may not hold one (pending approval), minted with the gateway's own key:
    /// what a leaked or stale token of such an account would look like.
    /// </summary>
    public async Task<Principal> MintedFor(Guid userId, string name)
    {
        var account = (await Grains.GetGrain<IUserGrain>(userId).GetAccount())!;
        var (token, _) = Stack.GatewayServices.GetRequiredService<TokenService>().Issue(account, deviceId: null);
        return new Principal(name, userId, token, "", null, account.AgencyId);
    }

    public async Task<Principal> SignIn(string email, string name, Guid? agencyId = null)
    {
        var signIn = await Stack.SignInWithEmailAsync(email, agencyId);
        return new Principal(name, signIn.UserId, signIn.AccessToken, signIn.RefreshToken, signIn.DeviceId, signIn.Account.AgencyId) { Email = email };
    }

    public async Task<AgencyInfo> CreateAgency(Principal platformAdmin, string domain)
    {
        using var http = Http(platformAdmin);
        var response = await http.PostAsJsonAsync("/api/admin/agencies", new { name = $"Agensi {domain}", category = "FederalAgency", domains = new[] { domain } });
        await Ensure(response);
        return (await response.Content.ReadFromJsonAsync<AgencyInfo>())!;
    }

    /// <summary>A staff member of the agency made its admin by the platform admin, with a token that carries the role.</summary>
    public async Task<Principal> AgencyAdmin(Principal platformAdmin, string domain, string name)
    {
        var staff = await SignIn(StaffEmail(domain), name);
        using var http = Http(platformAdmin);
        await Ensure(await http.PutAsJsonAsync($"/api/admin/users/{staff.UserId}/role", new { role = "AgencyAdmin" }));
        return await NewSession(staff.UserId, name);
    }

    /// <summary>An external user who asked to join the agency and waits for its admin.</summary>
    public async Task<Guid> PendingExternal(Guid agencyId)
    {
        var response = await Stack.RegisterAsync(ExternalEmail(), agencyId);
        if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"Pending registration gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<PendingAnswer>())!.UserId;
    }

    public HttpClient Http(Principal? principal) => principal is null ? new HttpClient { BaseAddress = Stack.GatewayUri } : Stack.HttpFor(principal.AccessToken);

    public HubConnection Hub(string accessToken, bool messagePack)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(Stack.GatewayUri, "/hubs/chat"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            });
        if (messagePack) builder.AddMessagePackProtocol();
        return builder.Build();
    }

    public static async Task Ensure(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync() => await Stack.DisposeAsync();
}

public sealed record PendingAnswer(Guid UserId, AccountStatus Status);

/// <summary>Someone the suites act as: a name for the test output and the credentials of one device session.</summary>
public sealed record Principal(string Name, Guid UserId, string AccessToken, string RefreshToken, Guid? DeviceId, Guid? AgencyId)
{
    public string? Email { get; init; }

    public static Principal From(string name, IssuedSession session, TokenService tokens)
    {
        var (access, _) = tokens.Issue(session.Account, session.DeviceId);
        return new Principal(name, session.Account.UserId, access, TokenService.RefreshToken(session.Account.UserId, session), session.DeviceId, session.Account.AgencyId)
        {
            Email = session.Account.Email,
        };
    }
}
