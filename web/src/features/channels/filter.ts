import { signal } from "@preact/signals";
import type { ChatMessage } from "../../core/types";

/** What a channel's view is narrowed to: one tag or one level, picked from a broadcast's footer. */
export interface BroadcastFilter {
  channelId: string;
  tag?: string;
  level?: string;
}

export const broadcastFilter = signal<BroadcastFilter | null>(null);

/** Whether the entry stays in view under the channel's filter (entries that are no broadcast go while one is set). */
export function passes(m: ChatMessage, channelId: string): boolean {
  const f = broadcastFilter.value;
  if (!f || f.channelId !== channelId) return true;
  const seal = m.broadcast;
  if (!seal) return false;
  if (f.tag && !(seal.tags ?? []).some((t) => t.toLowerCase() === f.tag!.toLowerCase())) return false;
  if (f.level && seal.level !== f.level) return false;
  return true;
}
