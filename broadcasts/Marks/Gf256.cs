namespace GoChat.Broadcasts.Marks;

/// <summary>
/// Arithmetic in GF(2^8) with the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator α = 2, the
/// field most Reed-Solomon codes use, so a codeword can be checked with any standard implementation.
/// </summary>
internal static class Gf256
{
    public const int Primitive = 0x11D;

    // Exp is doubled so Mul can add two logs without reducing mod 255.
    private static readonly byte[] Exp = new byte[512];
    private static readonly byte[] Log = new byte[256];

    static Gf256()
    {
        var x = 1;
        for (var i = 0; i < 255; i++)
        {
            Exp[i] = (byte)x;
            Log[x] = (byte)i;
            x <<= 1;
            if ((x & 0x100) != 0) x ^= Primitive;
        }
        for (var i = 255; i < 512; i++) Exp[i] = Exp[i - 255];
    }

    public static byte Mul(byte a, byte b) => a == 0 || b == 0 ? (byte)0 : Exp[Log[a] + Log[b]];

    public static byte Div(byte a, byte b)
    {
        if (b == 0) throw new DivideByZeroException();
        return a == 0 ? (byte)0 : Exp[Log[a] + 255 - Log[b]];
    }

    public static byte Inverse(byte a) => Div(1, a);

    /// <summary>α^power for any integer power.</summary>
    public static byte Pow(int power) => Exp[((power % 255) + 255) % 255];

    /// <summary>Evaluates a polynomial whose coefficients are stored lowest power first.</summary>
    public static byte Evaluate(ReadOnlySpan<byte> lowestFirst, byte x)
    {
        byte y = 0;
        for (var i = lowestFirst.Length - 1; i >= 0; i--) y = (byte)(Mul(y, x) ^ lowestFirst[i]);
        return y;
    }
}
