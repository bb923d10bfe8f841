namespace GoChat.Grains.Conversations;

/// <summary>What members say: sending, reacting, editing and deleting, each one entry of the log.</summary>
public sealed partial class ConversationGrain
{
    public Task<SendAck> Send(Guid sender, SendMessageRequest request)
    {
        if (request.Attachments is { Count: > 0 }) return SendWithAttachments(sender, request);
        var forwarded = request.Forwarded && request.ForwardedAttachments is { Count: > 0 };
        var text = forwarded ? TextRules.Caption(request.Text) : ValidateText(request.Text);
        var clientId = ValidateClientId(request.ClientMessageId);
        RequireMember(sender);
        var remembered = RememberedSends();
        // Synchronous once the ids are in: the seq is taken and the append handed over in this same turn.
        return remembered.IsCompletedSuccessfully && S.Unlisted.Count == 0
            ? SendNow(sender, request, text, clientId, forwarded ? request.ForwardedAttachments : null)
            : SendOnceRemembered(remembered, sender, request, text, clientId);
    }

    private async Task<SendAck> SendOnceRemembered(Task remembered, Guid sender, SendMessageRequest request, string text, string clientId)
    {
        await remembered;
        RequireMember(sender); // may have left meanwhile
        // Listed before the message is appended, so their devices subscribe and receive it; if listing fails, nothing
        // was sent and the client's resend (same client id) lists again: JoinedConversation is idempotent.
        if (S.Unlisted.Count > 0) await List([.. S.Unlisted]);
        return await SendNow(sender, request, text, clientId, request.Forwarded ? request.ForwardedAttachments : null);
    }

    /// <summary>Puts this conversation in the lists of members who did not have it yet.</summary>
    private async Task List(IReadOnlyList<Guid> users)
    {
        await Task.WhenAll(users.Select(u => GrainFactory.GetGrain<IUserConversationsGrain>(u).JoinedConversation(
            this.GetPrimaryKey(), S.Kind, S.Members[u].JoinedSeq, S.Members.Keys.FirstOrDefault(k => k != u))));
        foreach (var u in users) S.Unlisted.Remove(u);
        await state.WriteStateAsync();
    }

    private Task<SendAck> SendNow(Guid sender, SendMessageRequest request, string text, string clientId, IReadOnlyList<Attachment>? attachments = null)
    {
        if (_dedupe.TryGet(sender, clientId, out var earlier)) return AsDuplicate(earlier);
        if (request.ReplyToSeq is { } r && (r < 1 || r > _lastSeq)) throw new GoChatException(ErrorCodes.MessageNotFound, "The message replied to does not exist.");
        var mentions = Mentions.Validate(request.Mentions, S.Members);

        var entry = NextEntry(sender, MessageKind.Text, text, null, clientId, replyTo: request.ReplyToSeq) with
        {
            Forwarded = request.Forwarded, Mentions = mentions, Attachments = attachments,
            Broadcast = request.Forwarded ? request.ForwardedBroadcast : null,
        };
        return AppendWithAck(sender, clientId, entry);
    }

    /// <summary>
    /// A message with files: each upload must be the sender's and cleared by its checks, asked before the seq is taken.
    /// Once the message is stored the uploads let go of their files, which the message now holds.
    /// </summary>
    private async Task<SendAck> SendWithAttachments(Guid sender, SendMessageRequest request)
    {
        var text = TextRules.Caption(request.Text);
        var clientId = ValidateClientId(request.ClientMessageId);
        var inputs = request.Attachments!;
        if (inputs.Count > Limits.MaxAttachmentsPerMessage)
        {
            throw new GoChatException(ErrorCodes.TooManyAttachments, $"A message carries at most {Limits.MaxAttachmentsPerMessage} files.");
        }
        if (inputs.Select(i => i.UploadId).Distinct().Count() != inputs.Count) throw GoChatException.Invalid("An upload is attached twice.");
        RequireMember(sender);
        await RememberedSends();
        // A resend of a message already stored: its uploads are gone, and the first ack is the answer.
        if (_dedupe.TryGet(sender, clientId, out var earlier)) return await AsDuplicate(earlier);
        var attachments = await Task.WhenAll(inputs.Select(i => GrainFactory.GetGrain<IUploadGrain>(i.UploadId).Attach(sender, i)));
        // Only a secret chat's messages carry client-encrypted files (the key travels in the encrypted message); there are none yet.
        if (attachments.Any(a => a.Encrypted)) throw new GoChatException(ErrorCodes.EncryptedFileNotAllowed, "Encrypted files belong in secret chats only.");
        RequireMember(sender); // may have left meanwhile
        if (S.Unlisted.Count > 0) await List([.. S.Unlisted]);
        var ack = await SendNow(sender, request, text, clientId, attachments);
        if (!ack.Duplicate) await Task.WhenAll(inputs.Select(i => GrainFactory.GetGrain<IUploadGrain>(i.UploadId).Sent(sender)));
        return ack;
    }

