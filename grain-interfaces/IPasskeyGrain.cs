namespace GoChat.GrainInterfaces;

/// <summary>
/// One user's passkeys (WebAuthn credentials), keyed by user id. The gateway runs the FIDO2 ceremonies; this grain
/// keeps the credentials, the pending registration challenge and the signature counters, so that a counter check
/// and its update are one step however many gateways verify at once.
/// </summary>
[Alias("gochat.IPasskeyGrain")]
public interface IPasskeyGrain : IGrainWithGuidKey
{
    [Alias("List")] Task<IReadOnlyList<PasskeyInfo>> List();

    /// <summary>Keeps the registration options just sent to the browser; a later call replaces them. Refused unless the account is active.</summary>
    [Alias("BeginRegistration")] Task BeginRegistration(string optionsJson, TimeSpan lifetime);

    /// <summary>The pending registration options, once: null when there are none or they expired.</summary>
    [Alias("TakeRegistration")] Task<string?> TakeRegistration();

    /// <summary>Stores a verified credential. CONFLICT when its id belongs to an account already.</summary>
    [Alias("Add")] Task<PasskeyInfo> Add(NewPasskey passkey);

    /// <summary>Null when this user has no such credential (never registered, or revoked).</summary>
    [Alias("Get")] Task<StoredPasskey?> Get(byte[] credentialId);

    /// <summary>
    /// After the gateway verified an assertion: advances the signature counter and starts a passkey-verified device
    /// session. A counter that did not increase means a cloned authenticator: PASSKEY_CLONED, audited.
    /// </summary>
    [Alias("SignIn")] Task<IssuedSession> SignIn(byte[] credentialId, uint signCount, string deviceName);

    /// <summary>The FIDO2 library refused an assertion's counter: audits the clone and throws PASSKEY_CLONED.</summary>
    [Alias("RefuseClone")] Task RefuseClone(byte[] credentialId, uint signCount);

    [Alias("Rename")] Task<PasskeyInfo> Rename(string id, string name);

    /// <summary>The credential can no longer sign in. PASSKEY_NOT_FOUND when there is none by that id.</summary>
    [Alias("Revoke")] Task Revoke(string id);
}
