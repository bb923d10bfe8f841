import { signal } from "@preact/signals";
import type { HubConnection } from "@microsoft/signalr";
import { invoke, notify } from "./hub";
import { remember } from "./people";
import { alertNewMessage } from "./alerts";
import { newestSeq } from "./ids";
import { resendPending } from "./outbox";
import { learnLimits } from "./limits";
import { applyReaction, isReaction } from "./reactions";
import { loadStarred, starred } from "./stars";
import { applyPreferences, isMuted, setPreferences } from "./chatPreferences";
import { channelApi, isChannelId } from "./channels";
import { activeConversation, blank, bump, conversations, me, type Conversation } from "./conversations";
import type {
  ChatMessage, ChatPreferences, ConversationInfo, ConversationPage, ConversationSummary, PresenceInfo, Receipt, ReceiptCounts, SyncResult, TypingSignal, UserProfile,
  UserSettings,
} from "./types";

const typingLifetime = 6000;
const historyPage = 50;
const conversationPage = 50;

/** Where the next page of the conversation list starts; null once every page is loaded. */
export const nextConversations = signal<string | null>(null);
let loadingConversations = false;

export const presence = signal(new Map<string, PresenceInfo>());
export const settings = signal<UserSettings | null>(null);
const watched = new Set<string>();
const listeners = { settings: [] as ((s: UserSettings) => void)[] };

export function onSettings(listener: (s: UserSettings) => void) {
  listeners.settings.push(listener);
}

/** Colleagues see "away" while GoChat is in a background tab, "online" again when it comes back. */
document.addEventListener("visibilitychange", () => {
  notify("SetAway", document.visibilityState === "hidden");
  const active = activeConversation.value && conversations.get(activeConversation.value);
  // A chat in a background tab is not open to anyone: typing there need not reach this browser.
  notify("SetOpenConversation", active && document.visibilityState === "visible" ? active.id : null);
  if (active && document.visibilityState === "visible") {
    markRead(active);
    bump();
  }
});

/** The hub's pushes, registered once per connection object. */
export function register(connection: HubConnection) {
  connection.on("MessageReceived", (m: ChatMessage) => receive(m, true));
  connection.on("ReceiptUpdated", (r: Receipt) => applyReceipt(r));
  connection.on("ReceiptCountsUpdated", (counts: ReceiptCounts) => applyCounts(counts));
  connection.on("TypingChanged", (s: TypingSignal) => applyTyping(s));
  connection.on("PresenceChanged", (p: PresenceInfo) => setPresence([p]));
  connection.on("ConversationAdded", (id: string) => void added(id));
  connection.on("ConversationRemoved", (id: string) => removedFrom(id));
  connection.on("SettingsChanged", (s: UserSettings) => applySettings(s));
  connection.on("ProfileChanged", (p: UserProfile) => remember(p));
  connection.on("PreferencesChanged", (p: ChatPreferences) => applyPreferences(p));
}

/**
 * The catch-up after every (re)connect: Sync from the last seq held per conversation, so the server sends exactly
 * what was missed. Sync answers with the first page of the list; the rest loads as the list scrolls
 * (loadMoreConversations), so a user in thousands of conversations does not wait for all of them.
 */
/** ChatHub.MaxSyncConversations. */
const maxSyncConversations = 5000;

export async function catchUp() {
  const lastSeqs: Record<string, number> = {};
  let named = 0;
  // The server takes at most maxSyncConversations; the list came newest first, so the oldest are left to load live.
  for (const c of conversations.values()) if (!c.removed && named++ < maxSyncConversations) lastSeqs[c.id] = c.lastSeq;
  const result = await invoke<SyncResult>("Sync", { lastSeqs });
  mergeSummaries(result.conversations);
  // Removed while away: the server names them; keep what was read, stop offering to write.
  const removed = new Set(result.removed ?? []);
  for (const c of conversations.values()) if (removed.has(c.id)) c.removed = true;
  nextConversations.value = result.nextCursor ?? null;
  applySettings(result.settings);
  learnLimits(result);
  watched.clear();
  await watchPeers();
  resendPending();
  // Which messages carry my star, for the bubbles' mark; the list itself is asked for again when opened.
  void loadStarred().catch(() => undefined);
  const active = activeConversation.value;
  if (active) await openConversation(active);
}

/** The next page of the conversation list, once at a time; nothing when every page is loaded. */
export async function loadMoreConversations() {
  const cursor = nextConversations.value;
  if (!cursor || loadingConversations) return;
  loadingConversations = true;
  try {
    const page = await invoke<ConversationPage>("GetConversationPage", cursor, conversationPage);
    mergeSummaries(page.conversations);
    nextConversations.value = page.nextCursor;
    await watchPeers();
  } finally {
    loadingConversations = false;
  }
}

