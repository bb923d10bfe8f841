import { signal } from "@preact/signals";
import { invoke } from "./hub";
import type { StarredMessage } from "./types";

/** My starred messages as last listed, newest star first; null until asked for. */
export const starred = signal<StarredMessage[] | null>(null);

const key = (conversationId: string, seq: number) => `${conversationId}:${seq}`;

export function isStarred(conversationId: string, seq: number): boolean {
  return (starred.value ?? []).some((s) => key(s.message.conversationId, s.message.seq) === key(conversationId, seq));
}

export async function loadStarred() {
  starred.value = await invoke<StarredMessage[]>("GetStarredMessages");
}

/** Stars are mine alone: nobody else is told, so the list is simply asked for again. */
export async function setStar(conversationId: string, seq: number, on: boolean) {
  await invoke("StarMessage", conversationId, seq, on);
  await loadStarred();
}
