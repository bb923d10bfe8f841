using System.Diagnostics;

namespace GoChat.Testing;

/// <summary>
/// A SoftHSM 2 token for one test process (Debian's softhsm2, see scripts/ensure-prereqs.sh): its own token directory
/// in a temp folder, its own labels and PINs, made with softhsm2-util. SoftHSM reads SOFTHSM2_CONF when the module is
/// first loaded, so the variable is set (in the C environment) for the whole process before any silo loads it; every silo of the process
/// then shares the one token, as the silos of a cluster share the agency's HSM.
/// </summary>
public sealed class SoftHsmToken
{
    public const string Library = "/usr/lib/softhsm/libsofthsm2.so";

    private static readonly Lazy<Task<SoftHsmToken>> SharedToken = new(Create);

    private SoftHsmToken(string directory, string label, string userPin)
    {
        Directory = directory;
        Label = label;
        UserPin = userPin;
    }

    public static Task<SoftHsmToken> Shared => SharedToken.Value;

    /// <summary>Where the token's files are: what a thief of the server's disk, but not of the HSM, would lack.</summary>
    public string Directory { get; }

    public string Label { get; }

    public string UserPin { get; }

    /// <summary>The silo's settings for this token.</summary>
    public IReadOnlyDictionary<string, string?> SiloSettings => new Dictionary<string, string?>
    {
        ["SecretBackup:Pkcs11:Library"] = Library,
        ["SecretBackup:Pkcs11:TokenLabel"] = Label,
        ["SecretBackup:Pkcs11:UserPin"] = UserPin,
    };

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    private static async Task<SoftHsmToken> Create()
    {
        if (!File.Exists(Library)) throw new InvalidOperationException($"SoftHSM is not installed ({Library}); run scripts/ensure-prereqs.sh.");
        var root = Path.Combine(Path.GetTempPath(), "gochat-test-softhsm-" + Guid.NewGuid().ToString("N")[..8]);
        var tokens = Path.Combine(root, "tokens");
        System.IO.Directory.CreateDirectory(tokens);
        var conf = Path.Combine(root, "softhsm2.conf");
        await File.WriteAllTextAsync(conf, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n");
        // .NET's Environment.SetEnvironmentVariable changes only the runtime's copy on Linux; the module reads the C one.
        if (SetEnv("SOFTHSM2_CONF", conf, 1) != 0) throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed.");
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", conf);

        var token = new SoftHsmToken(root, "gochat-test", Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));
        var init = new ProcessStartInfo("softhsm2-util")
        {
            ArgumentList = { "--init-token", "--free", "--label", token.Label, "--pin", token.UserPin, "--so-pin", token.UserPin + "so" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        init.Environment["SOFTHSM2_CONF"] = conf;
        using var process = Process.Start(init)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"softhsm2-util --init-token failed ({process.ExitCode}): {output}");
        return token;
    }
}