function mergeSummaries(list: ConversationSummary[]) {
  for (const s of list) {
    const known = conversations.get(s.conversationId);
    if (known) {
      known.name = s.name ?? known.name;
      known.removed = false;
      known.photoVersion = s.photoVersion ?? known.photoVersion;
      // Another device may have muted, pinned or archived it while this one was away.
      setPreferences(known, s);
      continue;
    }
    const c = blank(s.conversationId, s.kind, s.name, s.peerUserId);
    c.lastSeq = s.lastSeq;
    c.readSeq = s.readSeq;
    c.unread = s.unreadCount;
    c.lastMessage = s.lastMessage;
    c.photoVersion = s.photoVersion ?? 0;
    setPreferences(c, s);
    conversations.set(c.id, c);
  }
  bump();
}

/** One log entry, live or from history: applied once per seq whichever way it came. */
function receive(m: ChatMessage, live: boolean) {
  let c = conversations.get(m.conversationId);
  if (!c) {
    c = blank(m.conversationId, isChannelId(m.conversationId) ? "Channel" : "Group", null, null);
    conversations.set(c.id, c);
    void refreshInfo(c.id);
  }
  if (c.seen.has(m.seq)) return;
  c.seen.add(m.seq);
  if (isReaction(m)) {
    applyReaction(c, m);
  } else if (m.kind === "Edit" || m.kind === "Delete") {
    const target = m.targetSeq ?? 0;
    const earlier = c.changes.get(target);
    if (!earlier || earlier.seq < m.seq) c.changes.set(target, m);
  } else {
    c.entries.set(m.seq, m);
  }
  if (m.kind === "Renamed" && m.text) c.name = m.text;
  if (m.kind === "DescriptionChanged") c.description = m.text;
  if (m.senderId === me() && m.clientMessageId) c.pending = c.pending.filter((p) => p.clientMessageId !== m.clientMessageId);
  if (live) {
    if (m.seq > c.lastSeq) c.lastSeq = m.seq;
    if (m.kind !== "Edit" && m.kind !== "Delete" && !isReaction(m) && (!c.lastMessage || m.seq > c.lastMessage.seq)) c.lastMessage = m;
    if (m.kind === "Text" && m.senderId !== me()) {
      if (isReading(c.id)) markRead(c);
      else {
        c.unread++;
        notify("MarkDelivered", c.id, m.seq);
        // A muted chat counts its unread but says nothing: no sound, no desktop notification.
        if (!isMuted(c)) alertNewMessage(m, settings.value, c.kind === "Group" ? c.name : null);
      }
    }
    // The one who left or was removed gets the entry too but can no longer ask for the members: drop them here.
    if ((m.kind === "MemberRemoved" || m.kind === "MemberLeft") && c.members) c.members = c.members.filter((x) => x.userId !== m.subjectUserId);
    if (m.kind === "MemberAdded" || m.kind === "MemberRemoved" || m.kind === "MemberLeft" || m.kind === "RoleChanged" || m.kind === "PhotoChanged") void refreshInfo(c.id);
    c.typing.delete(m.senderId);
  }
  bump();
}

function isReading(id: string) {
  return activeConversation.value === id && document.visibilityState === "visible";
}

function markRead(c: Conversation) {
  if (c.lastSeq <= c.readSeq && c.unread === 0) return;
  c.readSeq = c.lastSeq;
  c.unread = 0;
  notify("MarkRead", c.id, c.lastSeq);
}

/** A member's cursors: the peer's in a direct chat; my own from another of my devices (read there, read here). */
function applyReceipt(r: Receipt) {
  const c = conversations.get(r.conversationId);
  if (!c) return;
  if (r.userId === me() && r.readSeq !== null && r.readSeq > c.readSeq) {
    c.readSeq = r.readSeq;
    c.unread = r.readSeq >= c.lastSeq ? 0 : Math.min(c.unread, unreadAfter(c, r.readSeq));
  }
  if (!c.members) return bump();
  c.members = c.members.map((m) => (m.userId === r.userId ? { ...m, deliveredSeq: r.deliveredSeq, readSeq: r.readSeq } : m));
  bump();
}

function unreadAfter(c: Conversation, seq: number): number {
  return [...c.entries.values()].filter((m) => m.seq > seq && m.kind === "Text" && m.senderId !== me()).length;
}

/** In a group, how many have and have read my recent messages: only I, the sender, am told. */
function applyCounts(counts: ReceiptCounts) {
  const c = conversations.get(counts.conversationId);
  if (!c || counts.senderId !== me()) return;
  for (const n of counts.messages) c.counts.set(n.seq, n);
  bump();
}

function applyTyping(s: TypingSignal) {
  const c = conversations.get(s.conversationId);
  if (!c || s.userId === me()) return;
  if (s.isTyping) {
    c.typing.set(s.userId, Date.now() + typingLifetime);
    window.setTimeout(bump, typingLifetime + 50);
  } else c.typing.delete(s.userId);
  bump();
}

export function typingIn(c: Conversation): string[] {
  const now = Date.now();
  return [...c.typing].filter(([, until]) => until > now).map(([user]) => user);
}

function setPresence(list: PresenceInfo[]) {
  const next = new Map(presence.value);
  for (const p of list) next.set(p.userId, p);
  presence.value = next;
}

