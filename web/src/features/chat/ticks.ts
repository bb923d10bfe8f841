import type { Conversation } from "../../core/conversations";

export type TickState = "sent" | "delivered" | "read";

/** One tick: stored; two: on every other member's device; blue: read by all who share read receipts. */
export function tickFor(c: Conversation, seq: number, me: string): TickState {
  const others = (c.members ?? []).filter((m) => m.userId !== me && m.joinedSeq < seq);
  if (others.length === 0) return "sent";
  if (others.every((m) => m.readSeq !== null && m.readSeq >= seq)) return "read";
  if (others.every((m) => m.deliveredSeq >= seq)) return "delivered";
  return "sent";
}
