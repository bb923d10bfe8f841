import { effect } from "@preact/signals";
import { applyReaction, isReaction } from "../reactions";
import { api } from "../api";
import { GoChatError } from "../errors";
import { link } from "../hub";
import { people, remember } from "../people";
import { session } from "../session";
import { blank, bump, conversations, revision, type Conversation, type PendingSend } from "../conversations";
import type { ChatMessage, ConversationKind, UserProfile } from "../types";
import { importCacheKey, type CacheKey } from "./cacheCrypto";
import { OfflineStore, wipeAllBut } from "./offlineStore";

/**
 * The signed-in user's outbox and conversation cache, kept sealed in IndexedDB so that a reload, or a start
 * without network, shows the chats and still sends what was queued (docs/web-client.md, docs/security/offline-cache.md).
 * Everything is of one user on one device session: another user, a sign-out or the session's end wipes it.
 */

/** The conversations kept: the newest of the list (any with a queued message too), each with its newest entries. */
const keptConversations = 300;
const keptEntries = 100;
/** Profile cards: names of peers and senders, which an offline start cannot ask for. */
const keptPeople = 2000;
/** The list and history change with every push; they are written in batches. The outbox is written at once. */
const conversationDelay = 500;

/** A conversation as stored: its own fields, with the maps of entries and changes as plain lists. */
type CachedConversation = Pick<Conversation,
  "id" | "kind" | "name" | "peerUserId" | "lastSeq" | "readSeq" | "unread" | "lastMessage" | "historyComplete" | "members" | "removed"
  | "mutedUntil" | "pinnedAt" | "archivedSeq" | "description" | "photoVersion">
  & { entries: ChatMessage[]; changes: ChatMessage[] };

interface QueuedSend {
  conversationId: string;
  kind: ConversationKind;
  name: string | null;
  peerUserId: string | null;
  /** Place among the conversation's queued messages: they go out in the order they were written. */
  n: number;
  pending: PendingSend;
}

interface Active {
  userId: string;
  store: OfflineStore;
  key: CacheKey | null;
  /** This session's server answered with the key it holds: the stored one is still the right one. */
  confirmed: boolean;
  stopped: boolean;
  /** What was last written per record, as JSON: only changed records are sealed and written again. */
  written: { conversations: Map<string, string>; outbox: Map<string, string>; people: Map<string, string> };
  /** Writes one after another, so a later state never lands before an earlier one. */
  chain: Promise<void>;
  timer: number | undefined;
  outboxQueued: boolean;
  dispose: () => void;
}

let active: Active | null = null;

// Whoever is signed in, only their data stays; signed out, nobody's does. This also covers a previous user whose
// session ended while this browser was closed, or whose data a crash left behind.
effect(() => {
  const userId = session.value?.userId ?? null;
  if (active && active.userId !== userId) stopOfflineCache();
  void wipeAllBut(userId).catch(() => undefined);
});

/** Called by the shell before the hub starts: what was cached is in memory when the catch-up asks from where. */
export async function startOfflineCache(userId: string) {
  let store: OfflineStore;
  try {
    store = await OfflineStore.open(userId);
  } catch {
    return; // No IndexedDB (a private window may refuse it): GoChat works, only not offline.
  }
  if (session.value?.userId !== userId || active) {
    store.close();
    return;
  }
  const a: Active = {
    userId, store, key: null, confirmed: false, stopped: false, written: { conversations: new Map(), outbox: new Map(), people: new Map() },
    chain: Promise.resolve(), timer: undefined, outboxQueued: false, dispose: () => undefined,
  };
  active = a;
  try {
    a.key = (await store.key()) ?? null;
    if (a.key) await restore(a, a.key);
  } catch {
    a.key = null;
  }
  if (a.stopped) return;
  const stopWatching = effect(() => {
    void revision.value;
    void people.value;
    schedule(a);
  });
  const stopLink = effect(() => {
    if (link.value === "connected" && !a.confirmed) void confirmKey(a);
  });
  a.dispose = () => {
    stopWatching();
    stopLink();
  };
  if (navigator.onLine) void confirmKey(a);
}

/** The shell is going (sign-out, another user): nothing more is written; the session effect wipes. */
export function stopOfflineCache() {
  const a = active;
  if (!a) return;
  active = null;
  a.stopped = true;
  window.clearTimeout(a.timer);
  a.dispose();
  void a.chain.finally(() => a.store.close());
}

/** Asks the server for this device session's key; a new key makes the old records unreadable, so they go. */
async function confirmKey(a: Active) {
  let answer: { key: string };
  try {
    answer = await api<{ key: string }>("GET", "/api/me/cache-key");
  } catch (error) {
    // Offline: the stored key serves until the link is back. A session that ended was signed out by api(), which wipes.
    if (error instanceof GoChatError && error.code === "OFFLINE") return;
    return;
  }
  const key = await importCacheKey(answer.key);
  if (a.stopped) return;
  a.confirmed = true;
  if (a.key?.keyId === key.keyId) return;
  a.chain = a.chain.then(async () => {
    if (a.stopped) return;
    await a.store.replaceKey(key);
    a.key = key;
    a.written.conversations.clear();
    a.written.outbox.clear();
    a.written.people.clear();
  }).catch(() => undefined);
  schedule(a);
}

function schedule(a: Active) {
  if (a.stopped) return;
  if (!a.outboxQueued) {
    a.outboxQueued = true;
    queueMicrotask(() => {
      a.outboxQueued = false;
      enqueue(a, () => writeOutbox(a));
    });
  }
  if (a.timer === undefined) {
    a.timer = window.setTimeout(() => {
      a.timer = undefined;
      enqueue(a, () => writeConversations(a));
      enqueue(a, () => writePeople(a));
    }, conversationDelay);
  }
}

