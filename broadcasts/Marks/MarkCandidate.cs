namespace GoChat.Broadcasts.Marks;

/// <summary>
/// A codeword read back from a marked copy, with the positions no carrier vouched for (no vote, or a tie). Handing the
/// erasures to <see cref="MarkCodec.TryDecode(ReadOnlySpan{byte}, ReadOnlySpan{int}, out DeliveryMark)"/> doubles how
/// many damaged bytes it can repair compared with guessing them.
/// </summary>
public sealed record MarkCandidate(byte[] Codeword, int[] Erasures)
{
    /// <summary>Decodes this candidate with its erasures.</summary>
    public bool TryDecode(out DeliveryMark mark) => MarkCodec.TryDecode(Codeword, Erasures, out mark);
}
