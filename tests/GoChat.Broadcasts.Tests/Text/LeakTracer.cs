using GoChat.Broadcasts.Marks;
using GoChat.Broadcasts.Text;

namespace GoChat.Broadcasts.Tests.Text;

/// <summary>
/// The server's side of tracing, as the tests need it: broadcasts are found by their stored hint, then each of their
/// recipients is tried with <see cref="DeliveryMarks.Matches"/> against every mark the leaked text decodes to.
/// </summary>
internal sealed class LeakTracer(DeliveryMarks marks)
{
    private readonly Dictionary<uint, List<(Guid Broadcast, IReadOnlyList<Guid> Recipients)>> _byHint = [];

    public void Add(Guid broadcast, IReadOnlyList<Guid> recipients)
    {
        var hint = marks.HintOf(broadcast);
        if (!_byHint.TryGetValue(hint, out var list)) _byHint[hint] = list = [];
        list.Add((broadcast, recipients));
    }

    public IReadOnlyList<(Guid Broadcast, Guid Recipient)> Trace(string leaked)
    {
        var found = new List<(Guid, Guid)>();
        foreach (var mark in TextWatermark.DecodedMarks(leaked))
        {
            if (!_byHint.TryGetValue(mark.BroadcastHint, out var broadcasts)) continue;
            foreach (var (broadcast, recipients) in broadcasts)
                foreach (var recipient in recipients)
                    if (marks.Matches(mark, broadcast, recipient)) found.Add((broadcast, recipient));
        }
        return found;
    }
}
