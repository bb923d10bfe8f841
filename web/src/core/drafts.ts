import { effect, signal } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import { session } from "./session";

/**
 * What the user typed and did not send, per chat: kept in this browser (localStorage, one entry per user) so that it
 * survives switching chats and a reload, and dropped when that user signs out here.
 */
const prefix = "gochat.drafts.";

function key(userId: string) {
  return prefix + userId;
}

function load(userId: string | undefined): Record<string, string> {
  if (!userId) return {};
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key(userId)) ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

const drafts = signal<Record<string, string>>(load(session.value?.userId));
let owner = session.value?.userId;

// A sign-out (or a switch of account) forgets the last user's drafts: the next person at this browser must not read them.
effect(() => {
  const user = session.value?.userId;
  if (user === owner) return;
  if (owner) localStorage.removeItem(key(owner));
  owner = user;
  drafts.value = load(user);
});

/** The draft of a chat, "" when there is none. */
export function draftOf(conversationId: string): string {
  return drafts.value[conversationId] ?? "";
}

export function saveDraft(conversationId: string, text: string) {
  if (!owner || draftOf(conversationId) === text) return;
  const next = { ...drafts.value };
  if (text.trim()) next[conversationId] = text;
  else delete next[conversationId];
  drafts.value = next;
  localStorage.setItem(key(owner), JSON.stringify(next));
}

/**
 * The composer's text, kept as the chat's draft. While editing a sent message the box holds that message, not a
 * draft: nothing is saved then, and the draft comes back when the edit ends.
 */
export function useDraft(conversationId: string, editing: boolean): [string, (text: string) => void] {
  const [text, setText] = useState(() => draftOf(conversationId));
  useEffect(() => {
    if (!editing) setText(draftOf(conversationId));
  }, [conversationId, editing]);
  const set = (value: string) => {
    setText(value);
    if (!editing) saveDraft(conversationId, value);
  };
  return [text, set];
}
