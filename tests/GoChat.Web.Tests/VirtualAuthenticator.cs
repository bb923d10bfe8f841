using System.Text.Json;

namespace GoChat.Web.Tests;

/// <summary>
/// Chromium's virtual authenticator over the DevTools protocol (WebAuthn domain): a platform authenticator with
/// resident keys and user verification that always says "verified", as a phone's fingerprint reader would.
/// </summary>
public sealed class VirtualAuthenticator
{
    private readonly ICDPSession _cdp;

    private VirtualAuthenticator(ICDPSession cdp, string id)
    {
        _cdp = cdp;
        Id = id;
    }

    public string Id { get; }

    public static async Task<VirtualAuthenticator> Add(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        return await Add(cdp);
    }

    /// <summary>A second authenticator on the same page: where a copied credential goes.</summary>
    public Task<VirtualAuthenticator> AddAnother() => Add(_cdp);

    private static async Task<VirtualAuthenticator> Add(ICDPSession cdp)
    {
        var result = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return new VirtualAuthenticator(cdp, result!.Value.GetProperty("authenticatorId").GetString()!);
    }

    /// <summary>The credentials it holds, private keys and signature counters included.</summary>
    public async Task<IReadOnlyList<JsonElement>> Credentials()
    {
        var result = await _cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = Id });
        return [.. result!.Value.GetProperty("credentials").EnumerateArray().Select(c => c.Clone())];
    }

    /// <summary>Puts a copy of a credential (same key) into this authenticator, with the given counter.</summary>
    public Task AddCredential(JsonElement credential, long signCount) => _cdp.SendAsync("WebAuthn.addCredential", new Dictionary<string, object>
    {
        ["authenticatorId"] = Id,
        ["credential"] = new Dictionary<string, object>
        {
            ["credentialId"] = credential.GetProperty("credentialId").GetString()!,
            ["isResidentCredential"] = true,
            ["rpId"] = credential.GetProperty("rpId").GetString()!,
            ["privateKey"] = credential.GetProperty("privateKey").GetString()!,
            ["userHandle"] = credential.GetProperty("userHandle").GetString()!,
            ["signCount"] = signCount,
        },
    });

    public Task Remove() => _cdp.SendAsync("WebAuthn.removeVirtualAuthenticator", new Dictionary<string, object> { ["authenticatorId"] = Id });
}
