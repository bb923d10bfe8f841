// The gateway's JSON shapes (camelCase, enums as strings), mirroring grain-interfaces/Models.

export type AccountStatus = "None" | "Active" | "PendingApproval" | "Suspended" | "Rejected";
export type UserRole = "User" | "AgencyAdmin" | "PlatformAdmin";
export type ConversationKind = "None" | "Direct" | "Group" | "Channel";
export type MemberRole = "Member" | "Admin" | "Owner";
export type PresenceStatus = "Offline" | "Online" | "Away";
export type Availability = "Available" | "Busy" | "InMeeting" | "OutOfOffice";
export type MessageKind =
  | "Text" | "Edit" | "Delete" | "ReactionAdded" | "ReactionRemoved" | "Created" | "MemberAdded" | "MemberRemoved" | "MemberLeft" | "Renamed" | "RoleChanged"
  | "DescriptionChanged" | "PhotoChanged";

export interface AccountInfo {
  userId: string;
  email: string | null;
  displayName: string;
  agencyId: string | null;
  isExternal: boolean;
  role: UserRole;
  status: AccountStatus;
  canCreateGroups: boolean;
  canSeeAllAgencies: boolean;
}

export interface SignInResponse {
  userId: string;
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  deviceId: string;
  account: AccountInfo;
}

export interface AgencyInfo {
  id: string;
  name: string;
  category: string;
  domains: string[];
  createdAt: string;
}

export type DomainStatus = "None" | "PendingConsent" | "PendingApproval" | "Active";

/** An agency's email domain, active or requested; consentAgencyId is the agency whose domain contains it. */
export interface AgencyDomain {
  domain: string;
  agencyId: string;
  agencyName: string;
  status: DomainStatus;
  consentAgencyId: string | null;
  consentAgencyName: string | null;
  approved: boolean;
  requestedBy: string | null;
  requestedAt: string;
}

export interface ChatMessage {
  conversationId: string;
  seq: number;
  senderId: string;
  kind: MessageKind;
  text: string | null;
  clientMessageId: string | null;
  replyToSeq: number | null;
  targetSeq: number | null;
  subjectUserId: string | null;
  sentAt: string;
  editedAt?: string | null;
  deleted?: boolean;
  /** A copy of another message ("Dimajukan"). */
  forwarded?: boolean;
  /** User ids of the members the text mentions. */
  mentions?: string[] | null;
  /** Files, pictures, voice notes or videos; the text is then their caption and may be empty. */
  attachments?: Attachment[] | null;
  /** A channel's broadcast: its classification, tags and agency signature (issue 16). */
  broadcast?: BroadcastSeal | null;
}

export type Level = "TERBUKA" | "TERHAD" | "SULIT";
export const levels: Level[] = ["TERBUKA", "TERHAD", "SULIT"];

/** What makes a channel entry an official broadcast (grain-interfaces/Models/BroadcastSeal.cs). */
export interface BroadcastSeal {
  broadcastId: string;
  agencyId: string;
  level: string;
  tags: string[];
  keyId?: string | null;
  /** P1363 ECDSA P-256 over the signed bytes, base64url. */
  signature?: string | null;
  /** This copy carries a per-recipient mark (TERHAD and above). */
  marked: boolean;
  /** This recipient's code, on marked copies only. */
  deliveryCode?: string | null;
  textSha256?: string | null;
  /** The signing key's certificate, encoded (docs/broadcasts/signatures.md). */
  certificate?: string | null;
  /** SHA-256 (hex) of each attached file, in order: the signature covers the files through these. */
  attachmentSha256?: string[] | null;
}

export type ChannelAudience = "OwnAgency" | "Agencies" | "Everyone";

/** A channel as the directory lists it. */
export interface ChannelListing {
  id: string;
  agencyId: string;
  name: string;
  description: string | null;
  audience: ChannelAudience;
  mandatory: boolean;
  subscribed: boolean;
  /** The channel's picture's version; 0 when there is none. */
  photoVersion?: number;
}

/** A channel as its subscribers see it; isAdmin: may post and see read statistics. */
export interface ChannelInfo extends ChannelListing {
  agencies: string[];
  admins: string[];
  lastSeq: number;
  createdAt: string;
  isAdmin: boolean;
  subscribers: number;
}

/** PostBroadcast's input. */
export interface BroadcastInput {
  channelId: string;
  clientMessageId: string;
  text: string;
  level: Level;
  tags: string[];
  attachments?: AttachmentInput[] | null;
}

/** How far one broadcast has reached; notRead only for mandatory channels. */
export interface BroadcastStats {
  channelId: string;
  seq: number;
  subscribers: number;
  delivered: number;
  read: number;
  notRead: string[] | null;
}

export type AttachmentKind = "File" | "Image" | "Voice" | "Video" | "Audio";

/** One file of a message. Its bytes come only through a short-lived link bound to the reader (fileLink). */
export interface Attachment {
  blobId: string;
  /** Sanitised by the server; the extension agrees with the bytes. */
  name: string;
  size: number;
  /** Decided by the bytes, never by the name. */
  contentType: string;
  kind: AttachmentKind;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
  /** A voice note's loudness: base64 of up to 128 samples, 0-255. */
  waveform?: string | null;
  hasPreview: boolean;
  hasThumbnail: boolean;
  /** base64 of a tiny WebP, shown blurred until the thumbnail loads. */
  placeholder?: string | null;
  /** No scanner checked it: the reader is warned before opening it. */
  unscanned: boolean;
}

/** A finished upload to attach (SendMessage's attachments). */
export interface AttachmentInput {
  uploadId: string;
  kind?: AttachmentKind;
  durationMs?: number;
  waveform?: string;
}

