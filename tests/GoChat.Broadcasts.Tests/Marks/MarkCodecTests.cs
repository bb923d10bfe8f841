using GoChat.Broadcasts.Marks;

namespace GoChat.Broadcasts.Tests.Marks;

public class MarkCodecTests
{
    private const int Trials = 2000;

    [Fact]
    public void A_codeword_is_20_bytes_and_160_bits_starting_with_the_mark()
    {
        var mark = new DeliveryMark(0x01020304, 0x05060708090A0B0C);
        var codeword = MarkCodec.Encode(mark);
        Assert.Equal(20, MarkCodec.CodewordBytes);
        Assert.Equal(160, MarkCodec.CodewordBits);
        Assert.Equal(MarkCodec.CodewordBytes, codeword.Length);
        Assert.Equal(mark.ToBytes(), codeword[..12]);
    }

    [Fact]
    public void Every_codeword_vanishes_at_the_eight_roots_of_the_generator()
    {
        var random = new Random(1);
        for (var trial = 0; trial < 200; trial++)
        {
            var codeword = MarkCodec.Encode(RandomMark(random));
            // Byte 0 is the highest power, so evaluate with the coefficients reversed (lowest first).
            var lowestFirst = codeword.Reverse().ToArray();
            for (var j = 0; j < 8; j++) Assert.Equal(0, Gf256.Evaluate(lowestFirst, Gf256.Pow(j)));
        }
    }

    [Fact]
    public void The_field_is_generated_by_two_under_0x11D()
    {
        Assert.Equal(0x1D, Gf256.Pow(8));
        var seen = new HashSet<byte>();
        for (var i = 0; i < 255; i++) Assert.True(seen.Add(Gf256.Pow(i)));
        for (var a = 1; a < 256; a++) Assert.Equal(1, Gf256.Mul((byte)a, Gf256.Inverse((byte)a)));
    }

    [Fact]
    public void A_clean_codeword_decodes_to_its_mark()
    {
        var random = new Random(2);
        for (var trial = 0; trial < 200; trial++)
        {
            var mark = RandomMark(random);
            Assert.True(MarkCodec.TryDecode(MarkCodec.Encode(mark), out var decoded));
            Assert.Equal(mark, decoded);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Up_to_four_wrong_bytes_anywhere_are_repaired(int errors)
    {
        var random = new Random(10 + errors);
        for (var trial = 0; trial < Trials; trial++)
        {
            var mark = RandomMark(random);
            var word = MarkCodec.Encode(mark);
            foreach (var p in Positions(random, errors)) word[p] ^= (byte)random.Next(1, 256);
            Assert.True(MarkCodec.TryDecode(word, out var decoded));
            Assert.Equal(mark, decoded);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void Up_to_eight_erased_bytes_are_repaired(int erasures)
    {
        var random = new Random(20 + erasures);
        for (var trial = 0; trial < Trials; trial++)
        {
            var mark = RandomMark(random);
            var word = MarkCodec.Encode(mark);
            var erased = Positions(random, erasures);
            // An erased byte may hold anything, its true value included.
            foreach (var p in erased) word[p] = (byte)random.Next(256);
            Assert.True(MarkCodec.TryDecode(word, erased, out var decoded));
            Assert.Equal(mark, decoded);
        }
    }

    [Theory]
    [InlineData(1, 6)]
    [InlineData(2, 4)]
    [InlineData(3, 2)]
    [InlineData(1, 5)]
    [InlineData(3, 1)]
    [InlineData(4, 0)]
    public void Errors_and_erasures_with_twice_the_errors_plus_the_erasures_at_most_eight_are_repaired(int errors, int erasures)
    {
        var random = new Random(100 * errors + erasures);
        for (var trial = 0; trial < Trials; trial++)
        {
            var mark = RandomMark(random);
            var word = MarkCodec.Encode(mark);
            var positions = Positions(random, errors + erasures);
            foreach (var p in positions[..errors]) word[p] ^= (byte)random.Next(1, 256);
            var erased = positions[errors..];
            foreach (var p in erased) word[p] = (byte)random.Next(256);
            Assert.True(MarkCodec.TryDecode(word, erased, out var decoded));
            Assert.Equal(mark, decoded);
        }
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(6, 0)]
    [InlineData(10, 0)]
    [InlineData(20, 0)]
    [InlineData(3, 3)]
    [InlineData(1, 7)]
    public void More_damage_than_the_code_repairs_is_refused_or_lands_on_another_codeword_without_throwing(int errors, int erasures)
    {
        var random = new Random(1000 + 10 * errors + erasures);
        var refused = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var mark = RandomMark(random);
            var word = MarkCodec.Encode(mark);
            var positions = Positions(random, errors + erasures);
            foreach (var p in positions[..errors]) word[p] ^= (byte)random.Next(1, 256);
            var erased = positions[errors..];
            foreach (var p in erased) word[p] ^= (byte)random.Next(1, 256);
            if (!MarkCodec.TryDecode(word, erased, out var decoded))
            {
                refused++;
                continue;
            }
            // A decoded word is a real codeword, just not the one that was sent.
            Assert.NotEqual(mark, decoded);
            var distance = MarkCodec.Encode(decoded).Zip(word).Count(pair => pair.First != pair.Second);
            Assert.True(distance <= 8, $"landed {distance} bytes away");
        }
        // Most of these are refused; a miscorrection is the rare case, not the rule.
        Assert.True(refused > Trials * 9 / 10, $"{refused} of {Trials} refused");
    }

    [Fact]
    public void Nine_erasures_or_bad_positions_or_lengths_are_refused_not_thrown()
    {
        var word = MarkCodec.Encode(new DeliveryMark(1, 2));
        Assert.False(MarkCodec.TryDecode(word, [0, 1, 2, 3, 4, 5, 6, 7, 8], out _));
        Assert.False(MarkCodec.TryDecode(word, [20], out _));
        Assert.False(MarkCodec.TryDecode(word, [-1], out _));
        Assert.False(MarkCodec.TryDecode(word[..19], out _));
        Assert.False(MarkCodec.TryDecode(new byte[21], out _));
    }

    [Fact]
    public void A_repeated_erasure_position_counts_once()
    {
        var mark = new DeliveryMark(7, 8);
        var word = MarkCodec.Encode(mark);
        word[3] ^= 0x55;
        Assert.True(MarkCodec.TryDecode(word, [3, 3, 3, 3, 3, 3, 3, 3, 3], out var decoded));
        Assert.Equal(mark, decoded);
    }

    private static DeliveryMark RandomMark(Random random) =>
        new((uint)random.NextInt64(0, 1L << 32), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40));

    private static int[] Positions(Random random, int count) =>
        Enumerable.Range(0, MarkCodec.CodewordBytes).OrderBy(_ => random.Next()).Take(count).ToArray();
}
