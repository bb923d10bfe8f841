using GoChat.GrainInterfaces;

namespace GoChat.Gateway.Hubs;

/// <summary>Ids travel as strings so that a malformed one gets INVALID_ARGUMENT instead of a binding failure.</summary>
/// <param name="Mentions">User ids of the members the text mentions (issue 14); each must be a member.</param>
/// <param name="Attachments">Finished uploads of the caller's (issue 15); the text is then their caption and may be empty.</param>
public sealed record SendMessageInput(string ConversationId, string ClientMessageId, string? Text, long? ReplyToSeq = null, string[]? Mentions = null,
    AttachmentInputDto[]? Attachments = null);

/// <param name="UploadId">The tus upload's id (the last part of its Location).</param>
/// <param name="Kind">File, Image, Voice, Video or Audio; by default what the bytes are.</param>
/// <param name="Waveform">A voice note's loudness, base64 of at most 128 samples 0-255.</param>
public sealed record AttachmentInputDto(string UploadId, AttachmentKind? Kind = null, int? DurationMs = null, string? Waveform = null);

/// <param name="LastSeqs">The last seq the client holds per conversation id; those it lists get exactly what they missed.</param>
public sealed record SyncInput(Dictionary<string, long>? LastSeqs = null);

/// <param name="Conversations">The first page of the conversation list, newest activity first (<see cref="ChatHub.GetConversationPage"/> for more).</param>
/// <param name="NextCursor">Where the next page starts; null when the first page holds every conversation.</param>
/// <param name="Removed">Conversations the client listed in its last seqs that the user is no longer in.</param>
/// <param name="MaxTextLength">The longest message text (<see cref="Limits.MaxTextLength"/>): a client shows it before sending.</param>
public sealed record SyncResult(IReadOnlyList<ConversationSummary> Conversations, PresenceInfo Presence, UserSettings Settings,
    string? NextCursor = null, IReadOnlyList<Guid>? Removed = null, int MaxTextLength = Limits.MaxTextLength);

/// <param name="Level">One of the configured classification levels (TERBUKA, TERHAD, SULIT by default).</param>
/// <param name="Tags">Topic tags, shown on every copy and searchable.</param>
public sealed record BroadcastInput(string ChannelId, string ClientMessageId, string? Text, string? Level, string[]? Tags = null,
    AttachmentInputDto[]? Attachments = null);

/// <param name="Version">The version <c>BeginSecretBackup</c> gave, with the share this key was wrapped with.</param>
/// <param name="Proof">32 bytes the device derived from the passcode (docs/secret-chats/protocol.md, "Passcode backup"); never the passcode.</param>
public sealed record SecretBackupSetupInput(int Version, byte[]? Salt, int Iterations, byte[]? Proof, byte[]? WrappedKey);

public sealed record SecretHistoryEntryInput(string ConversationId, long Seq, byte[]? Blob);
