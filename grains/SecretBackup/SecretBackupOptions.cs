using System.ComponentModel.DataAnnotations;

namespace GoChat.Grains.SecretBackup;

/// <summary>
/// The PKCS#11 token that computes the passcode backups' key shares (SecretBackup:Pkcs11). Without a library the
/// backups are off and say so (SECRET_BACKUP_UNAVAILABLE): a share computed in software from a secret beside the
/// database would give a stolen copy of it the brute force of a six-digit passcode that the token is there to prevent.
/// </summary>
public sealed class SecretBackupOptions : IValidatableObject
{
    public const string Section = "SecretBackup";

    public Pkcs11TokenOptions Pkcs11 { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(Pkcs11.Library);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (!File.Exists(Pkcs11.Library)) yield return new($"SecretBackup:Pkcs11:Library names no file: {Pkcs11.Library}.");
        if (string.IsNullOrWhiteSpace(Pkcs11.TokenLabel)) yield return new("SecretBackup:Pkcs11:TokenLabel is required with a library.");
        if (string.IsNullOrEmpty(Pkcs11.UserPin)) yield return new("SecretBackup:Pkcs11:UserPin is required with a library (a secret: from the environment, never the repository).");
        if (string.IsNullOrWhiteSpace(Pkcs11.KeyLabel)) yield return new("SecretBackup:Pkcs11:KeyLabel may not be empty.");
    }
}

public sealed class Pkcs11TokenOptions
{
    /// <summary>The token's PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so or the HSM vendor's.</summary>
    public string? Library { get; set; }

    public string? TokenLabel { get; set; }

    public string? UserPin { get; set; }

    /// <summary>The HMAC key's label in the token; made there (sensitive, never extractable) on first use.</summary>
    public string KeyLabel { get; set; } = "gochat-backup-share";
}
