import { signal } from "@preact/signals";
import type { SyncResult } from "./types";

const storageKey = "gochat.maxTextLength";

function stored(): number | null {
  const value = Number(localStorage.getItem(storageKey));
  return Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * The longest message the server takes, as every Sync tells it; kept in this browser so that a start without a
 * link (messages queued offline) already knows it. Null only before the first Sync ever.
 */
export const maxTextLength = signal<number | null>(stored());

export function learnLimits(result: SyncResult) {
  if (!result.maxTextLength) return;
  maxTextLength.value = result.maxTextLength;
  localStorage.setItem(storageKey, String(result.maxTextLength));
}

/** How far past the limit a text is (0 when it fits); the server counts UTF-16 code units, as JavaScript does. */
export function overLimit(text: string): number {
  const max = maxTextLength.value;
  return max === null ? 0 : Math.max(0, text.length - max);
}
