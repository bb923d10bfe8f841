import { signal } from "@preact/signals";
import { session } from "./session";
import type { AttachmentInput, AttachmentKind, ChatMessage, ConversationKind, MemberInfo, MessageReceiptCount } from "./types";

/** A message the user wrote that the server has not yet confirmed (or refused). */
export interface PendingSend {
  clientMessageId: string;
  text: string;
  replyToSeq: number | null;
  /** The members the text mentions, by user id. */
  mentions?: string[];
  createdAt: string;
  error: string | null;
  /** False when the refusal was about the text itself: sending the same text again cannot succeed. */
  retryable: boolean;
  /** Finished uploads the message carries, and what the pending bubble shows of them. */
  attachments?: AttachmentInput[];
  files?: PendingFile[];
}

export interface PendingFile {
  name: string;
  size: number;
  kind?: AttachmentKind;
}

export interface Conversation {
  id: string;
  kind: ConversationKind;
  name: string | null;
  peerUserId: string | null;
  /** The highest seq held; what Sync resumes from. */
  lastSeq: number;
  readSeq: number;
  unread: number;
  lastMessage: ChatMessage | null;
  /** Every seq applied, live or from history: each entry counts once. */
  seen: Set<number>;
  /** Text and membership entries by seq. */
  entries: Map<number, ChatMessage>;
  /** Reaction entries per target seq, the newest per member and emoji: it says whether that emoji is on. */
  reactions: Map<number, Map<string, ChatMessage>>;
  /** The newest edit or delete per target seq, applied when the target is shown (it may load later). */
  changes: Map<number, ChatMessage>;
  oldestLoaded: number | null;
  historyComplete: boolean;
  members: MemberInfo[] | null;
  /** In a group, counts for my own recent messages, by seq, as the server pushed them. */
  counts: Map<number, MessageReceiptCount>;
  typing: Map<string, number>;
  pending: PendingSend[];
  removed: boolean;
  /** How I keep the chat in my list (ChatPreferences): muted until, pinned since, archived at which seq. */
  mutedUntil: string | null;
  pinnedAt: string | null;
  archivedSeq: number | null;
  /** A group's description and photo version (0: none), as group info shows them. */
  description: string | null;
  photoVersion: number;
}

/**
 * Every change to the conversations bumps this, so views re-render without copying maps. Each component that
 * shows conversation state reads it itself (useChatState): signals skip a child whose props are the same objects.
 */
export const revision = signal(0);

/** Subscribes the calling component to every change of conversation state. */
export function useChatState(): number {
  return revision.value;
}
export const conversations = new Map<string, Conversation>();

/** The conversation on screen: its entries are read as they arrive. */
export const activeConversation = signal<string | null>(null);

export function bump() {
  revision.value++;
}

export function me(): string {
  return session.value?.userId ?? "";
}

export function blank(id: string, kind: ConversationKind, name: string | null, peer: string | null): Conversation {
  return {
    id, kind, name, peerUserId: peer, lastSeq: 0, readSeq: 0, unread: 0, lastMessage: null,
    seen: new Set(), entries: new Map(), changes: new Map(), reactions: new Map(), oldestLoaded: null, historyComplete: false, members: null,
    counts: new Map(), typing: new Map(), pending: [], removed: false, mutedUntil: null, pinnedAt: null, archivedSeq: null,
    description: null, photoVersion: 0,
  };
}
