using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace GoChat.Broadcasts.Signing;

/// <summary>Base64url as people paste it: surrounding white space and trailing '=' padding are let through.</summary>
internal static class Base64UrlText
{
    public static bool TryDecode(string? value, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        var trimmed = value?.Trim().TrimEnd('=');
        if (string.IsNullOrEmpty(trimmed) || !Base64Url.IsValid(trimmed)) return false;
        bytes = Base64Url.DecodeFromChars(trimmed);
        return true;
    }
}
