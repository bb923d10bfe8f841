import { effect, signal } from "@preact/signals";
import type { DetailedError, Upload } from "tus-js-client";
import { api } from "./api";
import { describe, GoChatError } from "./errors";
import { accessToken, session } from "./session";
import type { AttachmentInput, AttachmentKind, UploadInfo } from "./types";

/** Limits.MaxAttachmentsPerMessage. */
export const maxAttachments = 10;
const tusVersion = { "Tus-Resumable": "1.0.0" };
// Requests of this size: a dropped connection costs at most one of them, and proxies with a body limit let them by.
const chunkSize = 8 * 1024 * 1024;
// tus-js-client waits this long before each new try; a try that stored bytes starts the count again.
const retryDelays = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000];
/** Past this, a file still in the checks is said to be taking long (the scanner may be down or busy). */
const slowCheckMs = 15_000;

/**
 * A file on its way into a message: uploading (or waiting for the network to come back), then in the server's
 * checks, then ready to send or refused. Tied to its chat, not to the composer on screen: switching chats does
 * not lose it.
 */
export interface Outgoing {
  key: string;
  name: string;
  size: number;
  type: string;
  phase: "uploading" | "waiting" | "checking" | "ready" | "refused" | "failed";
  sent: number;
  uploadId: string | null;
  error: string | null;
  /** Checking for longer than slowCheckMs. */
  slow: boolean;
  /** Asked for by the sender (a voice note); otherwise the bytes decide. */
  kind?: AttachmentKind;
  durationMs?: number;
  waveform?: string;
  /** A picture's own bytes, for the tray (a blob: URL, revoked when the file leaves the tray). */
  preview: string | null;
  /** Sent as soon as everything in the tray is ready (a voice note the sender finished with "send"). */
  autoSend?: boolean;
}

/** Each chat's tray, by conversation id; replaced on every change so views re-render. */
export const trays = signal(new Map<string, Outgoing[]>());

interface Running {
  upload: Upload | null;
  file: File;
  stopped: boolean;
  poll?: number;
}

const running = new Map<string, Running>();
let counter = 0;

function find(key: string): Outgoing | undefined {
  for (const list of trays.value.values()) {
    const o = list.find((x) => x.key === key);
    if (o) return o;
  }
  return undefined;
}

function update(key: string, patch: Partial<Outgoing>) {
  const next = new Map<string, Outgoing[]>();
  for (const [id, list] of trays.value) next.set(id, list.map((o) => (o.key === key ? { ...o, ...patch } : o)));
  trays.value = next;
}

export function trayOf(conversationId: string): Outgoing[] {
  return trays.value.get(conversationId) ?? [];
}

export interface VoiceDetails {
  kind: AttachmentKind;
  durationMs: number;
  waveform: string;
  autoSend?: boolean;
}

/** Starts uploading each file into the chat's tray; refuses (with the reason) what would pass the per-message limit. */
export function attach(conversationId: string, files: File[], voice?: VoiceDetails): string | null {
  const list = trayOf(conversationId);
  if (list.length + files.length > maxAttachments) return describe(new GoChatError("TOO_MANY_ATTACHMENTS", `at most ${maxAttachments}`));
  const added = files.map((file): Outgoing => ({
    key: `u${++counter}`,
    name: file.name,
    size: file.size,
    type: file.type,
    phase: "uploading",
    sent: 0,
    uploadId: null,
    error: null,
    slow: false,
    preview: file.type.startsWith("image/") ? URL.createObjectURL(file) : null,
    ...voice,
  }));
  const next = new Map(trays.value);
  next.set(conversationId, [...list, ...added]);
  trays.value = next;
  added.forEach((o, i) => {
    running.set(o.key, { upload: null, file: files[i], stopped: false });
    void start(o.key);
  });
  return null;
}

async function start(key: string) {
  const r = running.get(key);
  if (!r || r.stopped) return;
  if (r.upload) {
    // Again after a failure: tus-js-client asks the server where the upload stands (HEAD) and goes on from there.
    update(key, { phase: "uploading", error: null });
    r.upload.start();
    return;
  }
  // Loaded with the first file: most sessions never upload, and the main bundle stays smaller.
  const tus = await import("tus-js-client");
  if (r.stopped) return;
  const file = r.file;
  r.upload = new tus.Upload(file, {
    endpoint: new URL("/api/uploads", location.origin).href,
    chunkSize,
    retryDelays,
    // A shared computer must not offer one person's unfinished upload to the next; a reload starts the file again.
    storeFingerprintForResuming: false,
    metadata: { filename: file.name, filetype: file.type || "application/octet-stream" },
    onBeforeRequest: async (req) => {
      req.setHeader("Authorization", `Bearer ${(await accessToken()) ?? ""}`);
    },
    onShouldRetry: (err) => {
      const status = err.originalResponse?.getStatus() ?? 0;
      // No answer: tried again while the browser thinks it is online; offline, it waits for the network (onError).
      if (status === 0) return navigator.onLine;
      if (status === 401) {
        void accessToken(true);
        return true;
      }
      // 409: a stale offset (a request the browser gave up on was still writing): HEAD says where to go on.
      return status >= 500 || status === 409 || status === 423;
    },
    onProgress: (sent) => update(key, { sent, phase: "uploading", error: null }),
    onError: (err) => {
      if (r.stopped) return;
      const status = (err as DetailedError).originalResponse?.getStatus() ?? 0;
      if (status === 0 && !navigator.onLine) update(key, { phase: "waiting", error: null });
      else update(key, { phase: "failed", error: describe(refusalOf(err as DetailedError)) });
    },
    onSuccess: () => {
      const uploadId = r.upload?.url?.split("/").pop() ?? null;
      update(key, { phase: "checking", sent: file.size, uploadId });
      if (uploadId) void watchChecks(key, uploadId, Date.now());
    },
  });
  r.upload.start();
}

