using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace GoChat.Broadcasts.Signing;

/// <summary>
/// The one encoding behind every signed byte string here: a fixed ASCII header, then fields, each a 4-byte big-endian
/// length and that many bytes; text is UTF-8, instants are Unix milliseconds in decimal ASCII, lists are a 4-byte count
/// and then their fields. Lengths rather than separators, so no value can move bytes from one field into the next,
/// and nothing in it that a browser needs more than TextEncoder and DataView to rebuild.
/// </summary>
internal sealed class SignedFields
{
    // Strict: a lone surrogate has no UTF-8 form, and two strings must never encode to the same bytes.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly MemoryStream _bytes = new();

    public SignedFields(string header) => _bytes.Write(Encoding.ASCII.GetBytes(header));

    public SignedFields Bytes(ReadOnlySpan<byte> value)
    {
        Count(value.Length);
        _bytes.Write(value);
        return this;
    }

    public SignedFields Text(string value) => Bytes(Utf8.GetBytes(value));

    public SignedFields Instant(DateTimeOffset value) => Text(Milliseconds(value).ToString(CultureInfo.InvariantCulture));

    public SignedFields List(IReadOnlyList<string> values)
    {
        Count(values.Count);
        foreach (var value in values) Text(value);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    public static long Milliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    internal static string DecodeText(ReadOnlySpan<byte> value) => Utf8.GetString(value);

    private void Count(int value)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)value);
        _bytes.Write(prefix);
    }
}
