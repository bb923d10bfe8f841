using System.Buffers.Text;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Api;

/// <summary>
/// Passkeys (WebAuthn, "Biometrik"): a signed-in user registers, lists, renames and revokes them; anyone signs in
/// with one instead of the emailed code. The FIDO2 library (Fido2 4.x) verifies every attestation and assertion;
/// the grains keep the challenges single-use and the signature counters moving forward.
/// </summary>
public static class PasskeyEndpoints
{
    public sealed record RegisterPasskeyRequest(string? Name, JsonElement Credential);

    public sealed record RenamePasskeyRequest(string? Name);

    public sealed record PasskeySignInRequest(JsonElement Credential, string? DeviceName);

    /// <summary>A base64url challenge of 32 bytes is 43 characters; anything much longer is not one of ours.</summary>
    private const int MaxChallengeLength = 128;

    public static IEndpointRouteBuilder MapPasskeyApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/passkeys").WithTags("Passkeys").RequireAuthorization();
        me.MapGet("/", (HttpContext ctx, IGrainFactory grains) => grains.GetGrain<IPasskeyGrain>(ctx.User.UserId()).List()).WithName("ListMyPasskeys");
        me.MapPost("/options", RegistrationOptions).WithName("PasskeyRegistrationOptions");
        me.MapPost("/", Register).WithName("RegisterPasskey");
        me.MapPatch("/{id}", (string id, RenamePasskeyRequest request, HttpContext ctx, IGrainFactory grains) =>
            grains.GetGrain<IPasskeyGrain>(ctx.User.UserId()).Rename(id, request.Name ?? "")).WithName("RenamePasskey");
        me.MapDelete("/{id}", async (string id, HttpContext ctx, IGrainFactory grains) =>
        {
            await grains.GetGrain<IPasskeyGrain>(ctx.User.UserId()).Revoke(id);
            return TypedResults.NoContent();
        }).WithName("RevokePasskey");

