import { signal } from "@preact/signals";

/** A message to bring into view and flash briefly: a clicked quote, a starred message opened from its list. */
export const jumpTo = signal<{ conversationId: string; seq: number } | null>(null);

export function jump(conversationId: string, seq: number) {
  jumpTo.value = { conversationId, seq };
}
