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
    clear();
    return null;
  }
  if (!response.ok) return current.accessToken;
  store((await response.json()) as SignInResponse);
  return session.value?.accessToken ?? null;
}
