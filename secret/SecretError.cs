namespace GoChat.Secret;

/// <summary>
/// Why a secret-chat message or key was refused. The caller decides what to show; the code never carries key
/// material, so it can be logged and sent in telemetry as it is.
/// </summary>
public enum SecretError
{
    /// <summary>The bytes do not parse as the wire format (wrong length, unknown type).</summary>
    Malformed = 1,
    /// <summary>The first byte names a wire version this library does not speak.</summary>
    UnsupportedVersion,
    /// <summary>A public key is not a valid uncompressed P-256 point.</summary>
    InvalidKey,
    /// <summary>An ECDSA signature (signed prekey, last-resort prekey, sender-key message) does not verify.</summary>
    BadSignature,
    /// <summary>AES-GCM refused the ciphertext: it, its header or its associated data was changed.</summary>
    AuthenticationFailed,
    /// <summary>The message key was already used (and deleted): a replay, or a duplicate delivery.</summary>
    Replayed,
    /// <summary>The message is further ahead of the chain than the skip window allows.</summary>
    TooFarAhead,
    /// <summary>The prekey message names a signed, one-time or last-resort prekey this device does not hold.</summary>
    UnknownPreKey,
    /// <summary>The sender-key message belongs to a chain this device was never given (or has forgotten).</summary>
    UnknownChain,
    /// <summary>The session cannot send yet or the saved state does not parse.</summary>
    InvalidState,
}

/// <summary>
/// The one exception the protocol throws for a refused input. Its message is the error's name and nothing else,
/// so no exception text can leak a key, a plaintext or a ciphertext into a log.
/// </summary>
public sealed class SecretException(SecretError error) : Exception(error.ToString())
{
    public SecretError Error { get; } = error;
}
