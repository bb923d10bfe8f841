using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using GoChat.Files;
using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Files;

/// <summary>
/// Short-lived download links, signed by the gateways (every gateway of a cluster can check every link) and bound to the
/// member they were made for: the link names the user, and the download route serves it only to that user signed in.
/// The link is only half the check: the conversation grain decides again on every download whether the user may read it.
/// </summary>
public sealed class FileLinks(IOptions<AuthOptions> auth, IOptions<FilesOptions> files, TimeProvider time)
{
    private const int PayloadBytes = 16 + 16 + 8 + 16 + 1 + 8;
    private const int MacBytes = 32;
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(auth.Value.SigningKey), 32,
        info: "gochat download links v1"u8.ToArray());

    public (string Token, DateTimeOffset ExpiresAt) Issue(FileLink link)
    {
        var expires = time.GetUtcNow().AddMinutes(files.Value.LinkMinutes);
        var bytes = new byte[PayloadBytes + MacBytes];
        var span = bytes.AsSpan();
        link.BlobId.TryWriteBytes(span[..16]);
        link.ConversationId.TryWriteBytes(span[16..32]);
        BinaryPrimitives.WriteInt64BigEndian(span[32..40], link.Seq);
        link.UserId.TryWriteBytes(span[40..56]);
        span[56] = (byte)link.Variant;
        BinaryPrimitives.WriteInt64BigEndian(span[57..65], expires.ToUnixTimeSeconds());
        HMACSHA256.HashData(_key, span[..PayloadBytes], span[PayloadBytes..]);
        return (Base64Url.EncodeToString(bytes), DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>LINK_INVALID for anything not signed here or made for someone else, LINK_EXPIRED once it is past its time.</summary>
    public FileLink Check(string token, Guid user)
    {
        var bytes = new byte[PayloadBytes + MacBytes];
        if (!TryDecode(token, bytes)) throw Invalid();
        var span = bytes.AsSpan();
        Span<byte> mac = stackalloc byte[MacBytes];
        HMACSHA256.HashData(_key, span[..PayloadBytes], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, span[PayloadBytes..])) throw Invalid();
        var link = new FileLink(new Guid(span[..16]), new Guid(span[16..32]), BinaryPrimitives.ReadInt64BigEndian(span[32..40]),
            new Guid(span[40..56]), (FileVariant)span[56]);
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(span[57..65]));
        if (link.UserId != user) throw Invalid();
        if (time.GetUtcNow() >= expires) throw new GoChatException(ErrorCodes.LinkExpired, "This link has expired; open the file from the chat again.");
        return link;
    }

    private static GoChatException Invalid() => new(ErrorCodes.LinkInvalid, "This link is not yours or not valid; open the file from the chat.");

    private static bool TryDecode(string token, byte[] into) =>
        // The exact unpadded length first: the decoder would also take padding or whitespace, which no link of ours has.
        token.Length == (into.Length * 4 + 2) / 3 && Base64Url.TryDecodeFromChars(token, into, out var n) && n == into.Length;
}

/// <summary>What a link grants: one variant of one attachment of one message, to one user.</summary>
public sealed record FileLink(Guid BlobId, Guid ConversationId, long Seq, Guid UserId, FileVariant Variant);
