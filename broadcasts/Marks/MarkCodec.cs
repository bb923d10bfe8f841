namespace GoChat.Broadcasts.Marks;

/// <summary>
/// Reed-Solomon RS(20, 12) over GF(256) (primitive polynomial 0x11D, first consecutive root α^0) for a
/// <see cref="DeliveryMark"/>: the 12 mark bytes followed by 8 parity bytes. It repairs e wrong bytes and f erased bytes
/// (positions known to be unreliable) whenever 2e + f &lt;= 8, which is what lets a damaged or partial copy still trace.
/// </summary>
/// <remarks>
/// Errors-and-erasures decoding: syndromes, Berlekamp-Massey started from the erasure locator, Chien search for the
/// roots and Forney for the values. A decoded word is re-checked against the syndromes, so a result is always a valid
/// codeword; with more damage than the code can repair the decoder usually refuses, and rarely lands on a different
/// valid codeword — which then carries someone's MAC only with probability 2^-64 (see <see cref="DeliveryMarks"/>).
/// </remarks>
public static class MarkCodec
{
    public const int DataBytes = DeliveryMark.Bytes;
    public const int ParityBytes = 8;
    public const int CodewordBytes = DataBytes + ParityBytes;
    public const int CodewordBits = CodewordBytes * 8;

    // Generator g(x) = (x - α^0)(x - α^1)…(x - α^7), highest power first (the leading 1 included).
    private static readonly byte[] Generator = BuildGenerator();

    /// <summary>The 20-byte codeword: <see cref="DeliveryMark.ToBytes"/> then its 8 parity bytes.</summary>
    public static byte[] Encode(DeliveryMark mark)
    {
        var codeword = new byte[CodewordBytes];
        mark.WriteTo(codeword);
        // Parity is the remainder of data·x^8 divided by g(x), computed in place by long division.
        Span<byte> remainder = stackalloc byte[ParityBytes];
        for (var i = 0; i < DataBytes; i++)
        {
            var factor = (byte)(codeword[i] ^ remainder[0]);
            for (var j = 0; j < ParityBytes - 1; j++) remainder[j] = (byte)(remainder[j + 1] ^ Gf256.Mul(factor, Generator[j + 1]));
            remainder[ParityBytes - 1] = Gf256.Mul(factor, Generator[ParityBytes]);
        }
        remainder.CopyTo(codeword.AsSpan(DataBytes));
        return codeword;
    }

    /// <summary>Decodes a codeword that may have up to 4 wrong bytes. Never throws on damaged input.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> codeword, out DeliveryMark mark) => TryDecode(codeword, [], out mark);

