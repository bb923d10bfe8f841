using System.Buffers.Text;
using Microsoft.Extensions.Logging;

namespace GoChat.Grains.Identity;

/// <summary>
/// A user's passkeys. The FIDO2 verification itself happens in the gateway (the library needs the relying party's
/// origins); what must be one step across gateways happens here: the single-use registration challenge, the
/// one-account-per-credential claim, and the signature counter's compare-and-advance.
/// </summary>
[GrainType("passkeys")]
public sealed class PasskeyGrain(
    [PersistentState("passkeys")] IPersistentState<PasskeyState> state,
    PasskeyStore store,
    AuditStore audit,
    TimeProvider time,
    ILogger<PasskeyGrain> logger) : Grain, IPasskeyGrain
{
    private PasskeyState S => state.State;
    private Guid UserId => this.GetPrimaryKey();

    public Task<IReadOnlyList<PasskeyInfo>> List() => Task.FromResult<IReadOnlyList<PasskeyInfo>>(
        S.Credentials.OrderBy(c => c.Value.CreatedAt).Select(c => Info(c.Key, c.Value)).ToList());

    public async Task BeginRegistration(string optionsJson, TimeSpan lifetime)
    {
        var account = await GrainFactory.GetGrain<IUserGrain>(UserId).GetAccount();
        if (account is null || account.Status != AccountStatus.Active) throw new GoChatException(ErrorCodes.Forbidden, "Only an active account can add a passkey.");
        if (S.Credentials.Count >= Limits.MaxPasskeys) throw new GoChatException(ErrorCodes.Conflict, $"At most {Limits.MaxPasskeys} passkeys; remove one first.");
        S.PendingRegistration = optionsJson;
        S.PendingExpiresAt = time.GetUtcNow() + lifetime;
        await state.WriteStateAsync();
    }

    public async Task<string?> TakeRegistration()
    {
        var pending = S.PendingRegistration;
        if (pending is null) return null;
        S.PendingRegistration = null;
        await state.WriteStateAsync();
        return time.GetUtcNow() > S.PendingExpiresAt ? null : pending;
    }

    public async Task<PasskeyInfo> Add(NewPasskey passkey)
    {
        var name = ValidName(passkey.Name);
        var id = Base64Url.EncodeToString(passkey.CredentialId);
        if (S.Credentials.ContainsKey(id)) throw new GoChatException(ErrorCodes.Conflict, "This passkey is registered already.");
        if (S.Credentials.Count >= Limits.MaxPasskeys) throw new GoChatException(ErrorCodes.Conflict, $"At most {Limits.MaxPasskeys} passkeys; remove one first.");
        var now = time.GetUtcNow();
        // The claim first: if the grain write then fails, the same credential can be registered again by its owner.
        if (!await store.Claim(passkey.CredentialId, UserId, now)) throw new GoChatException(ErrorCodes.Conflict, "This passkey belongs to another account.");
        var credential = new PasskeyCredentialState
        {
            PublicKey = passkey.PublicKey, SignCount = passkey.SignCount, Name = name, CreatedAt = now,
            Aaguid = passkey.Aaguid, AttestationFormat = passkey.AttestationFormat,
        };
        S.Credentials[id] = credential;
        await state.WriteStateAsync();
        await audit.Append(AuditActions.PasskeyRegistered, await AgencyId(), UserId, UserId, $"{name} aaguid {passkey.Aaguid} fmt {passkey.AttestationFormat}");
        logger.LogInformation("Passkey registered for {UserId}", UserId);
        return Info(id, credential);
    }

    public Task<StoredPasskey?> Get(byte[] credentialId) => Task.FromResult(
        S.Credentials.TryGetValue(Base64Url.EncodeToString(credentialId), out var c) ? new StoredPasskey(c.PublicKey, c.SignCount) : null);

    public async Task<IssuedSession> SignIn(byte[] credentialId, uint signCount, string deviceName)
    {
        var id = Base64Url.EncodeToString(credentialId);
        if (!S.Credentials.TryGetValue(id, out var credential)) throw Invalid();
        // WebAuthn §7.2 step 21: when either counter is non-zero the new one must be greater. Checked here again,
        // not only by the library, because two gateways may verify copies of one credential at the same moment.
        if ((signCount != 0 || credential.SignCount != 0) && signCount <= credential.SignCount)
        {
            await Clone(id, credential, signCount);
        }
        credential.SignCount = signCount;
        credential.LastUsedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        var session = await GrainFactory.GetGrain<IUserGrain>(UserId).StartSession(deviceName, passkeyVerified: true);
        await audit.Append(AuditActions.PasskeySignedIn, session.Account.AgencyId, UserId, UserId, $"{credential.Name} device {session.DeviceId}");
        return session;
    }

    public async Task RefuseClone(byte[] credentialId, uint signCount)
    {
        var id = Base64Url.EncodeToString(credentialId);
        if (!S.Credentials.TryGetValue(id, out var credential)) throw Invalid();
        await Clone(id, credential, signCount);
    }

    public async Task<PasskeyInfo> Rename(string id, string name)
    {
        if (!S.Credentials.TryGetValue(id ?? "", out var credential)) throw NotFound();
        credential.Name = ValidName(name);
        await state.WriteStateAsync();
        return Info(id!, credential);
    }

    public async Task Revoke(string id)
    {
        if (!S.Credentials.Remove(id ?? "", out var credential)) throw NotFound();
        await state.WriteStateAsync();
        // The grain no longer knows the credential, so it cannot sign in even if releasing the id fails.
        await store.Release(Base64Url.DecodeFromChars(id), UserId);
        await audit.Append(AuditActions.PasskeyRevoked, await AgencyId(), UserId, UserId, credential.Name);
    }

    /// <summary>The state stays as it was: the clone's counter never becomes the stored one.</summary>
    private async Task Clone(string id, PasskeyCredentialState credential, uint signCount)
    {
        logger.LogWarning("Passkey counter did not increase for {UserId} ({Presented} <= {Stored}): cloned authenticator refused", UserId, signCount, credential.SignCount);
        await audit.Append(AuditActions.PasskeyCloned, await AgencyId(), null, UserId,
            $"{credential.Name} id {id[..Math.Min(id.Length, 16)]} counter {signCount} <= {credential.SignCount}");
        throw new GoChatException(ErrorCodes.PasskeyCloned, "This passkey's signature counter went backwards: it may have been copied. Sign in with the emailed code.");
    }

    private async Task<Guid?> AgencyId() => (await GrainFactory.GetGrain<IUserGrain>(UserId).GetAccount())?.AgencyId;

    /// <summary>The shared text rules (INVALID_TEXT for what cannot be stored); a blank name gets a default.</summary>
    private static string ValidName(string? name) =>
        TextRules.Optional(name, Limits.MaxPasskeyNameLength, "A passkey name") ?? "Kunci laluan";

    private static PasskeyInfo Info(string id, PasskeyCredentialState c) => new(id, c.Name, c.CreatedAt, c.LastUsedAt, c.Aaguid);

    private static GoChatException Invalid() => new(ErrorCodes.PasskeyInvalid, "This passkey is not registered with GoChat; sign in with the emailed code.");

    private static GoChatException NotFound() => new(ErrorCodes.PasskeyNotFound, "No such passkey.");
}