export type UploadStatus = "Receiving" | "Checking" | "Ready" | "Refused";

/** GET /api/uploads/{id}: where an upload stands and what its checks found. */
export interface UploadInfo {
  uploadId: string;
  name: string;
  length: number;
  received: number;
  status: UploadStatus;
  store: string;
  expiresAt: string;
  refusalCode?: string | null;
  refusal?: string | null;
}

export type FileVariant = "Original" | "Preview" | "Thumbnail";

/** A link to one variant of one attachment, for the one who asked, until expiresAt. */
export interface FileLinkResult {
  url: string;
  expiresAt: string;
  name: string;
  contentType: string;
  size: number;
}

/** One of my starred messages, as it reads now. */
export interface StarredMessage {
  message: ChatMessage;
  starredAt: string;
}

export interface ConversationSummary {
  conversationId: string;
  kind: ConversationKind;
  name: string | null;
  peerUserId: string | null;
  lastSeq: number;
  readSeq: number;
  unreadCount: number;
  lastMessage: ChatMessage | null;
  mutedUntil?: string | null;
  pinnedAt?: string | null;
  archivedSeq?: number | null;
  photoVersion?: number;
}

/** How I keep one chat in my list, the same on all my devices. */
export interface ChatPreferences {
  conversationId: string;
  /** Muted until then ("always" is a date in the year 9999); null when not muted. */
  mutedUntil: string | null;
  pinnedAt: string | null;
  /** Archived when the chat's last entry was this seq; a newer entry brings it back unless muted. */
  archivedSeq: number | null;
}

export interface MemberInfo {
  userId: string;
  role: MemberRole;
  joinedSeq: number;
  deliveredSeq: number;
  readSeq: number | null;
}

export interface ConversationInfo {
  id: string;
  kind: ConversationKind;
  name: string | null;
  members: MemberInfo[];
  lastSeq: number;
  createdAt: string;
  description?: string | null;
  /** The group photo's version; 0 when there is none. */
  photoVersion?: number;
}

export interface Receipt {
  conversationId: string;
  userId: string;
  deliveredSeq: number;
  readSeq: number | null;
}

/** A group message's progress, counted over the members other than its sender (who alone receives it). */
export interface MessageReceiptCount {
  seq: number;
  recipients: number;
  delivered: number;
  /** Null when the sender keeps read receipts off. */
  read: number | null;
}

export interface ReceiptCounts {
  conversationId: string;
  senderId: string;
  messages: MessageReceiptCount[];
}

/** "Maklumat mesej": who has one of my messages and who read it. */
export interface MessageReceipts {
  conversationId: string;
  seq: number;
  readBy: string[];
  deliveredTo: string[];
  pending: string[];
  /** Whole counts; each list above names at most a few hundred of them. */
  readCount: number;
  deliveredCount: number;
  pendingCount: number;
}

export interface TypingSignal {
  conversationId: string;
  userId: string;
  isTyping: boolean;
}

export interface PresenceInfo {
  userId: string;
  status: PresenceStatus;
  lastSeen: string | null;
}

export interface UserSettings {
  readReceipts: boolean;
  notifications: boolean;
  notificationSound: boolean;
  notificationPreview: boolean;
  language: string;
}

export interface UserProfile {
  userId: string;
  handle: string;
  displayName: string;
  agencyId: string | null;
  agencyName: string | null;
  isExternal: boolean;
  position: string | null;
  department: string | null;
  statusText: string | null;
  availability: Availability;
  photoVersion: number;
}

export interface ProfileUpdate {
  displayName: string;
  position: string | null;
  department: string | null;
  statusText: string | null;
  availability: Availability;
}

export interface SendAck {
  conversationId: string;
  seq: number;
  serverTime: string;
  duplicate: boolean;
}

export interface SyncResult {
  /** The first page of the conversation list, newest activity first. */
  conversations: ConversationSummary[];
  presence: PresenceInfo;
  settings: UserSettings;
  /** Where the next page starts (GetConversationPage); null when there is none. */
  nextCursor?: string | null;
  /** Conversations the client listed in its last seqs that the user is no longer in. */
  removed?: string[] | null;
  /** The longest message text the server takes (Limits.MaxTextLength). */
  maxTextLength?: number;
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

export interface DeviceSession {
  deviceId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string;
  refreshExpiresAt: string;
}

/** A user as the admin lists show them: the account without its permissions, plus when it registered. */
export interface DirectoryUser extends Omit<AccountInfo, "canCreateGroups" | "canSeeAllAgencies"> {
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  agencyId: string | null;
  actorId: string | null;
  action: string;
  subjectId: string | null;
  details: string;
  /** As the directory names them now; null for the system or an account that is gone. */
  actor: AuditPerson | null;
  subject: AuditPerson | null;
}

export interface AuditPerson {
  displayName: string;
  email: string | null;
}

/** What an admin has allowed an external user beyond the default; staff always have both. */
export interface ExternalPermissions {
  canCreateGroups: boolean;
  canSeeAllAgencies: boolean;
}

export interface AuditVerification {
  intact: boolean;
  rowsChecked: number;
  firstBrokenId: number | null;
}

/** A passkey of mine (GET /api/me/passkeys); the id is the credential id in base64url. */
export interface PasskeyInfo {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  aaguid: string;
}

/** An agency's sign-in policy (GET/PUT /api/admin/agencies/{id}/security). */
export interface AgencySecurity {
  requirePasskeyForAdmins: boolean;
  /** Web Push (issue 14): off until the agency's admin opts in. */
  webPushAllowed: boolean;
}
