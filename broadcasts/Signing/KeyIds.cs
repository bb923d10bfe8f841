using System.Text.RegularExpressions;

namespace GoChat.Broadcasts.Signing;

/// <summary>
/// Key ids name keys in configuration, where keys are case-insensitive (an environment variable, a JSON file), and
/// in URLs and client code; lower-case ASCII keeps one id from ever meaning two keys.
/// </summary>
public static partial class KeyIds
{
    public const string Rule = "A key id is 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit.";

    public static bool IsValid(string? keyId) => keyId is not null && Pattern().IsMatch(keyId);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
