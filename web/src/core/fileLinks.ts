import { effect } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { describe } from "./errors";
import { accessToken, session } from "./session";
import type { FileLinkResult, FileVariant } from "./types";

/** A link is used again until this long before it runs out, so no request starts on one about to expire. */
const linkMargin = 60_000;

/** The token the download cookie holds, and the request that put it there. */
let cookie: { token: string; set: Promise<void> } | null = null;

/**
 * An <img>, <audio>, <video> or <iframe> cannot send the bearer header, so the gateway also takes the token from a
 * cookie of its own (HttpOnly, for /files only). It is set again whenever the token changes (sign-in, every
 * refresh): a cookie holding a token that has run out would make every picture fail.
 */
export async function ensureFileCookie(): Promise<void> {
  const token = await accessToken();
  if (!token) return;
  if (cookie?.token !== token) {
    const set = fetch("/api/files/cookie", { method: "POST", headers: { authorization: `Bearer ${token}` } }).then((r) => {
      if (!r.ok) throw new Error(`files cookie: ${r.status}`);
    });
    const mine = { token, set };
    cookie = mine;
    set.catch(() => {
      if (cookie === mine) cookie = null;
    });
  }
  return cookie.set;
}

const links = new Map<string, { link: Promise<FileLinkResult>; until: number }>();

effect(() => {
  if (session.value?.accessToken) void ensureFileCookie().catch(() => undefined);
  else {
    // Signed out: another person may sign in at this browser; nothing of the last one's is reused.
    cookie = null;
    links.clear();
  }
});

/**
 * A short-lived link to one variant of one attachment, made for me; the same one is used until shortly before it
 * expires, and only once the download cookie holds my current token.
 */
export function fileLink(conversationId: string, seq: number, blobId: string, variant: FileVariant = "Original"): Promise<FileLinkResult> {
  const key = `${conversationId}/${seq}/${blobId}/${variant}`;
  const known = links.get(key);
  if (known && known.until > Date.now()) return known.link;
  const entry = { until: Number.POSITIVE_INFINITY, link: null as unknown as Promise<FileLinkResult> };
  entry.link = (async () => {
    const made = await api<FileLinkResult>("POST", `/api/conversations/${conversationId}/messages/${seq}/files/${blobId}/link?variant=${variant}`);
    entry.until = Date.parse(made.expiresAt) - linkMargin;
    await ensureFileCookie();
    return made;
  })();
  entry.link.catch(() => {
    if (links.get(key) === entry) links.delete(key);
  });
  links.set(key, entry);
  return entry.link;
}

/** Forgets a link the browser could not use (expired while the tab slept, the cookie lost): the next ask makes a new one. */
export function dropFileLink(conversationId: string, seq: number, blobId: string, variant: FileVariant = "Original") {
  links.delete(`${conversationId}/${seq}/${blobId}/${variant}`);
}

/** The link's address once made (null until then, or while not wanted), or why it could not be made. */
export function useFileLink(conversationId: string, seq: number, blobId: string, variant: FileVariant, wanted = true, attempt = 0) {
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    fileLink(conversationId, seq, blobId, variant).then(
      (l) => live && setState({ url: l.url, error: null }),
      (e) => live && setState({ url: null, error: describe(e) }),
    );
    return () => {
      live = false;
    };
  }, [conversationId, seq, blobId, variant, wanted, attempt]);
  return state;
}

/** The address that makes the gateway send the file as a download under its real name. */
export function downloadUrl(url: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}download=true`;
}