        var auth = app.MapGroup("/api/auth/passkey").WithTags("Auth").RequireRateLimiting(AuthEndpoints.RateLimitPolicy);
        auth.MapPost("/options", SignInOptions).WithName("PasskeySignInOptions");
        auth.MapPost("/verify", SignIn).WithName("PasskeySignIn");
        return app;
    }

    /// <summary>PublicKeyCredentialCreationOptions for navigator.credentials.create, byte fields in base64url.</summary>
    private static async Task<IResult> RegistrationOptions(HttpContext ctx, IGrainFactory grains, PasskeyRelyingParty rp)
    {
        var userId = ctx.User.UserId();
        var account = await grains.GetGrain<IUserGrain>(userId).GetAccount() ?? throw new GoChatException(ErrorCodes.UserNotFound, "No such user.");
        var passkeys = grains.GetGrain<IPasskeyGrain>(userId);
        var existing = await passkeys.List();
        var options = rp.Fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            // The user handle is the user id: a discoverable credential names its account at sign-in.
            User = new Fido2User { Id = userId.ToByteArray(), Name = account.Email ?? account.DisplayName, DisplayName = account.DisplayName },
            ExcludeCredentials = existing.Select(p => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(p.Id))).ToList(),
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required,
                // The passkey replaces the emailed code, so the device must check who holds it (fingerprint, face, PIN).
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        var json = options.ToJson();
        await passkeys.BeginRegistration(json, rp.CeremonyLifetime);
        return Results.Text(json, "application/json");
    }

    private static async Task<Created<PasskeyInfo>> Register(RegisterPasskeyRequest request, HttpContext ctx, IGrainFactory grains, PasskeyRelyingParty rp, ILoggerFactory logs)
    {
        var userId = ctx.User.UserId();
        var raw = Parse<AuthenticatorAttestationRawResponse>(request.Credential);
        if (raw.Response?.AttestationObject is not { Length: > 0 } || raw.Response.ClientDataJson is not { Length: > 0 }) throw Malformed();
        var passkeys = grains.GetGrain<IPasskeyGrain>(userId);
        var pending = await passkeys.TakeRegistration()
            ?? throw new GoChatException(ErrorCodes.PasskeyInvalid, "The passkey request has expired or was used; start again.");
        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await rp.Fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = raw,
                OriginalOptions = CredentialCreateOptions.FromJson(pending),
                IsCredentialIdUniqueToUserCallback = async (p, _) =>
                    await grains.GetGrain<IPasskeyLookupGrain>(0).FindOwner(p.CredentialId) is not { } owner || owner == userId,
            }, ctx.RequestAborted);
        }
        catch (Fido2VerificationException e) when (e.Code == Fido2ErrorCode.NonUniqueCredentialId)
        {
            throw new GoChatException(ErrorCodes.Conflict, "This passkey belongs to another account.");
        }
        catch (Exception e) when (IsBadCredential(e))
        {
            logs.CreateLogger(typeof(PasskeyEndpoints)).LogWarning("Passkey registration refused for {UserId}: {Reason}", userId, e.Message);
            throw new GoChatException(ErrorCodes.PasskeyInvalid, "The passkey could not be verified: " + e.Message);
        }
        var info = await passkeys.Add(new NewPasskey(credential.Id, credential.PublicKey, credential.SignCount, credential.AaGuid,
            request.Name ?? "", credential.AttestationFormat ?? "none"));
        return TypedResults.Created($"/api/me/passkeys/{info.Id}", info);
    }

    /// <summary>PublicKeyCredentialRequestOptions without allowCredentials: the browser offers the passkeys it has for GoChat.</summary>
    private static async Task<IResult> SignInOptions(IGrainFactory grains, PasskeyRelyingParty rp)
    {
        var options = rp.Fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [],
            UserVerification = UserVerificationRequirement.Required,
        });
        var json = options.ToJson();
        await grains.GetGrain<IPasskeyChallengeGrain>(Base64Url.EncodeToString(options.Challenge)).Issue(json, rp.CeremonyLifetime);
        return Results.Text(json, "application/json");
    }

    private static async Task<Ok<AuthEndpoints.SignInResponse>> SignIn(PasskeySignInRequest request, HttpContext ctx, IGrainFactory grains,
        PasskeyRelyingParty rp, TokenService tokens, ILoggerFactory logs)
    {
        var raw = Parse<AuthenticatorAssertionRawResponse>(request.Credential);
        if (raw.RawId is not { Length: > 0 } credentialId || raw.Response?.ClientDataJson is not { Length: > 0 } clientData
            || raw.Response.AuthenticatorData is not { Length: > 0 } || raw.Response.Signature is not { Length: > 0 }) throw Malformed();

        // Whatever happens next, this challenge is spent.
        var challenge = ChallengeOf(clientData) ?? throw Refused();
        var pending = await grains.GetGrain<IPasskeyChallengeGrain>(challenge).Take()
            ?? throw new GoChatException(ErrorCodes.PasskeyInvalid, "The sign-in request has expired or was used; try again.");
        var owner = await grains.GetGrain<IPasskeyLookupGrain>(0).FindOwner(credentialId) ?? throw Refused();
        var passkeys = grains.GetGrain<IPasskeyGrain>(owner);
        var stored = await passkeys.Get(credentialId) ?? throw Refused();
        var ownerHandle = owner.ToByteArray();
        VerifyAssertionResult result;
        try
        {
            result = await rp.Fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = raw,
                OriginalOptions = AssertionOptions.FromJson(pending),
                StoredPublicKey = stored.PublicKey,
                StoredSignatureCounter = stored.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(p.UserHandle.AsSpan().SequenceEqual(ownerHandle)),
            }, ctx.RequestAborted);
        }
        catch (Fido2VerificationException e) when (e.Code == Fido2ErrorCode.InvalidSignCount)
        {
            // The signature was good (the library checks it first) but the counter did not move on: a copy of the key.
            await passkeys.RefuseClone(credentialId, AuthenticatorData.Parse(raw.Response.AuthenticatorData).SignCount);
            throw new GoChatException(ErrorCodes.PasskeyCloned, "This passkey's signature counter went backwards.");
        }
        catch (Exception e) when (IsBadCredential(e))
        {
            logs.CreateLogger(typeof(PasskeyEndpoints)).LogWarning("Passkey sign-in refused for {UserId}: {Reason}", owner, e.Message);
            throw Refused();
        }
        var session = await passkeys.SignIn(result.CredentialId, result.SignCount, request.DeviceName ?? "");
        return TypedResults.Ok(AuthEndpoints.Issue(tokens, session));
    }

    private static T Parse<T>(JsonElement element) where T : class
    {
        if (element.ValueKind != JsonValueKind.Object) throw Malformed();
        try
        {
            return element.Deserialize<T>() ?? throw Malformed();
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw Malformed();
        }
    }

    /// <summary>The challenge the browser signed, from the client data; the library then checks it against the options.</summary>
    private static string? ChallengeOf(byte[] clientDataJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(clientDataJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("challenge", out var c)
                && c.ValueKind == JsonValueKind.String && c.GetString() is { Length: > 0 and <= MaxChallengeLength } s ? s : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What the credential itself got wrong, as opposed to a cluster that cannot answer (which stays 5xx).</summary>
    private static bool IsBadCredential(Exception e) =>
        e is not (GoChatException or OperationCanceledException or TimeoutException or global::Orleans.Runtime.OrleansException);

    private static GoChatException Malformed() => GoChatException.Invalid("A WebAuthn credential (PublicKeyCredential as JSON, base64url fields) is required.");

    /// <summary>One answer for an unknown, revoked or badly signed credential: it does not say which.</summary>
    private static GoChatException Refused() => new(ErrorCodes.PasskeyInvalid, "The passkey was not accepted; sign in with the emailed code.");
}
