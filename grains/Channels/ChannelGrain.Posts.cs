namespace GoChat.Grains.Channels;

/// <summary>What a channel says and how it is read: its admins' broadcasts, subscribers' reactions, history and the gateway feeds.</summary>
public sealed partial class ChannelGrain
{
    public async Task<SendAck> Post(Guid actor, BroadcastRequest request)
    {
        if (request is null) throw GoChatException.Invalid("A broadcast is required.");
        RequireExists();
        // Before anything else is looked at: a subscriber's attempt is refused the same way whatever it holds.
        if (!S.Admins.Contains(actor))
        {
            await RequireVisible(actor);
            throw ReadOnly();
        }
        var inputs = request.Attachments ?? [];
        var text = inputs.Count > 0 ? TextRules.Caption(request.Text) : TextRules.MessageText(request.Text);
        var clientId = TextRules.ClientMessageId(request.ClientMessageId);
        var level = request.Level ?? "";
        if (Levels.RankOf(level) < 0)
        {
            throw new GoChatException(ErrorCodes.LevelNotAllowed, $"A broadcast's level is one of {string.Join(", ", Levels.Ordered)}.");
        }
        var tags = BroadcastTags.Clean(request.Tags);
        if (inputs.Count > Limits.MaxAttachmentsPerMessage)
        {
            throw new GoChatException(ErrorCodes.TooManyAttachments, $"A message carries at most {Limits.MaxAttachmentsPerMessage} files.");
        }
        if (inputs.Select(i => i.UploadId).Distinct().Count() != inputs.Count) throw GoChatException.Invalid("An upload is attached twice.");
        var account = await GrainFactory.GetGrain<IUserGrain>(actor).GetAccount();
        if (account is not { Status: AccountStatus.Active } || !S.Admins.Contains(actor)) throw ReadOnly();

        await _sends.Ready(_activatedAt);
        if (_sends.Window.TryGet(actor, clientId, out var earlier)) return (await earlier) with { Duplicate = true };
        IReadOnlyList<Attachment>? attachments = null;
        if (inputs.Count > 0)
        {
            attachments = await Task.WhenAll(inputs.Select(i => GrainFactory.GetGrain<IUploadGrain>(i.UploadId).Attach(actor, i)));
            if (attachments.Any(a => a.Encrypted)) throw new GoChatException(ErrorCodes.EncryptedFileNotAllowed, "A broadcast's files are for its whole audience to open.");
            if (_sends.Window.TryGet(actor, clientId, out earlier)) return (await earlier) with { Duplicate = true };
        }
        var hashes = attachments is null ? [] : await files.Sha256Of(attachments);
        if (!S.Admins.Contains(actor)) throw ReadOnly(); // may have lost the role meanwhile
        if (_sends.Window.TryGet(actor, clientId, out earlier)) return (await earlier) with { Duplicate = true };

        // Seq, seal and signature in this one turn, so the entry handed to the log is the one signed.
        var entry = NextEntry(actor, MessageKind.Text, text, clientId) with { Attachments = attachments };
        entry = entry with { Broadcast = signer.Sign(Seal(entry, level, tags), Id, entry.SentAt, text, hashes) };
        var ack = _pipeline.AppendWithAck(entry);
        _sends.Window.Remember(actor, clientId, ack);
        var done = await ack;
        if (inputs.Count > 0) await Task.WhenAll(inputs.Select(i => GrainFactory.GetGrain<IUploadGrain>(i.UploadId).Sent(actor)));
        return done;
    }

    private BroadcastSeal Seal(ChatMessage entry, string level, IReadOnlyList<string> tags) =>
        new(ConversationIds.Broadcast(Id, entry.Seq), S.AgencyId, level, tags, Marked: Levels.IsProtected(level));

    private static GoChatException ReadOnly() =>
        new(ErrorCodes.ChannelReadOnly, "Only the channel's admins post here; subscribers read and react.");

    public async Task<SendAck> React(Guid user, long seq, string emoji, bool add)
    {
        emoji = ReactionRules.Emoji(emoji);
        await ReadableBroadcast(user, seq);
        var entry = await _reactions.Change(user, seq, emoji, add, () => NextEntry(user, add ? MessageKind.ReactionAdded : MessageKind.ReactionRemoved, emoji, target: seq));
        return entry is null ? new SendAck(Id, 0, DateTimeOffset.UtcNow, Duplicate: true) : await _pipeline.AppendWithAck(entry);
    }

    public Task<ChatMessage> GetMessage(Guid requester, long seq) => ReadableBroadcast(requester, seq);

    public async Task<FileDownload> GetDownload(Guid requester, long seq, Guid blobId, FileVariant variant)
    {
        ChatMessage message;
        try
        {
            message = await ReadableBroadcast(requester, seq);
        }
        catch (GoChatException)
        {
            throw new GoChatException(ErrorCodes.AttachmentNotFound, "No such file in this channel.");
        }
        var attachment = message.Attachments?.FirstOrDefault(a => a.BlobId == blobId);
        var download = (attachment is null ? null : await files.Download(attachment, variant))
            ?? throw new GoChatException(ErrorCodes.AttachmentNotFound, "No such file in this channel.");
        if (message.Broadcast is { Marked: true } seal && variant != FileVariant.Thumbnail)
        {
            await audit.Append(Identity.AuditActions.BroadcastDownloaded, S.AgencyId, requester, null, $"{Id}#{seq} ({seal.Level}) {attachment!.Name}");
        }
        return download with { Broadcast = message.Broadcast };
    }

    /// <summary>A live broadcast (not a membership or reaction entry) the user may read: MESSAGE_NOT_FOUND otherwise.</summary>
    private async Task<ChatMessage> ReadableBroadcast(Guid user, long seq)
    {
        await RequireSubscriber(user);
        var message = seq >= 1 && seq <= _pipeline.PublishedSeq ? await log.Get(Id, seq) : null;
        if (message is null || message.Kind != MessageKind.Text || message.Deleted) throw new GoChatException(ErrorCodes.MessageNotFound, "No such message.");
        return message;
    }

    public async Task<IReadOnlyList<ChatMessage>> GetAfter(Guid requester, long afterSeq, int limit)
    {
        await RequireSubscriber(requester);
        return await log.ReadAfter(Id, Math.Max(afterSeq, 0), Math.Clamp(limit, 1, Limits.MaxHistoryPage));
    }

    public async Task<IReadOnlyList<ChatMessage>> GetBefore(Guid requester, long beforeSeq, int limit)
    {
        await RequireSubscriber(requester);
        return await log.ReadBefore(Id, beforeSeq, 1, Math.Clamp(limit, 1, Limits.MaxHistoryPage));
    }

    public async Task<IReadOnlyList<ChatMessage>> ReadForDelivery(long afterSeq, int limit)
    {
        RequireExists();
        var page = await log.ReadAfter(Id, afterSeq, Math.Clamp(limit, 1, Limits.MaxHistoryPage));
        var published = _pipeline.PublishedSeq;
        return page.Where(m => m.Seq <= published).ToList();
    }

    public Task<long> Subscribe(IConversationObserver observer)
    {
        RequireExists();
        return Task.FromResult(_pipeline.Subscribe(observer));
    }

    public Task Unsubscribe(IConversationObserver observer)
    {
        _pipeline.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}
