using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using GoChat.Broadcasts.Signing;

namespace GoChat.Cli;

/// <summary>
/// <c>gochat-cli keys root|agency ...</c>: makes the keys of the broadcast channels (docs/broadcasts/signatures.md).
/// Everything goes to standard output and nothing to a file, so no key lands in a working copy by accident; where the
/// operator puts it (an offline store for the root, the secret store for agency keys) is theirs to decide.
/// </summary>
internal static class KeysCommand
{
    private const string Usage = """
        usage:
          gochat-cli keys root --id <root-key-id>
              A new platform root key pair: the private key to keep offline, the public key for configuration
              (Broadcasts:Signing:RootPublicKeys) and the clients.
          gochat-cli keys agency --agency <agency-id> --id <key-id> --root-key <file> --root-id <root-key-id>
                                 [--days 730] [--not-before yyyy-MM-dd]
              A new agency signing key and its certificate, signed by the root whose private key (PKCS#8, base64)
              is in <file>. The window starts at --not-before (default: now) and lasts --days days.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return args switch
            {
                ["root", .. var rest] => Root(new CommandFlags(rest), output, error),
                ["agency", .. var rest] => Agency(new CommandFlags(rest), output, error),
                _ => Fail(error, Usage),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            return Fail(error, e.Message + "\n\n" + Usage);
        }
    }

    private static int Root(CommandFlags flags, TextWriter output, TextWriter error)
    {
        var id = flags.Required("--id");
        if (!KeyIds.IsValid(id)) return Fail(error, "--id: " + KeyIds.Rule);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = key.ExportParameters(includePrivateParameters: false).Q;
        output.WriteLine($"# Platform root key {id} (ECDSA P-256), made {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}.");
        output.WriteLine("# Private key, PKCS#8 base64: keep it offline; it is needed only to certify agency keys.");
        output.WriteLine("# Never put it in the repository, a configuration file or a server.");
        output.WriteLine($"RootPrivateKeyPkcs8={Convert.ToBase64String(key.ExportPkcs8PrivateKey())}");
        output.WriteLine();
        output.WriteLine("# Public key, raw uncompressed point, base64url: for Broadcasts:Signing:RootPublicKeys and the clients.");
        output.WriteLine($"Broadcasts__Signing__RootPublicKeys__{id}={Base64Url.EncodeToString([0x04, .. publicKey.X!, .. publicKey.Y!])}");
        output.WriteLine("# The same public key as SubjectPublicKeyInfo DER, base64url, for tools that want SPKI:");
        output.WriteLine($"# {Base64Url.EncodeToString(key.ExportSubjectPublicKeyInfo())}");
        return 0;
    }

    private static int Agency(CommandFlags flags, TextWriter output, TextWriter error)
    {
        var agency = flags.Required("--agency");
        var id = flags.Required("--id");
        var rootFile = flags.Required("--root-key");
        var rootId = flags.Required("--root-id");
        var days = int.Parse(flags.Optional("--days") ?? "730", NumberStyles.None, CultureInfo.InvariantCulture);
        if (days is < 1 or > 3660) return Fail(error, "--days: between 1 and 3660.");
        if (!KeyIds.IsValid(id)) return Fail(error, "--id: " + KeyIds.Rule);
        if (!KeyIds.IsValid(rootId)) return Fail(error, "--root-id: " + KeyIds.Rule);
        var notBefore = flags.Optional("--not-before") is { } day
            ? DateTimeOffset.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : DateTimeOffset.UtcNow;

        if (InsideGitWorkTree(rootFile))
            error.WriteLine($"warning: {rootFile} is inside a git working copy; the root private key belongs offline.");
        using var root = ECDsa.Create();
        try
        {
            var text = File.ReadAllText(rootFile).Trim();
            // Accept the line 'keys root' prints as it is, as well as the bare base64.
            if (text.StartsWith("RootPrivateKeyPkcs8=", StringComparison.Ordinal)) text = text["RootPrivateKeyPkcs8=".Length..];
            root.ImportPkcs8PrivateKey(Convert.FromBase64String(text), out _);
            if (root.KeySize != 256) return Fail(error, "--root-key: not a P-256 key.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or CryptographicException)
        {
            return Fail(error, $"--root-key: cannot read a PKCS#8 base64 private key from {rootFile}: {e.Message}");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = AgencyKeyCertificate.Issue(id, agency, key, notBefore, notBefore.AddDays(days), rootId, root);
        var rootPublic = root.ExportParameters(includePrivateParameters: false).Q;
        var roots = PlatformRoots.FromPublicKeys(new Dictionary<string, byte[]> { [rootId] = [0x04, .. rootPublic.X!, .. rootPublic.Y!] });
        if (!certificate.Verify(roots)) return Fail(error, "The new certificate does not verify; nothing was issued.");

        output.WriteLine($"# Agency key {id} for {agency}, certified by {rootId} from {certificate.NotBefore:yyyy-MM-ddTHH:mm:ssZ} to {certificate.NotAfter:yyyy-MM-ddTHH:mm:ssZ}.");
        output.WriteLine("# One entry of Broadcasts:Signing:Keys. Put it in the secret store (never the repository); <n> is its index.");
        output.WriteLine("# Set Active=true once it should sign, and Active=false on the key it replaces.");
        output.WriteLine($"Broadcasts__Signing__Keys__<n>__KeyId={id}");
        output.WriteLine($"Broadcasts__Signing__Keys__<n>__AgencyId={agency}");
        output.WriteLine($"Broadcasts__Signing__Keys__<n>__PrivateKeyPkcs8={Convert.ToBase64String(key.ExportPkcs8PrivateKey())}");
        output.WriteLine($"Broadcasts__Signing__Keys__<n>__Certificate={certificate.Encode()}");
        output.WriteLine("Broadcasts__Signing__Keys__<n>__Active=true");
        return 0;
    }

    private static bool InsideGitWorkTree(string file)
    {
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(file)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git"))) return true;
        }
        return false;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 2;
    }
}
