namespace GoChat.Grains.Identity;

/// <summary>The names of audited events, stable because admins search by them.</summary>
public static class AuditActions
{
    public const string SignedIn = "auth.signed_in";
    public const string CodeFailed = "auth.code_failed";
    public const string CodeLockedOut = "auth.code_locked_out";
    public const string Registered = "user.registered";
    public const string Approved = "user.approved";
    public const string Rejected = "user.rejected";
    public const string Suspended = "user.suspended";
    public const string Reinstated = "user.reinstated";
    public const string RoleChanged = "user.role_changed";
    public const string PermissionsChanged = "user.permissions_changed";
    public const string SignedOutEverywhere = "auth.signed_out_everywhere";
    public const string RefreshReused = "auth.refresh_reused";
    public const string AgencyCreated = "agency.created";
    public const string DomainAdded = "agency.domain_added";
    public const string DomainRemoved = "agency.domain_removed";

    // domains (issue 12, finding 1). DomainAdded now means "became active": sign-ups from it land in the agency.
    public const string DomainRequested = "agency.domain_requested";
    public const string DomainConsented = "agency.domain_consented";
    public const string DomainConsentRefused = "agency.domain_consent_refused";
    public const string DomainApproved = "agency.domain_approved";
    public const string DomainRejected = "agency.domain_rejected";
    // Passkeys (issue 12, item 4)
    public const string PasskeyRegistered = "passkey.registered";
    public const string PasskeyRevoked = "passkey.revoked";
    public const string PasskeySignedIn = "auth.passkey_signed_in";
    public const string PasskeyCloned = "auth.passkey_cloned";
    public const string AgencySecurityChanged = "agency.security_changed";
    // Broadcast channels (issue 16)
    public const string ChannelCreated = "channel.created";
    public const string ChannelAdminAdded = "channel.admin_added";
    public const string ChannelAdminRemoved = "channel.admin_removed";
    /// <summary>The channel's picture was set or removed: it is the face of an official source, like its name.</summary>
    public const string ChannelPhotoChanged = "channel.photo_changed";
    /// <summary>A classified broadcast's text was copied, or one of its files downloaded, by a recipient.</summary>
    public const string BroadcastCopied = "broadcast.copied";
    public const string BroadcastDownloaded = "broadcast.downloaded";
    public const string BroadcastForwarded = "broadcast.forwarded";
    public const string LeakTraced = "broadcast.leak_traced";
    // Secret chats (issue 17): the passcode backup of a user's history key
    public const string SecretBackupSetUp = "secret.backup_set_up";
    public const string SecretBackupLocked = "secret.backup_locked";
}
