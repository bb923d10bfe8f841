namespace GoChat.Broadcasts.Tests.Text;

/// <summary>Guids and secrets drawn from a seeded generator, so a failing run can be repeated exactly.</summary>
internal static class SeededIds
{
    public static Guid Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    public static Guid[] Guids(Random random, int count) => Enumerable.Range(0, count).Select(_ => Guid(random)).ToArray();

    public static byte[] Secret(Random random)
    {
        var secret = new byte[32];
        random.NextBytes(secret);
        return secret;
    }
}
