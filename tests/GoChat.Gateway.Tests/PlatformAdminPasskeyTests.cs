using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GoChat.Gateway.Tests;

/// <summary>
/// A platform configured with Identity:RequirePasskeyForPlatformAdmins: its own stack, since the setting is the
/// gateway's configuration (the shared stack keeps the default, off).
/// </summary>
public sealed class PlatformAdminPasskeyTests : IAsyncLifetime
{
    private GoChatStack _stack = null!;

    public async Task InitializeAsync() => _stack = await GoChatStack.StartAsync("platform-passkey", (builder, service) =>
    {
        if (service == GoChatStack.GatewayService) builder.Configuration["Identity:RequirePasskeyForPlatformAdmins"] = "true";
    });

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Platform_admin_needs_a_passkey_session_when_the_platform_requires_it()
    {
        var admin = await _stack.SignInWithEmailAsync(GoChatStack.PlatformAdminEmail);
        using var codeSession = _stack.HttpFor(admin.AccessToken);
        var create = new { name = "Agensi Ujian", category = AgencyCategory.FederalAgency, domains = new[] { "ujian-pk.gov.my" } };

        var refused = await codeSession.PostAsJsonAsync("/api/admin/agencies", create);
        var phone = new SoftwareAuthenticator($"http://localhost:{_stack.GatewayUri.Port}");
        var options = await (await codeSession.PostAsync("/api/me/passkeys/options", null)).Content.ReadFromJsonAsync<JsonElement>();
        var added = await codeSession.PostAsJsonAsync("/api/me/passkeys", new { name = "Kunci platform", credential = phone.Create(options) });
        var assertion = await (await _stack.Http.PostAsync("/api/auth/passkey/options", null)).Content.ReadFromJsonAsync<JsonElement>();
        var signIn = await (await _stack.Http.PostAsJsonAsync("/api/auth/passkey/verify", new { credential = phone.Get(assertion) })).Content.ReadFromJsonAsync<SignIn>();
        using var passkeySession = _stack.HttpFor(signIn!.AccessToken);
        var allowed = await passkeySession.PostAsJsonAsync("/api/admin/agencies", create);

        await GatewayFixture.AssertProblem(refused, HttpStatusCode.Forbidden, ErrorCodes.PasskeyRequired);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        await GatewayFixture.AssertProblem(await codeSession.GetAsync("/api/admin/audit/verify"), HttpStatusCode.Forbidden, ErrorCodes.PasskeyRequired);
        Assert.Equal(HttpStatusCode.OK, (await passkeySession.GetAsync("/api/admin/audit/verify")).StatusCode);
    }
}