    public async Task<FileDownload> GetDownload(Guid requester, long seq, Guid blobId, FileVariant variant)
    {
        ChatMessage message;
        try
        {
            message = await ReadableText(requester, seq);
        }
        catch (GoChatException)
        {
            throw AttachmentNotFound();
        }
        var attachment = message.Attachments?.FirstOrDefault(a => a.BlobId == blobId) ?? throw AttachmentNotFound();
        var download = await files.Download(attachment, variant) ?? throw AttachmentNotFound();
        RequireMember(requester); // may have left during the reads
        // A forwarded broadcast's pictures are marked for whoever downloads them here, as in its channel.
        return download with { Broadcast = message.Broadcast };
    }

    private static GoChatException AttachmentNotFound() => new(ErrorCodes.AttachmentNotFound, "No such file in this chat.");

    public async Task<SendAck> React(Guid user, long seq, string emoji, bool add)
    {
        emoji = ReactionRules.Emoji(emoji);
        await ReadableText(user, seq);
        var entry = await _reactions.Change(user, seq, emoji, add, () =>
        {
            RequireMember(user); // may have left during the reads
            return NextEntry(user, add ? MessageKind.ReactionAdded : MessageKind.ReactionRemoved, emoji, null, target: seq);
        });
        // Nothing to change is no entry: seq 0 says so.
        return entry is null ? new SendAck(this.GetPrimaryKey(), 0, DateTimeOffset.UtcNow, Duplicate: true) : await _pipeline.AppendWithAck(entry);
    }

    public Task<ChatMessage> GetMessage(Guid requester, long seq) => ReadableText(requester, seq);

    /// <summary>A live text the member may read (sent since they joined): MESSAGE_NOT_FOUND otherwise.</summary>
    private async Task<ChatMessage> ReadableText(Guid user, long seq)
    {
        var member = RequireMember(user);
        var message = seq >= member.JoinedSeq && seq <= _pipeline.PublishedSeq ? await log.Get(this.GetPrimaryKey(), seq) : null;
        if (message is null || message.Kind != MessageKind.Text || message.Deleted) throw new GoChatException(ErrorCodes.MessageNotFound, "No such message.");
        RequireMember(user);
        return message;
    }

    public Task<SendAck> Edit(Guid sender, long seq, string text, string clientMessageId) =>
        ChangeOwnMessage(sender, seq, MessageKind.Edit, ValidateText(text), clientMessageId);

    public Task<SendAck> Delete(Guid sender, long seq, string clientMessageId) =>
        ChangeOwnMessage(sender, seq, MessageKind.Delete, null, clientMessageId);

    /// <summary>
    /// An edit or a delete of the sender's own live message, once per client message id: a resend is answered from
    /// the dedupe window, checked again after the message was read, since another call may have landed meanwhile.
    /// </summary>
    private async Task<SendAck> ChangeOwnMessage(Guid sender, long seq, MessageKind kind, string? text, string clientMessageId)
    {
        var clientId = ValidateClientId(clientMessageId);
        RequireMember(sender);
        await RememberedSends();
        if (_dedupe.TryGet(sender, clientId, out var earlier)) return await AsDuplicate(earlier);
        var target = await RequireOwnLiveMessage(sender, seq);
        if (_dedupe.TryGet(sender, clientId, out earlier)) return await AsDuplicate(earlier);
        var ack = await AppendWithAck(sender, clientId, NextEntry(sender, kind, text, null, clientId, target: seq));
        if (kind == MessageKind.Delete && target.Attachments is { Count: > 0 }) files.Released();
        return ack;
    }
}
