namespace GoChat.GrainInterfaces.Models;

/// <param name="Forwarded">Set by the gateway only, for the copies a forward makes.</param>
/// <param name="Mentions">Members the text mentions; anyone who is not a member is refused (NOT_MEMBER).</param>
/// <param name="ForwardedAttachments">Set by the gateway only, for a forward: the files of the message copied, as the
/// source conversation gave them to a member who may read it. Bytes are not copied: the new message holds the same blobs.</param>
/// <param name="ForwardedBroadcast">Set by the gateway only, for a forward of a channel's broadcast: its seal travels with the copy,
/// so the copy shows its classification and signature, and a protected one is marked again for its new readers.</param>
/// <param name="Attachments">Finished uploads of the sender's to attach (the text is then their caption and may be empty).</param>
/// <param name="ClientMessageId">Chosen by the client; sending it again returns the first ack instead of a second message.</param>
[GenerateSerializer, Immutable, Alias("gochat.send")]
public sealed record SendMessageRequest(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] string ClientMessageId,
    [property: Id(2)] string Text,
    [property: Id(3)] long? ReplyToSeq = null,
    [property: Id(4)] bool Forwarded = false,
    [property: Id(5)] IReadOnlyList<Guid>? Mentions = null,
    [property: Id(6)] IReadOnlyList<AttachmentInput>? Attachments = null,
    [property: Id(7)] IReadOnlyList<Attachment>? ForwardedAttachments = null,
    [property: Id(8)] BroadcastSeal? ForwardedBroadcast = null);
