using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace GoChat.Broadcasts.Signing;

/// <summary>Reads what <see cref="SignedFields"/> wrote; every method returns false instead of throwing on bad input.</summary>
internal ref struct SignedFieldReader(ReadOnlySpan<byte> bytes)
{
    private ReadOnlySpan<byte> _rest = bytes;

    public readonly bool AtEnd => _rest.IsEmpty;

    public bool Header(string header)
    {
        var expected = Encoding.ASCII.GetBytes(header);
        if (!_rest.StartsWith(expected)) return false;
        _rest = _rest[expected.Length..];
        return true;
    }

    public bool Bytes(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (_rest.Length < 4) return false;
        var length = BinaryPrimitives.ReadUInt32BigEndian(_rest);
        if (length > (uint)(_rest.Length - 4)) return false;
        value = _rest.Slice(4, (int)length);
        _rest = _rest[(4 + (int)length)..];
        return true;
    }

    public bool Text(out string value)
    {
        value = "";
        if (!Bytes(out var raw)) return false;
        try
        {
            value = SignedFields.DecodeText(raw);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    public bool Instant(out DateTimeOffset value)
    {
        value = default;
        if (!Text(out var text)) return false;
        // Exactly what Instant wrote: an optional minus and digits, no sign, spaces or leading zeros to play with.
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)) return false;
        if (ms.ToString(CultureInfo.InvariantCulture) != text) return false;
        if (ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()) return false;
        value = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }
}
