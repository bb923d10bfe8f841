namespace GoChat.GrainInterfaces;

/// <summary>Stable error codes that clients can switch on; the text beside them is for people.</summary>
public static class ErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string TextTooLong = "TEXT_TOO_LONG";
    public const string EmptyText = "EMPTY_TEXT";
    public const string ConversationNotFound = "CONVERSATION_NOT_FOUND";
    public const string NotMember = "NOT_MEMBER";
    public const string Forbidden = "FORBIDDEN";
    public const string UserNotFound = "USER_NOT_FOUND";
    public const string MessageNotFound = "MESSAGE_NOT_FOUND";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string Unavailable = "UNAVAILABLE";
    public const string InvalidCode = "INVALID_CODE";
    public const string CodeExpired = "CODE_EXPIRED";
    public const string TooManyAttempts = "TOO_MANY_ATTEMPTS";
    public const string RateLimited = "RATE_LIMITED";
    public const string AgencyRequired = "AGENCY_REQUIRED";
    public const string AgencyNotFound = "AGENCY_NOT_FOUND";
    public const string PendingApproval = "PENDING_APPROVAL";
    public const string Suspended = "SUSPENDED";
    public const string Rejected = "REJECTED";
    public const string InvalidSession = "INVALID_SESSION";
    public const string Conflict = "CONFLICT";
    public const string PhotoTooLarge = "PHOTO_TOO_LARGE";
    public const string UnsupportedImage = "UNSUPPORTED_IMAGE";

    // input (issue 12): text a database cannot hold or a person cannot see; malformed REST requests.
    public const string InvalidText = "INVALID_TEXT";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    // Sessions workstream (issue 12): a hub request from a web page of an origin that is not allowed (403).
    public const string OriginNotAllowed = "ORIGIN_NOT_ALLOWED";
    // domains (issue 12, finding 1): domain takeover
    public const string DomainNotAllowed = "DOMAIN_NOT_ALLOWED";
    public const string DomainNotFound = "DOMAIN_NOT_FOUND";
    // admin portal (issue 14): a domain that is not a domain name at all, told apart from other bad input
    public const string InvalidDomain = "INVALID_DOMAIN";
    // Passkeys (issue 12, item 4)
    public const string PasskeyRequired = "PASSKEY_REQUIRED";
    public const string PasskeyInvalid = "PASSKEY_INVALID";
    public const string PasskeyCloned = "PASSKEY_CLONED";
    public const string PasskeyNotFound = "PASSKEY_NOT_FOUND";
    // Web Push (issue 14)
    public const string PushNotAllowed = "PUSH_NOT_ALLOWED";
    public const string InvalidPushSubscription = "INVALID_PUSH_SUBSCRIPTION";
    // Per-message features (issue 14)
    public const string InvalidReaction = "INVALID_REACTION";
    public const string TooManyReactions = "TOO_MANY_REACTIONS";
    public const string TooManyTargets = "TOO_MANY_TARGETS";
    public const string TooManyStars = "TOO_MANY_STARS";
    public const string TooManyPins = "TOO_MANY_PINS";
    // Files (issue 15)
    public const string FileTooLarge = "FILE_TOO_LARGE";
    public const string FileTypeNotAllowed = "FILE_TYPE_NOT_ALLOWED";
    public const string FileTypeMismatch = "FILE_TYPE_MISMATCH";
    public const string FileInfected = "FILE_INFECTED";
    /// <summary>The scanner could not vouch for the file (encrypted, or past its limits): refused, as a virus would be.</summary>
    public const string FileUnscannable = "FILE_UNSCANNABLE";
    /// <summary>The file is still being checked (or the scanner is down): it cannot be sent yet.</summary>
    public const string FileQuarantined = "FILE_QUARANTINED";
    public const string UploadNotFound = "UPLOAD_NOT_FOUND";
    /// <summary>A client-encrypted file where the agency does not allow them, or in a chat that is not secret.</summary>
    public const string EncryptedFileNotAllowed = "ENCRYPTED_FILE_NOT_ALLOWED";
    /// <summary>A tus PATCH whose Upload-Offset is not where the upload stands (409).</summary>
    public const string UploadOffsetMismatch = "UPLOAD_OFFSET_MISMATCH";
    /// <summary>A tus request without Tus-Resumable: 1.0.0 (412).</summary>
    public const string TusVersionUnsupported = "TUS_VERSION_UNSUPPORTED";
    public const string UploadIncomplete = "UPLOAD_INCOMPLETE";
    public const string TooManyAttachments = "TOO_MANY_ATTACHMENTS";
    public const string AttachmentNotFound = "ATTACHMENT_NOT_FOUND";
    public const string LinkExpired = "LINK_EXPIRED";
    public const string LinkInvalid = "LINK_INVALID";
    // Broadcast channels (issue 16)
    /// <summary>Only a channel's admins post; subscribers read and react, never reply in the channel.</summary>
    public const string ChannelReadOnly = "CHANNEL_READ_ONLY";
    /// <summary>Every member of a mandatory channel's audience is in it for as long as they are in the audience.</summary>
    public const string ChannelMandatory = "CHANNEL_MANDATORY";
    /// <summary>The channel's audience does not include the user (subscribe), or the forward's target (TERHAD and above).</summary>
    public const string OutsideAudience = "OUTSIDE_AUDIENCE";
    /// <summary>A classification level the platform does not accept (not configured, or above what it is accredited for).</summary>
    public const string LevelNotAllowed = "LEVEL_NOT_ALLOWED";
    // Secret chats' passcode backup (issue 17)
    /// <summary>This installation has no PKCS#11 token configured for backups (SecretBackup:Pkcs11).</summary>
    public const string SecretBackupUnavailable = "SECRET_BACKUP_UNAVAILABLE";
    /// <summary>The user has no backup (or not of the version named).</summary>
    public const string SecretBackupMissing = "SECRET_BACKUP_MISSING";
    public const string SecretBackupInvalid = "SECRET_BACKUP_INVALID";
    /// <summary>A wrong passcode; the message says how many tries are left.</summary>
    public const string SecretPasscodeWrong = "SECRET_PASSCODE_WRONG";
    /// <summary>Ten wrong passcodes in a row: the backup opens no more; a new one can be made (the old history is lost).</summary>
    public const string SecretBackupLocked = "SECRET_BACKUP_LOCKED";
    public const string SecretHistoryInvalid = "SECRET_HISTORY_INVALID";
}
