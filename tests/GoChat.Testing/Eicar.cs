using System.Text;

namespace GoChat.Testing;

/// <summary>The EICAR anti-virus test file: 68 harmless ASCII bytes that scanners are built to report as a virus.</summary>
/// <remarks>
/// Built at run time from two halves and never kept whole in a source file or a build output: the scanner on a
/// developer's machine or a CI runner would flag such a file and quarantine or delete it, breaking the checkout or the
/// build. The halves are static readonly fields, not consts, so the compiler cannot join them into one literal.
/// </remarks>
public static class Eicar
{
    private static readonly string Head = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$";
    private static readonly string Tail = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    public static byte[] Bytes() => Encoding.ASCII.GetBytes(string.Concat(Head, Tail));
}
