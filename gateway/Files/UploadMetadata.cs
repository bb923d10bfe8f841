using GoChat.GrainInterfaces;
using System.Text;

namespace GoChat.Gateway.Files;

/// <summary>tus Upload-Metadata: comma-separated "key base64value" pairs. GoChat reads filename and filetype.</summary>
/// <param name="Encrypted">"encrypted" present: ciphertext a client made for a secret chat.</param>
public sealed record UploadMetadata(string? FileName, string? FileType, bool Encrypted = false)
{
    private const int MaxHeaderLength = 4096;
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static UploadMetadata Parse(string? header)
    {
        if (string.IsNullOrEmpty(header)) return new(null, null);
        if (header.Length > MaxHeaderLength) throw GoChatException.Invalid("Upload-Metadata is too long.");
        string? name = null, type = null;
        var encrypted = false;
        foreach (var pair in header.Split(','))
        {
            var parts = pair.Trim().Split(' ', 2);
            if (parts[0].Length == 0) throw GoChatException.Invalid("Upload-Metadata holds an empty key.");
            var value = parts.Length == 2 ? Decode(parts[1]) : null;
            switch (parts[0])
            {
                case "filename": name = value; break;
                case "filetype": type = value; break;
                case "encrypted": encrypted = true; break;
            }
        }
        return new(name, type?.Length > 255 ? throw GoChatException.Invalid("filetype is too long.") : type, encrypted);
    }

    private static string Decode(string base64)
    {
        try
        {
            return Strict.GetString(Convert.FromBase64String(base64));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            throw GoChatException.Invalid("Upload-Metadata values are base64 of UTF-8 text.");
        }
    }
}
