import { signal } from "@preact/signals";
import type { AccountInfo, SignInResponse } from "./types";

const storageKey = "gochat.session";
// Refresh this long before the access token runs out, so no call ever carries an expired one.
const refreshMargin = 60_000;

export interface Session {
  userId: string;
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  deviceId: string;
  account: AccountInfo;
}

function load(): Session | null {
  try {
    const raw = localStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** The signed-in device session, or null when signed out. */
export const session = signal<Session | null>(load());

/**
 * Why the server ended this device's session (SUSPENDED, REJECTED, INVALID_SESSION), for the sign-in page to say;
 * null after a sign-out the person asked for. Kept for this tab only, so a reload still says it.
 */
const endedKey = "gochat.sessionEnded";
export const endedReason = signal<string | null>(sessionStorage.getItem(endedKey));

/** The server refused this session for good: forget it and remember why. */
export function endSession(code: string) {
  sessionStorage.setItem(endedKey, code);
  endedReason.value = code;
  clear();
}

/** Codes for which trying again (refreshing, reconnecting) cannot help: the account itself is refused. */
const refusedAccount = new Set(["SUSPENDED", "REJECTED"]);

/** The problem code of a refused response, or null. */
export async function problemCode(response: Response): Promise<string | null> {
  try {
    return ((await response.clone().json()) as { code?: string }).code ?? null;
  } catch {
    return null;
  }
}

/**
 * Asks the gateway why this session's token is refused (the hub's WebSocket cannot read a refusal): an account that
 * is suspended or rejected ends the session with that reason at once; any other 401 tries a refresh, which renews
 * the token or ends the session.
 */
export async function probeSession(): Promise<void> {
  const current = session.value;
  if (!current) return;
  let response: Response;
  try {
    response = await fetch("/api/me", { headers: { authorization: `Bearer ${current.accessToken}` } });
  } catch {
    return; // offline: the hub retries when the network is back
  }
  if (response.status !== 401) return;
  const code = await problemCode(response);
  if (code && refusedAccount.has(code)) endSession(code);
  else await accessToken(true);
}

/** A 401 that names a refused account ends the session with that reason; true if it did. */
export async function endedByRefusal(response: Response): Promise<boolean> {
  if (response.status !== 401 && response.status !== 403) return false;
  const code = await problemCode(response);
  if (!code || !refusedAccount.has(code) || !session.value) return false;
  endSession(code);
  return true;
}

export function store(response: SignInResponse) {
  const next: Session = {
    userId: response.userId,
    accessToken: response.accessToken,
    accessTokenExpiresAt: response.accessTokenExpiresAt,
    refreshToken: response.refreshToken,
    deviceId: response.deviceId,
    account: response.account,
  };
  localStorage.setItem(storageKey, JSON.stringify(next));
  sessionStorage.removeItem(endedKey);
  endedReason.value = null;
  session.value = next;
}

export function clear() {
  localStorage.removeItem(storageKey);
  session.value = null;
}

let refreshing: Promise<string | null> | null = null;

/** A valid access token, refreshed (once, shared by concurrent callers) when it is about to expire. */
export async function accessToken(force = false): Promise<string | null> {
  const current = session.value;
  if (!current) return null;
  const fresh = Date.parse(current.accessTokenExpiresAt) - Date.now() > refreshMargin;
  if (fresh && !force) return current.accessToken;
  refreshing ??= refresh(current).finally(() => (refreshing = null));
  return refreshing;
}

async function refresh(current: Session): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch("/api/auth/refresh", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
  } catch {
    // Offline: keep the session; the old token may still work and the next call tries again.
    return current.accessToken;
  }
  if (response.status === 401 || response.status === 403) {
    endSession((await problemCode(response)) ?? "INVALID_SESSION");
    return null;
  }
  if (!response.ok) return current.accessToken;
  store((await response.json()) as SignInResponse);
  return session.value?.accessToken ?? null;
}
