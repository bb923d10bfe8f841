using GoChat.Broadcasts.Marks;

namespace GoChat.Gateway.Broadcasts;

/// <summary>
/// A delivery mark as people and cameras read it: 20 characters of Crockford base32 (no I, L, O, U), in groups of five
/// for the overlay. A screenshot of the overlay is traced from this code as a pasted text is from its invisible one.
/// </summary>
public static class DeliveryCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Of(DeliveryMark mark)
    {
        Span<byte> bytes = stackalloc byte[DeliveryMark.Bytes];
        mark.WriteTo(bytes);
        var chars = new char[20];
        var buffer = 0;
        var bits = 0;
        var n = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[n++] = Alphabet[(buffer >> bits) & 31];
            }
        }
        if (bits > 0) chars[n++] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars, 0, n);
    }

    /// <summary>Reads a code back, forgiving case, spaces and dashes, and the letters people mistake for digits.</summary>
    public static bool TryParse(string? code, out DeliveryMark mark)
    {
        mark = default;
        if (code is null) return false;
        var clean = code.ToUpperInvariant().Replace("-", "").Replace(" ", "").Replace('O', '0').Replace('I', '1').Replace('L', '1');
        if (clean.Length != 20) return false;
        Span<byte> bytes = stackalloc byte[DeliveryMark.Bytes];
        var buffer = 0;
        var bits = 0;
        var n = 0;
        foreach (var c in clean)
        {
            var v = Alphabet.IndexOf(c);
            if (v < 0) return false;
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[n++] = (byte)(buffer >> bits);
            }
        }
        mark = DeliveryMark.FromBytes(bytes);
        return true;
    }
}
