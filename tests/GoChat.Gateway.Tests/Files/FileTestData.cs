using System.Net.Http.Json;
using System.Security.Cryptography;

namespace GoChat.Gateway.Tests.Files;

public static class FileTestData
{
    /// <summary>A PDF in name and in bytes (its header is what a sniffer looks at), with random bytes after it.</summary>
    public static byte[] Pdf(int length, int? seed = null)
    {
        var bytes = new byte[length];
        if (seed is { } s) new Random(s).NextBytes(bytes);
        else RandomNumberGenerator.Fill(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        "\n%%EOF\n"u8.CopyTo(bytes.AsSpan(length - 7));
        return bytes;
    }

    public static async Task<FileLinkDto> LinkAsync(HttpClient http, Guid chat, long seq, Guid blob, FileVariant variant = FileVariant.Original)
    {
        var response = await http.PostAsync($"/api/conversations/{chat}/messages/{seq}/files/{blob}/link?variant={variant}", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<FileLinkDto>())!;
    }
}

public sealed record FileLinkDto(string Url, DateTimeOffset ExpiresAt, string Name, string ContentType, long Size);
