namespace GoChat.Broadcasts.Signing;

/// <summary>One agency key in <c>Broadcasts:Signing:Keys</c>.</summary>
public sealed class AgencySigningKeyOptions
{
    public string KeyId { get; set; } = "";

    public string AgencyId { get; set; } = "";

    /// <summary>
    /// PKCS#8 DER of the P-256 private key, standard base64. May be left empty for a retired key whose private half has
    /// been destroyed: its certificate alone keeps its broadcasts verifiable.
    /// </summary>
    public string? PrivateKeyPkcs8 { get; set; }

    /// <summary><see cref="AgencyKeyCertificate.Encode"/> of the key's certificate.</summary>
    public string Certificate { get; set; } = "";

    /// <summary>The key that signs the agency's new broadcasts; at most one per agency.</summary>
    public bool Active { get; set; }
}
