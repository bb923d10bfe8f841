using System.Buffers;
using System.Globalization;
using GoChat.Broadcasts.Text;

namespace GoChat.Broadcasts.Signing;

/// <summary>
/// What an agency signs for one broadcast. <see cref="Text"/> may be the text as posted or any copy of it: the
/// signed bytes carry its canonical form (<see cref="CanonicalText"/>), so a forwarded copy with its delivery marks and
/// re-wrapped lines checks out the same. Tags and attachments are signed in the order given.
/// </summary>
/// <param name="Level">The classification shown on the broadcast, e.g. TERBUKA; signed exactly as given.</param>
/// <param name="PostedAt">Signed to the millisecond (Unix time), which is all a browser's Date holds.</param>
/// <param name="AttachmentSha256">SHA-256 of each attachment, 64 hexadecimal digits; signed in lower case.</param>
public sealed record BroadcastPayload(
    Guid BroadcastId,
    Guid ChannelId,
    string AgencyId,
    string Level,
    IReadOnlyList<string> Tags,
    DateTimeOffset PostedAt,
    string Text,
    IReadOnlyList<string> AttachmentSha256)
{
    public const string Header = "gochat-broadcast-v1\n";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The bytes the agency key signs; docs/broadcasts/signatures.md spells them out with a worked example.</summary>
    /// <exception cref="FormatException">An attachment hash that is not 64 hexadecimal digits, or a lone surrogate in a field.</exception>
    public byte[] ToSignedBytes()
    {
        var attachments = new string[AttachmentSha256.Count];
        for (var i = 0; i < attachments.Length; i++) attachments[i] = Sha256Hex(AttachmentSha256[i]);
        try
        {
            return new SignedFields(Header)
                .Text(BroadcastId.ToString("D", CultureInfo.InvariantCulture))
                .Text(ChannelId.ToString("D", CultureInfo.InvariantCulture))
                .Text(AgencyId)
                .Text(Level)
                .List(Tags)
                .Instant(PostedAt)
                .Text(CanonicalText.Of(Text))
                .List(attachments)
                .ToArray();
        }
        catch (ArgumentException e) // EncoderFallbackException: a lone surrogate has no UTF-8 form
        {
            throw new FormatException("A broadcast field is not valid Unicode text.", e);
        }
    }

    private static string Sha256Hex(string hex)
    {
        if (hex.Length != 64 || hex.AsSpan().ContainsAnyExcept(HexDigits))
            throw new FormatException($"An attachment hash must be 64 hexadecimal digits: '{hex}'.");
        return hex.ToLowerInvariant();
    }
}