function enqueue(a: Active, write: () => Promise<void>) {
  a.chain = a.chain.then(() => (a.stopped || !a.key ? undefined : write())).catch(() => undefined);
}

async function writeOutbox(a: Active) {
  const now = new Map<string, string>();
  for (const c of conversations.values()) {
    c.pending.forEach((pending, n) => {
      const q: QueuedSend = { conversationId: c.id, kind: c.kind, name: c.name, peerUserId: c.peerUserId, n, pending };
      now.set(pending.clientMessageId, JSON.stringify(q));
    });
  }
  // A queued message is the moment the user may go: what the chats show is written with it, before it.
  const written = a.written.outbox;
  if (now.size !== written.size || [...now].some(([id, json]) => written.get(id) !== json)) {
    await writeConversations(a);
    await writePeople(a);
  }
  await sync(a, "outbox", now);
}

async function writeConversations(a: Active) {
  const list = [...conversations.values()].sort((x, y) => lastAt(y) - lastAt(x));
  const now = new Map<string, string>();
  list.forEach((c, i) => {
    if (i < keptConversations || c.pending.length > 0) now.set(c.id, JSON.stringify(cached(c)));
  });
  await sync(a, "conversations", now);
}

async function writePeople(a: Active) {
  const now = new Map<string, string>();
  for (const p of [...people.value.values()].slice(-keptPeople)) now.set(p.userId, JSON.stringify(p));
  await sync(a, "people", now);
}

/** Writes the records whose JSON changed and deletes the ones no longer there. */
async function sync(a: Active, store: "conversations" | "outbox" | "people", now: Map<string, string>) {
  const written = a.written[store];
  for (const [id, json] of now) {
    if (written.get(id) === json) continue;
    if (a.stopped || !a.key) return;
    await a.store.put(a.key.key, store, id, JSON.parse(json));
    written.set(id, json);
  }
  for (const id of [...written.keys()]) {
    if (now.has(id)) continue;
    if (a.stopped) return;
    await a.store.delete(store, id);
    written.delete(id);
  }
}

function cached(c: Conversation): CachedConversation {
  const entries = [...c.entries.values()].sort((x, y) => x.seq - y.seq).slice(-keptEntries);
  const oldest = entries[0]?.seq ?? Infinity;
  // Reaction entries travel with the edits and deletes: like them, each changes a message kept here.
  const reactions = [...c.reactions.values()].flatMap((book) => [...book.values()]);
  const changes = [...c.changes.values(), ...reactions].filter((m) => (m.targetSeq ?? 0) >= oldest);
  return {
    id: c.id, kind: c.kind, name: c.name, peerUserId: c.peerUserId, lastSeq: c.lastSeq, readSeq: c.readSeq, unread: c.unread,
    lastMessage: c.lastMessage, entries, changes,
    // Cut to its newest entries, the history is no longer whole here: the rest loads from the server.
    historyComplete: c.historyComplete && entries.length === c.entries.size,
    members: c.members, removed: c.removed, mutedUntil: c.mutedUntil, pinnedAt: c.pinnedAt, archivedSeq: c.archivedSeq,
    description: c.description, photoVersion: c.photoVersion,
  };
}

function lastAt(c: Conversation) {
  return c.lastMessage ? Date.parse(c.lastMessage.sentAt) : 0;
}

async function restore(a: Active, key: CacheKey) {
  const saved = await a.store.all<CachedConversation>(key.key, "conversations");
  const queued = await a.store.all<QueuedSend>(key.key, "outbox");
  const cards = await a.store.all<UserProfile>(key.key, "people");
  if (a.stopped) return;
  for (const { value: p } of cards) {
    if (!people.value.has(p.userId)) remember(p);
    a.written.people.set(p.userId, JSON.stringify(p));
  }
  for (const { value: s } of saved) {
    if (conversations.has(s.id)) continue;
    const c = blank(s.id, s.kind, s.name, s.peerUserId);
    Object.assign(c, {
      lastSeq: s.lastSeq, readSeq: s.readSeq, unread: s.unread, lastMessage: s.lastMessage, historyComplete: s.historyComplete,
      members: s.members, removed: s.removed, oldestLoaded: s.entries[0]?.seq ?? null,
      // Absent from what an earlier release cached.
      mutedUntil: s.mutedUntil ?? null, pinnedAt: s.pinnedAt ?? null, archivedSeq: s.archivedSeq ?? null,
      description: s.description ?? null, photoVersion: s.photoVersion ?? 0,
    });
    for (const m of s.entries) {
      c.entries.set(m.seq, m);
      c.seen.add(m.seq);
    }
    for (const m of s.changes) {
      if (isReaction(m)) applyReaction(c, m);
      else c.changes.set(m.targetSeq ?? 0, m);
      c.seen.add(m.seq);
    }
    conversations.set(c.id, c);
    a.written.conversations.set(s.id, JSON.stringify(s));
  }
  queued.sort((x, y) => x.value.pending.createdAt.localeCompare(y.value.pending.createdAt) || x.value.n - y.value.n);
  for (const { value: q } of queued) {
    let c = conversations.get(q.conversationId);
    if (!c) {
      c = blank(q.conversationId, q.kind, q.name, q.peerUserId);
      conversations.set(c.id, c);
    }
    if (!c.pending.some((p) => p.clientMessageId === q.pending.clientMessageId)) c.pending.push(q.pending);
  }
  bump();
}
