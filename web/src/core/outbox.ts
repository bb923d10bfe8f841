import { invoke, notify } from "./hub";
import { describe, GoChatError } from "./errors";
import { newClientId } from "./ids";
import { bump, conversations, type Conversation, type PendingFile, type PendingSend } from "./conversations";
import type { AttachmentInput, SendAck } from "./types";

/**
 * Refusals of the message itself: a retry sends the same text and files, so it would be refused again. A file still
 * in its checks (FILE_QUARANTINED) is not among them: it may be cleared by the next try.
 */
const refusedForText = new Set([
  "TEXT_TOO_LONG", "EMPTY_TEXT", "INVALID_TEXT", "TOO_MANY_ATTACHMENTS", "UPLOAD_NOT_FOUND", "UPLOAD_INCOMPLETE",
  "FILE_TOO_LARGE", "FILE_TYPE_NOT_ALLOWED", "FILE_TYPE_MISMATCH", "FILE_INFECTED", "FILE_UNSCANNABLE",
]);

/** Sends with a fresh client message id; the same id is reused for every retry, so a message lands once. */
export function send(id: string, text: string, replyToSeq: number | null, mentions: string[] = [], attachments?: AttachmentInput[], files?: PendingFile[]) {
  const c = conversations.get(id);
  if (!c) return;
  const p: PendingSend = {
    clientMessageId: newClientId(), text, replyToSeq, mentions, createdAt: new Date().toISOString(), error: null, retryable: true,
    ...(attachments?.length ? { attachments, files } : {}),
  };
  c.pending.push(p);
  bump();
  void deliver(c, p);
}

export async function deliver(c: Conversation, p: PendingSend) {
  try {
    const ack = await invoke<SendAck>("SendMessage", { conversationId: c.id, clientMessageId: p.clientMessageId, text: p.text, replyToSeq: p.replyToSeq, mentions: p.mentions?.length ? p.mentions : null,
      attachments: p.attachments?.length ? p.attachments : null,
    });
    // A resend (after a reload) of a message that had landed: the entry may already be held, so no push removes it.
    if (ack.duplicate && c.seen.has(ack.seq)) {
      c.pending = c.pending.filter((x) => x.clientMessageId !== p.clientMessageId);
      bump();
    }
  } catch (error) {
    // Offline: it stays queued and goes out after the next catch-up. Any other refusal is shown on the message.
    if (error instanceof GoChatError && error.code === "OFFLINE") return;
    p.error = describe(error);
    p.retryable = !(error instanceof GoChatError && refusedForText.has(error.code));
    bump();
  }
}

export function retry(id: string, clientMessageId: string) {
  const c = conversations.get(id);
  const p = c?.pending.find((x) => x.clientMessageId === clientMessageId);
  if (!c || !p) return;
  p.error = null;
  bump();
  void deliver(c, p);
}

export function discard(id: string, clientMessageId: string) {
  const c = conversations.get(id);
  if (!c) return;
  c.pending = c.pending.filter((p) => p.clientMessageId !== clientMessageId);
  bump();
}

export async function edit(id: string, seq: number, text: string) {
  await invoke<SendAck>("EditMessage", id, seq, text, newClientId());
}

export async function remove(id: string, seq: number) {
  await invoke<SendAck>("DeleteMessage", id, seq, newClientId());
}

let typingSentAt = 0;
/** At most one "typing" every few seconds while keys are pressed; "stopped" when the text is sent or cleared. */
export function typing(id: string, active: boolean) {
  const now = Date.now();
  if (active && now - typingSentAt < 3000) return;
  typingSentAt = active ? now : 0;
  notify("Typing", id, active);
}

/** After a catch-up: everything not yet confirmed goes again, under its first client message id. */
export function resendPending() {
  for (const c of conversations.values()) for (const p of c.pending) if (!p.error) void deliver(c, p);
}
