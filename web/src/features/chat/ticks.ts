import type { Conversation } from "../../core/conversations";

import type { MessageReceiptCount } from "../../core/types";

export type TickState = "sent" | "delivered" | "read";

/**
 * How far my message has gone. In a group, the counts the server pushes to me, the sender; until some arrive (or for
 * older messages) the members' cursors as the conversation's info gave them. In a direct chat, the peer's cursors.
 */
export function progressOf(c: Conversation, seq: number, me: string): MessageReceiptCount {
  const pushed = c.kind === "Group" ? c.counts.get(seq) : undefined;
  if (pushed) return pushed;
  const others = (c.members ?? []).filter((m) => m.userId !== me && m.joinedSeq < seq);
  const readVisible = others.some((m) => m.readSeq !== null);
  return {
    seq,
    recipients: others.length,
    delivered: others.filter((m) => m.deliveredSeq >= seq).length,
    read: readVisible ? others.filter((m) => m.readSeq !== null && m.readSeq >= seq).length : null,
  };
}

/** One tick: stored; two: on every other member's device; blue: read by all of them (so all share read receipts). */
export function tickFor(c: Conversation, seq: number, me: string): TickState {
  const p = progressOf(c, seq, me);
  if (p.recipients === 0) return "sent";
  if (p.read !== null && p.read >= p.recipients) return "read";
  if (p.delivered >= p.recipients) return "delivered";
  return "sent";
}
