using GoChat.Grains.Identity;

namespace GoChat.Grains.Channels;

/// <summary>How a protected broadcast may be handled: forwards stay in the audience, copies and downloads are audited.</summary>
public sealed partial class ChannelGrain
{
    public async Task<ChatMessage> CheckForward(Guid requester, long seq, IReadOnlyList<Guid> targetConversationIds, IReadOnlyList<Guid> recipients)
    {
        var message = await ReadableBroadcast(requester, seq);
        if (message.Broadcast is not { Marked: true } seal) return message;
        var outside = await Task.WhenAll(recipients.Distinct().Select(async r => await InAudience(r) is null));
        if (outside.Any(o => o))
        {
            throw new GoChatException(ErrorCodes.OutsideAudience,
                $"A {seal.Level} broadcast may be forwarded only to people in the channel's audience; this chat has others.");
        }
        await audit.Append(AuditActions.BroadcastForwarded, S.AgencyId, requester, null, $"{Id}#{seq} ({seal.Level}) to {string.Join(", ", targetConversationIds)}");
        return message;
    }

    public async Task RecordHandling(Guid requester, long seq, BroadcastHandling handling)
    {
        if (!Enum.IsDefined(handling)) throw GoChatException.Invalid("Unknown handling.");
        var message = await ReadableBroadcast(requester, seq);
        if (message.Broadcast is not { Marked: true } seal) return;
        var action = handling == BroadcastHandling.Copied ? AuditActions.BroadcastCopied : AuditActions.BroadcastDownloaded;
        await audit.Append(action, S.AgencyId, requester, null, $"{Id}#{seq} ({seal.Level})");
    }
}