async function watchPeers() {
  const peers = [...conversations.values()].map((c) => c.peerUserId).filter((p): p is string => !!p && !watched.has(p));
  if (peers.length === 0) return;
  peers.forEach((p) => watched.add(p));
  setPresence(await invoke<PresenceInfo[]>("WatchPresence", peers));
}

function applySettings(s: UserSettings) {
  settings.value = s;
  listeners.settings.forEach((l) => l(s));
}

async function added(id: string) {
  // A chat opened before this connection had joined it (just created, just added): it can say so now.
  if (activeConversation.value === id) notify("SetOpenConversation", id);
  await refreshInfo(id);
  await watchPeers().catch(() => undefined);
}

function removedFrom(id: string) {
  const c = conversations.get(id);
  if (!c) return;
  c.removed = true;
  c.typing.clear();
  bump();
}

/** Members and roles, for ticks and group info; also how a conversation we only heard of gets its kind and name. */
export async function refreshInfo(id: string): Promise<ConversationInfo | null> {
  if (isChannelId(id)) {
    await refreshChannel(id);
    return null;
  }
  let info: ConversationInfo;
  try {
    info = await invoke<ConversationInfo>("GetConversation", id);
  } catch {
    return null;
  }
  const c = conversations.get(id) ?? blank(id, info.kind, info.name, null);
  c.kind = info.kind;
  c.name = info.name;
  c.members = info.members;
  c.description = info.description ?? null;
  c.photoVersion = info.photoVersion ?? 0;
  if (info.kind === "Direct") c.peerUserId = info.members.find((m) => m.userId !== me())?.userId ?? c.peerUserId;
  conversations.set(id, c);
  bump();
  return info;
}

/** A channel has no members list for its subscribers: its name and description come from GetChannel. */
async function refreshChannel(id: string) {
  try {
    const info = await channelApi.get(id);
    const c = conversations.get(id) ?? blank(id, "Channel", info.name, null);
    c.kind = "Channel";
    c.name = info.name;
    c.description = info.description ?? null;
    c.photoVersion = info.photoVersion ?? 0;
    conversations.set(id, c);
    bump();
  } catch {
    // Not (or no longer) one the user can see: the list shows what it had.
  }
}

/** Opening a chat: members, the newest page of history (which also fills any gap), and the read mark. */
export async function openConversation(id: string) {
  const c = conversations.get(id);
  if (!c) return;
  // Typing reaches only connections that have the chat open; a reconnect's new connection says so again.
  if (activeConversation.value === id && !c.removed) notify("SetOpenConversation", id);
  await refreshInfo(id);
  if (c.removed) return;
  await loadHistory(c, newestSeq);
  markRead(c);
  bump();
}

/** The chat left the screen. */
export function closeConversation(id: string) {
  if (activeConversation.value !== id) return;
  activeConversation.value = null;
  notify("SetOpenConversation", null);
}

/** One page further back; false when the beginning of the conversation is reached. */
export async function loadOlder(id: string): Promise<boolean> {
  const c = conversations.get(id);
  if (!c || c.historyComplete || c.oldestLoaded === null) return false;
  await loadHistory(c, c.oldestLoaded);
  return !c.historyComplete;
}

/** For chat info's media and files: the newest page if none is held yet, else the page before; false at the beginning. */
export async function loadEarlier(id: string): Promise<boolean> {
  const c = conversations.get(id);
  if (!c || c.historyComplete) return false;
  await loadHistory(c, c.oldestLoaded ?? newestSeq);
  return !c.historyComplete;
}

async function loadHistory(c: Conversation, before: number) {
  const page = await invoke<ChatMessage[]>("GetHistory", c.id, before, historyPage);
  for (const m of page) {
    receive(m, false);
    if (m.seq > c.lastSeq) c.lastSeq = m.seq;
    if (m.kind !== "Edit" && m.kind !== "Delete" && !isReaction(m) && (!c.lastMessage || m.seq > c.lastMessage.seq)) c.lastMessage = m;
  }
  if (page.length > 0) c.oldestLoaded = Math.min(c.oldestLoaded ?? Infinity, page[0].seq);
  if (page.length < historyPage) c.historyComplete = true;
  bump();
}

export function forget(id: string) {
  conversations.delete(id);
  bump();
}

/** The newest text of an entry after its edits and deletes. */
export function current(c: Conversation, m: ChatMessage): { text: string | null; edited: boolean; deleted: boolean } {
  const patch = c.changes.get(m.seq);
  if (m.deleted || patch?.kind === "Delete") return { text: null, edited: false, deleted: true };
  if (patch?.kind === "Edit") return { text: patch.text, edited: true, deleted: false };
  return { text: m.text, edited: !!m.editedAt, deleted: false };
}

export function reset() {
  conversations.clear();
  nextConversations.value = null;
  watched.clear();
  presence.value = new Map();
  settings.value = null;
  starred.value = null;
  activeConversation.value = null;
  bump();
}

