namespace GoChat.GrainInterfaces;

public static class Limits
{
    public const int MaxTextLength = 4096;
    public const int MaxClientMessageIdLength = 64;
    public const int MaxGroupNameLength = 100;
    /// <summary>A group's description: a paragraph on what the group is for, not a document.</summary>
    public const int MaxGroupDescriptionLength = 500;
    public const int MaxGroupMembers = 10_000;
    public const int MaxMembersPerCall = 500;
    public const int MaxHistoryPage = 500;
    public const int MaxDisplayNameLength = 100;
    public const int MaxProfileFieldLength = 100;
    public const int MaxStatusTextLength = 140;
    public const int MaxPhotoBytes = 1024 * 1024;
    public const int MaxDirectoryPage = 100;
    public const int MaxDirectoryOffset = 1000;

    // Passkeys (issue 12, item 4)
    public const int MaxPasskeys = 20;
    public const int MaxPasskeyNameLength = 64;

    // fix-rest (issue 12): domains named in one agency creation
    public const int MaxAgencyDomains = 50;

    // inbox (issue 13, item 5): the conversation list is paged, unread counted up to a cap
    public const int MaxConversationPage = 100;
    /// <summary>Unread messages are counted up to this many; a count of this size is shown as "99+".</summary>
    public const int UnreadCountCap = 100;
    /// <summary>A message's "read by", "delivered to" and "not yet" lists name at most this many members each.</summary>
    public const int MaxReceiptNames = 200;

    // admin portal (issue 14): searched and paged lists of an agency's users and audit rows
    public const int MaxAdminPage = 500;
    public const int MaxAdminOffset = 10_000;
    public const int MaxAdminSearchLength = 100;
    // Per-message features (issue 14)
    /// <summary>Different emoji one member may put on one message (WhatsApp allows one, Element any; three keeps a bubble readable).</summary>
    public const int MaxReactionsPerUser = 3;
    /// <summary>The longest reaction in UTF-16 units: a family or flag ZWJ sequence with skin tones fits, a sentence does not.</summary>
    public const int MaxReactionLength = 32;
    /// <summary>Chats one forward copies a message to (as WhatsApp).</summary>
    public const int MaxForwardTargets = 5;
    /// <summary>Members one message may mention.</summary>
    public const int MaxMentions = 50;
    /// <summary>Messages one user may keep starred.</summary>
    public const int MaxStars = 1000;
    /// <summary>Chats pinned to the top of one user's list: a few, or the top is the list again.</summary>
    public const int MaxPinnedChats = 3;

    // Files (issue 15)
    /// <summary>Files one message carries (an album of photos, a few documents).</summary>
    public const int MaxAttachmentsPerMessage = 10;
    public const int MaxFileNameLength = 255;
    /// <summary>A voice note's waveform: this many amplitude samples (0-255), base64 in the message.</summary>
    public const int MaxWaveformSamples = 128;
    /// <summary>The longest voice note or video a message may claim to last (a day: nobody records longer).</summary>
    public const int MaxMediaDurationMs = 24 * 60 * 60 * 1000;

    // Broadcast channels (issue 16)
    public const int MaxChannelNameLength = 100;
    public const int MaxChannelDescriptionLength = 1000;
    /// <summary>Agencies one channel's audience may name (beyond that, "everyone" is the honest audience).</summary>
    public const int MaxAudienceAgencies = 100;
    public const int MaxChannelAdmins = 50;

    /// <summary>Users a gateway asks about in one <see cref="IChannelGrain.SubscribersAmong"/> call; it asks in batches of this many.</summary>
    public const int MaxSubscriberQuery = 5_000;
    public const int MaxBroadcastTags = 10;
    public const int MaxBroadcastTagLength = 40;
    /// <summary>Names one "not read yet" list of a mandatory channel's broadcast returns.</summary>
    public const int MaxUnreadNames = 1000;
    public const int MaxChannelSearchResults = 50;
    // Secret chats' passcode backup and history (issue 17)
    /// <summary>Wrong passcodes in a row before a backup locks: the ten.</summary>
    public const int SecretBackupTries = 10;
    /// <summary>The least PBKDF2-SHA256 work a device may stretch a passcode with (OWASP's figure for SHA-256).</summary>
    public const int MinSecretBackupIterations = 600_000;
    public const int MaxSecretBackupIterations = 10_000_000;
    /// <summary>A wrapped 32-byte key: nonce, ciphertext and tag, with room for a format byte.</summary>
    public const int MaxWrappedKeyBytes = 128;
    public const int MaxSecretHistoryBatch = 500;
    public const int MaxSecretHistoryBlobBytes = 64 * 1024;
    public const int MaxSecretHistoryPage = 500;
}
