import type { Conversation } from "./conversations";
import { invoke } from "./hub";
import type { ChatMessage } from "./types";

/** The emoji offered at one click; any other comes from the full picker. */
export const quickEmoji = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

export interface ReactionChip {
  emoji: string;
  count: number;
  mine: boolean;
}

export function isReaction(m: ChatMessage): boolean {
  return m.kind === "ReactionAdded" || m.kind === "ReactionRemoved";
}

/**
 * Keeps the newest entry per member and emoji: entries reach the client out of order (live ones before older
 * history pages), and only the one with the highest seq says whether that emoji is on.
 */
export function applyReaction(c: Conversation, m: ChatMessage) {
  const target = m.targetSeq ?? 0;
  let book = c.reactions.get(target);
  if (!book) c.reactions.set(target, (book = new Map()));
  const key = `${m.senderId} ${m.text ?? ""}`;
  const earlier = book.get(key);
  if (!earlier || earlier.seq < m.seq) book.set(key, m);
}

/** The chips under a message: each emoji that is on, how many put it there, and whether I am one of them. */
export function reactionsOf(c: Conversation, seq: number, me: string): ReactionChip[] {
  const chips = new Map<string, ReactionChip>();
  for (const entry of c.reactions.get(seq)?.values() ?? []) {
    if (entry.kind !== "ReactionAdded" || !entry.text) continue;
    const chip = chips.get(entry.text) ?? { emoji: entry.text, count: 0, mine: false };
    chip.count++;
    if (entry.senderId === me) chip.mine = true;
    chips.set(entry.text, chip);
  }
  return [...chips.values()];
}

/** Puts my emoji on a message or takes it off; the entry comes back live like any other. */
export function react(conversationId: string, seq: number, emoji: string, add: boolean) {
  return invoke("ReactToMessage", conversationId, seq, emoji, add);
}
