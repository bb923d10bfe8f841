using GoChat.GrainInterfaces;
using GoChat.Gateway.Delivery;
using GoChat.Gateway.RateLimiting;

namespace GoChat.Gateway.Hubs;

/// <summary>Per-message features (issue 14): reactions, forwarding, stars and mentions.</summary>
public sealed partial class ChatHub
{
    /// <summary>
    /// Adds (add = true) or takes off the caller's emoji on a message; every member's clients get the entry live, exactly
    /// once, like an edit. Seq 0 in the answer: it already was so.
    /// </summary>
    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.Sends))]
    public Task<SendAck> ReactToMessage(string conversationId, long seq, string emoji, bool add) =>
        Source(conversationId).React(Me, seq, ReactionRules.Emoji(emoji), add);

    /// <summary>
    /// Copies a message the caller can read into up to <see cref="Limits.MaxForwardTargets"/> of their chats, each copy a
    /// new message marked forwarded. Every target is checked first: one the caller is not in (CONVERSATION_NOT_FOUND) or
    /// too many (TOO_MANY_TARGETS) sends nothing. The one client message id makes a retry land once in each.
    /// </summary>
    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.Sends))]
    public async Task<IReadOnlyList<SendAck>> ForwardMessage(string conversationId, long seq, string[] targetConversationIds, string clientMessageId)
    {
        var source = Ids.Parse(conversationId, "conversationId");
        var targets = Ids.ParseMany(targetConversationIds, "targetConversationIds");
        if (targets.Count == 0) throw GoChatException.Invalid("Forward to at least one chat.");
        if (targets.Count > Limits.MaxForwardTargets)
        {
            throw new GoChatException(ErrorCodes.TooManyTargets, $"A message is forwarded to at most {Limits.MaxForwardTargets} chats at once.");
        }
        var clientId = TextRules.ClientMessageId(clientMessageId);
        var message = await new ChatSource(grains, source).GetMessage(Me, seq);
        var mine = (await MyConversations.GetHeads()).Select(h => h.ConversationId).ToHashSet();
        // Into a chat only: a channel hears from its admins alone.
        if (!targets.All(mine.Contains) || targets.Any(ConversationIds.IsChannel)) throw GoChatException.NotFound();
        var me = Me;
        if (message.Broadcast is { Marked: true })
        {
            // A protected broadcast reaches nobody outside its audience: every target is checked before any is sent.
            var infos = await Task.WhenAll(targets.Select(t => Conversation(t).GetInfo(me)));
            var members = infos.SelectMany(i => i.Members.Select(m => m.UserId)).Distinct().ToList();
            await grains.GetGrain<IChannelGrain>(source).CheckForward(me, seq, targets, members);
        }
        return await Task.WhenAll(targets.Select(t => Conversation(t).Send(me,
            new SendMessageRequest(t, clientId, message.Text ?? "", Forwarded: true, ForwardedAttachments: message.Attachments,
                ForwardedBroadcast: message.Broadcast is { } seal ? seal with { DeliveryCode = null } : null))));
    }

    /// <summary>Stars (or unstars) a message for the caller alone; only a message they can read can be starred.</summary>
    [RetryOnFailover]
    public Task StarMessage(string conversationId, long seq, bool starred)
    {
        var id = Ids.Parse(conversationId, "conversationId");
        var stars = grains.GetGrain<IStarGrain>(Me);
        return starred ? stars.Star(id, seq) : stars.Unstar(id, seq);
    }

    /// <summary>"Mesej berbintang": the caller's starred messages, newest star first.</summary>
    [RetryOnFailover]
    public async Task<IReadOnlyList<StarredMessage>> GetStarredMessages()
    {
        var me = Me;
        return (await grains.GetGrain<IStarGrain>(me).List()).Select(s => s with { Message = marking.For(s.Message, me) }).ToList();
    }

    private static IReadOnlyList<AttachmentInput>? AttachmentInputs(AttachmentInputDto[]? inputs)
    {
        if (inputs is null || inputs.Length == 0) return null;
        if (inputs.Length > Limits.MaxAttachmentsPerMessage)
        {
            throw new GoChatException(ErrorCodes.TooManyAttachments, $"A message carries at most {Limits.MaxAttachmentsPerMessage} files.");
        }
        return inputs.Select(i => new AttachmentInput(Ids.Parse(i?.UploadId, "uploadId"), i!.Kind, i.DurationMs, i.Waveform)).ToList();
    }

    private static IReadOnlyList<Guid>? MentionIds(string[]? mentions)
    {
        if (mentions is null) return null;
        if (mentions.Length > Limits.MaxMentions) throw GoChatException.Invalid($"A message mentions at most {Limits.MaxMentions} members.");
        return Ids.ParseMany(mentions, "mentions");
    }
}
