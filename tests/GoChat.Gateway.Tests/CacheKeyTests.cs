using System.Net;
using System.Net.Http.Json;

namespace GoChat.Gateway.Tests;

/// <summary>
/// The offline-cache key of a device session (docs/security/offline-cache.md): 32 bytes per device, the same for the
/// session's life (refreshes keep it), never cached, and gone with the session.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CacheKeyTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    private sealed record KeyAnswer(string Key);

    [Fact]
    public async Task Each_device_has_its_own_key_kept_across_refreshes_and_never_cached()
    {
        var (phone, laptop) = await TwoDevices();
        var phoneKey = await KeyOf(phone.AccessToken);
        Assert.Equal(32, Convert.FromBase64String(phoneKey).Length);
        Assert.NotEqual(phoneKey, await KeyOf(laptop.AccessToken));

        var refreshed = (await (await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = phone.RefreshToken })).Content.ReadFromJsonAsync<SignIn>())!;
        Assert.Equal(phoneKey, await KeyOf(refreshed.AccessToken));

        using var http = Stack.HttpFor(phone.AccessToken);
        var response = await http.GetAsync("/api/me/cache-key");
        Assert.True(response.Headers.CacheControl?.NoStore, "The key must be sent with Cache-Control: no-store.");
    }

    [Fact]
    public async Task Key_of_a_revoked_device_is_gone_and_a_new_sign_in_gets_another()
    {
        var (phone, laptop, email) = await TwoDevicesOf();
        var old = await KeyOf(phone.AccessToken);
        using var laptopHttp = Stack.HttpFor(laptop.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await laptopHttp.DeleteAsync($"/api/me/devices/{phone.DeviceId}")).StatusCode);

        using var phoneHttp = Stack.HttpFor(phone.AccessToken);
        await GatewayFixture.AssertProblem(await phoneHttp.GetAsync("/api/me/cache-key"), HttpStatusCode.Unauthorized, ErrorCodes.InvalidSession);

        var again = await Stack.SignInWithEmailAsync(email);
        Assert.NotEqual(old, await KeyOf(again.AccessToken));
    }

    private async Task<string> KeyOf(string accessToken)
    {
        using var http = Stack.HttpFor(accessToken);
        var response = await http.GetAsync("/api/me/cache-key");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<KeyAnswer>())!.Key;
    }

    private async Task<(SignIn Phone, SignIn Laptop)> TwoDevices()
    {
        var (phone, laptop, _) = await TwoDevicesOf();
        return (phone, laptop);
    }

    private async Task<(SignIn Phone, SignIn Laptop, string Email)> TwoDevicesOf()
    {
        var email = GatewayFixture.StaffEmail((await fixture.CreateAgency(AgencyCategory.FederalAgency)).Domain);
        var phone = await Stack.SignInWithEmailAsync(email);
        var laptop = (await (await Stack.RegisterAsync(email, device: "Laptop")).Content.ReadFromJsonAsync<SignIn>())!;
        return (phone, laptop, email);
    }
}
