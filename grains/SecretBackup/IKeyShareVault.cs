namespace GoChat.Grains.SecretBackup;

/// <summary>
/// An HMAC-SHA256 whose key never leaves a PKCS#11 token. Key shares and passcode verifiers are MACs under it, so
/// neither can be computed, nor a guess checked, by someone who holds only the database.
/// </summary>
public interface IKeyShareVault
{
    bool Available { get; }

    Task<byte[]> Mac(byte[] message);
}
