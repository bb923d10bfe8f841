namespace GoChat.Files.Types;

/// <summary>
/// Programs and scripts, recognised first so that no name, declared type or later rule can let one through: a program
/// renamed report.pdf is still refused as a program.
/// </summary>
internal static class Executables
{
    public static Sniffed? Match(ReadOnlySpan<byte> head)
    {
        // Only two bytes, so a text file starting "MZ" is refused too; that costs less than letting a DOS or Windows
        // program through because its PE header was damaged or missing.
        if (head.StartsWith("MZ"u8)) return Program("a Windows program");
        if (head.Opens(0x7F, (byte)'E', (byte)'L', (byte)'F')) return Program("a Linux program");
        if (head.Opens(0xFE, 0xED, 0xFA, 0xCE) || head.Opens(0xFE, 0xED, 0xFA, 0xCF)
            || head.Opens(0xCE, 0xFA, 0xED, 0xFE) || head.Opens(0xCF, 0xFA, 0xED, 0xFE))
            return Program("a macOS program");
        // Both a macOS universal program and a compiled Java class start with CAFEBABE; neither is allowed.
        if (head.Opens(0xCA, 0xFE, 0xBA, 0xBE)) return Program("a macOS or Java program");
        if (head.StartsWith("dex\n"u8)) return Program("an Android program");
        if (head.Opens(0x00, (byte)'a', (byte)'s', (byte)'m')) return Program("a WebAssembly program");
        if (head.Opens(0x4C, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00)) return Program("a Windows shortcut");

        var text = head.Opens(0xEF, 0xBB, 0xBF) ? head[3..] : head;
        if (text.StartsWith("#!"u8))
            return Sniffed.NotAllowed("The file is a script (it starts with #!), and scripts cannot be sent.");
        return null;
    }

    private static Sniffed Program(string what) =>
        Sniffed.NotAllowed($"The file is {what}, and programs cannot be sent, whatever the file is called.");
}
