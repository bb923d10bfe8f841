namespace GoChat.Broadcasts.Signing;

/// <summary>
/// One agency signature over <see cref="BroadcastPayload.ToSignedBytes"/>: ECDSA P-256 with SHA-256, IEEE P1363
/// (r‖s, 64 bytes), made by the key <see cref="KeyId"/> names. Stored and sent beside the broadcast.
/// </summary>
public sealed record BroadcastSignature(string KeyId, byte[] Signature);