/** Problem details from a tus answer (FILE_TOO_LARGE at creation), or what the failure says. */
function refusalOf(err: DetailedError): GoChatError {
  const response = err.originalResponse;
  if (!response) return new GoChatError("OFFLINE", err.message);
  try {
    const body = JSON.parse(response.getBody()) as { code?: string; title?: string };
    if (body.code) return new GoChatError(body.code, body.title ?? "");
  } catch {
    // not problem details
  }
  return new GoChatError(`HTTP_${response.getStatus()}`, err.message);
}

/** Polls the upload until its checks are done: sniffed, hashed, scanned and its pictures made. */
async function watchChecks(key: string, uploadId: string, since: number, wait = 300) {
  const r = running.get(key);
  if (!r || r.stopped) return;
  try {
    const info = await api<UploadInfo>("GET", `/api/uploads/${uploadId}`, undefined, false, tusVersion);
    if (r.stopped) return;
    if (info.status === "Ready") {
      update(key, { phase: "ready", slow: false });
      return;
    }
    if (info.status === "Refused") {
      update(key, { phase: "refused", slow: false, error: describe(new GoChatError(info.refusalCode ?? "FILE_TYPE_NOT_ALLOWED", info.refusal ?? "")) });
      return;
    }
    if (Date.now() - since > slowCheckMs && !find(key)?.slow) update(key, { slow: true });
  } catch (e) {
    if (r.stopped) return;
    if (e instanceof GoChatError && e.code === "UPLOAD_NOT_FOUND") {
      update(key, { phase: "failed", error: describe(e) });
      return;
    }
    // Offline or the gateway busy: ask again later.
  }
  r.poll = window.setTimeout(() => void watchChecks(key, uploadId, since, Math.min(wait * 1.6, 3000)), wait);
}

/** Tries a failed upload again, from where the server has it. */
export function resume(key: string) {
  void start(key);
}

/** Stops the upload and deletes what the server holds of it (tus termination), and takes it out of the tray. */
export function cancel(conversationId: string, key: string) {
  const r = running.get(key);
  const o = find(key);
  if (r) {
    r.stopped = true;
    window.clearTimeout(r.poll);
    running.delete(key);
    if (o?.uploadId) void api("DELETE", `/api/uploads/${o.uploadId}`, undefined, false, tusVersion).catch(() => undefined);
    else void r.upload?.abort(true).catch(() => undefined);
  }
  if (o?.preview) URL.revokeObjectURL(o.preview);
  const next = new Map(trays.value);
  next.set(conversationId, trayOf(conversationId).filter((x) => x.key !== key));
  trays.value = next;
}

/** What a message sends: every file of the tray, all ready; the tray is empty afterwards (the server holds them). */
export function takeReady(conversationId: string): { inputs: AttachmentInput[]; shown: Outgoing[] } {
  const list = trayOf(conversationId);
  const inputs = list.map((o): AttachmentInput => ({
    uploadId: o.uploadId!,
    ...(o.kind ? { kind: o.kind } : {}),
    ...(o.durationMs !== undefined ? { durationMs: o.durationMs } : {}),
    ...(o.waveform ? { waveform: o.waveform } : {}),
  }));
  for (const o of list) {
    const r = running.get(o.key);
    if (r) window.clearTimeout(r.poll);
    running.delete(o.key);
    if (o.preview) URL.revokeObjectURL(o.preview);
  }
  const next = new Map(trays.value);
  next.delete(conversationId);
  trays.value = next;
  return { inputs, shown: list };
}

// The network is back: every upload that was waiting for it goes on from where the server has it.
window.addEventListener("online", () => {
  for (const list of trays.value.values()) for (const o of list) if (o.phase === "waiting") void start(o.key);
});

// Signed out: nothing of this person's keeps uploading (their token is gone anyway).
effect(() => {
  if (session.value) return;
  for (const r of running.values()) {
    r.stopped = true;
    window.clearTimeout(r.poll);
    void r.upload?.abort(false).catch(() => undefined);
  }
  running.clear();
  if (trays.peek().size > 0) trays.value = new Map();
});