    /// <summary>
    /// Decodes a codeword with e wrong bytes at unknown positions and f bytes at the known positions
    /// <paramref name="erasures"/> (0-based, duplicates ignored), whenever 2e + f &lt;= 8. Returns false, never throws,
    /// for anything else: a wrong length, positions out of range, more damage than the code repairs.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> codeword, ReadOnlySpan<int> erasures, out DeliveryMark mark)
    {
        mark = default;
        if (codeword.Length != CodewordBytes) return false;

        Span<byte> word = stackalloc byte[CodewordBytes];
        codeword.CopyTo(word);
        Span<bool> erased = stackalloc bool[CodewordBytes];
        var f = 0;
        foreach (var position in erasures)
        {
            if ((uint)position >= CodewordBytes) return false;
            if (erased[position]) continue;
            erased[position] = true;
            f++;
        }
        if (f > ParityBytes) return false;

        Span<byte> syndromes = stackalloc byte[ParityBytes];
        if (Syndromes(word, syndromes))
        {
            mark = DeliveryMark.FromBytes(word[..DataBytes]);
            return true;
        }

        // Polynomials below are lowest power first. Room for BM's shifted B is generous; degrees are checked after.
        const int Room = 2 * CodewordBytes;
        Span<byte> lambda = stackalloc byte[Room];
        lambda[0] = 1;
        var degree = 0;
        for (var p = 0; p < CodewordBytes; p++)
        {
            if (!erased[p]) continue;
            var x = Locator(p);
            degree++;
            for (var i = degree; i >= 1; i--) lambda[i] ^= Gf256.Mul(lambda[i - 1], x);
        }

        Span<byte> b = stackalloc byte[Room];
        Span<byte> t = stackalloc byte[Room];
        lambda.CopyTo(b);
        var l = f;
        for (var k = f; k < ParityBytes; k++)
        {
            byte delta = 0;
            for (var i = 0; i <= k; i++) delta ^= Gf256.Mul(lambda[i], syndromes[k - i]);
            if (delta == 0)
            {
                ShiftUp(b);
                continue;
            }
            t[0] = lambda[0];
            for (var i = 1; i < Room; i++) t[i] = (byte)(lambda[i] ^ Gf256.Mul(delta, b[i - 1]));
            if (2 * l <= k + f)
            {
                l = k + 1 + f - l;
                var inverse = Gf256.Inverse(delta);
                for (var i = 0; i < Room; i++) b[i] = Gf256.Mul(inverse, lambda[i]);
            }
            else
            {
                ShiftUp(b);
            }
            t.CopyTo(lambda);
        }

        var lambdaDegree = Room - 1;
        while (lambdaDegree > 0 && lambda[lambdaDegree] == 0) lambdaDegree--;
        if (lambdaDegree != l || 2 * l - f > ParityBytes) return false;

        // Ω(x) = S(x)·Λ(x) mod x^8: the error evaluator.
        Span<byte> omega = stackalloc byte[ParityBytes];
        for (var i = 0; i < ParityBytes; i++)
            for (var j = 0; j <= i && j <= lambdaDegree; j++)
                omega[i] ^= Gf256.Mul(syndromes[i - j], lambda[j]);

        // Λ'(x): in characteristic 2 only the odd powers survive differentiation.
        Span<byte> derivative = stackalloc byte[lambdaDegree];
        for (var i = 1; i <= lambdaDegree; i++) derivative[i - 1] = (i & 1) == 1 ? lambda[i] : (byte)0;

        var roots = 0;
        for (var p = 0; p < CodewordBytes; p++)
        {
            var x = Locator(p);
            var xInverse = Gf256.Inverse(x);
            if (Gf256.Evaluate(lambda[..(lambdaDegree + 1)], xInverse) != 0) continue;
            roots++;
            var denominator = Gf256.Evaluate(derivative, xInverse);
            if (denominator == 0) return false;
            // Forney with first root α^0: e = X·Ω(X^-1) / Λ'(X^-1).
            word[p] ^= Gf256.Div(Gf256.Mul(x, Gf256.Evaluate(omega, xInverse)), denominator);
        }
        // Roots beyond the 20 positions of this shortened code mean the damage was not a repairable pattern.
        if (roots != l) return false;
        if (!Syndromes(word, syndromes)) return false;

        mark = DeliveryMark.FromBytes(word[..DataBytes]);
        return true;
    }

    // Byte p multiplies x^(19 - p), so its locator is α^(19 - p).
    private static byte Locator(int position) => Gf256.Pow(CodewordBytes - 1 - position);

    /// <summary>S_j = r(α^j) for j = 0..7; true when all are zero, i.e. the word is a codeword.</summary>
    private static bool Syndromes(ReadOnlySpan<byte> word, Span<byte> syndromes)
    {
        var clean = true;
        for (var j = 0; j < ParityBytes; j++)
        {
            var root = Gf256.Pow(j);
            byte s = 0;
            foreach (var c in word) s = (byte)(Gf256.Mul(s, root) ^ c);
            syndromes[j] = s;
            clean &= s == 0;
        }
        return clean;
    }

    private static void ShiftUp(Span<byte> polynomial)
    {
        for (var i = polynomial.Length - 1; i >= 1; i--) polynomial[i] = polynomial[i - 1];
        polynomial[0] = 0;
    }

    private static byte[] BuildGenerator()
    {
        // Highest power first: start from 1 and multiply by (x + α^j) for each root.
        var g = new byte[ParityBytes + 1];
        g[0] = 1;
        for (var j = 0; j < ParityBytes; j++)
        {
            var root = Gf256.Pow(j);
            for (var i = j + 1; i >= 1; i--) g[i] ^= Gf256.Mul(g[i - 1], root);
        }
        return g;
    }
}
