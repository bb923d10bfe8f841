import { invoke } from "./hub";
import { bump, conversations, type Conversation } from "./conversations";
import type { ChatPreferences } from "./types";

/** What the server takes: 8 hours, a week, always, or not muted. */
export type MuteDuration = "8h" | "1w" | "always" | "off";

export function isMuted(c: Conversation, now = Date.now()): boolean {
  return c.mutedUntil !== null && Date.parse(c.mutedUntil) > now;
}

/** Muted "always": the server's date in the year 9999, not an end anyone waits for. */
export function mutedForever(c: Conversation): boolean {
  return c.mutedUntil !== null && new Date(c.mutedUntil).getUTCFullYear() >= 9999;
}

/**
 * In "Arkib": archived, and nothing newer shown since (a reaction or an edit does not count), or muted, when it
 * stays there whatever comes.
 */
export function isArchived(c: Conversation): boolean {
  if (c.archivedSeq === null) return false;
  return isMuted(c) || (c.lastMessage?.seq ?? 0) <= c.archivedSeq;
}

/** The stored value wins. Without a re-render: a list page sets many and re-renders once. */
export function setPreferences(c: Conversation, p: Partial<ChatPreferences>) {
  c.mutedUntil = p.mutedUntil ?? null;
  c.pinnedAt = p.pinnedAt ?? null;
  c.archivedSeq = p.archivedSeq ?? null;
}

/** From this device's call or another device's (PreferencesChanged). */
export function applyPreferences(p: Partial<ChatPreferences> & { conversationId: string }) {
  const c = conversations.get(p.conversationId);
  if (!c) return;
  setPreferences(c, p);
  bump();
}

export async function mute(id: string, duration: MuteDuration) {
  applyPreferences(await invoke<ChatPreferences>("MuteConversation", id, duration));
}

export async function pin(id: string, pinned: boolean) {
  applyPreferences(await invoke<ChatPreferences>("PinConversation", id, pinned));
}

export async function archive(id: string, archived: boolean) {
  applyPreferences(await invoke<ChatPreferences>("ArchiveConversation", id, archived));
}
