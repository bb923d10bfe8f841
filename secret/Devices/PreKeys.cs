namespace GoChat.Secret.Devices;

/// <summary>A signed prekey as published: id, ECDH public key, identity signature over both.</summary>
public sealed record SignedPreKey(uint Id, byte[] PublicKey, byte[] Signature);

/// <summary>A one-time prekey as published: unsigned, like Signal's, since it only ever adds a DH.</summary>
public sealed record OneTimePreKey(uint Id, byte[] PublicKey);

/// <summary>
/// The last-resort prekey: handed out in place of a one-time key when the server has none left, and not deleted
/// after use, so a device that was offline while its one-time keys ran out still gets every message. Signed,
/// because unlike a one-time key it is long-lived and a server that swapped it would get a lasting foothold.
/// </summary>
public sealed record LastResortPreKey(uint Id, byte[] PublicKey, byte[] Signature);
