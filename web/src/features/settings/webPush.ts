import { api } from "../../core/api";
import { GoChatError } from "../../core/errors";
import type { Language } from "../../i18n/i18n";

/** GET /api/me/push: whether the agency allows Web Push, the VAPID key to subscribe with, and how many devices have. */
export interface WebPushStatus {
  allowed: boolean;
  publicKey: string | null;
  subscriptions: number;
}

export const webPushStatus = () => api<WebPushStatus>("GET", "/api/me/push");

/** The service worker reads the language here to word the notification; the push itself carries none. */
const prefsCache = "gochat-prefs";
export async function rememberLanguage(lang: Language) {
  if (!("caches" in window)) return;
  try {
    const cache = await caches.open(prefsCache);
    await cache.put("/__prefs/language", new Response(lang));
  } catch {
    // Without it the notification is in Bahasa Melayu, the default.
  }
}

async function registration(): Promise<ServiceWorkerRegistration> {
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) throw new GoChatError("PUSH_UNSUPPORTED", "No Web Push in this browser.");
  return navigator.serviceWorker.ready;
}

/** This browser's subscription, if it has one (null where the browser cannot push at all). */
export async function browserSubscription(): Promise<PushSubscription | null> {
  try {
    if (!("serviceWorker" in navigator) || !("PushManager" in window)) return null;
    const reg = await navigator.serviceWorker.getRegistration();
    return (await reg?.pushManager.getSubscription()) ?? null;
  } catch {
    return null;
  }
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const raw = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Asks for permission, subscribes the service worker with the platform's key, and hands the subscription to the gateway. */
export async function turnOn(publicKey: string, lang: Language): Promise<void> {
  if ("Notification" in window && Notification.permission !== "granted" && (await Notification.requestPermission()) !== "granted") {
    throw new GoChatError("PUSH_DENIED", "Notifications are blocked for this site.");
  }
  const reg = await registration();
  let subscription: PushSubscription;
  try {
    subscription = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  } catch {
    throw new GoChatError("PUSH_UNSUPPORTED", "This browser could not subscribe.");
  }
  await rememberLanguage(lang);
  const json = subscription.toJSON();
  try {
    await api("POST", "/api/me/push/subscriptions", { endpoint: json.endpoint, keys: { p256dh: json.keys?.p256dh, auth: json.keys?.auth } });
  } catch (e) {
    await subscription.unsubscribe().catch(() => undefined);
    throw e;
  }
}

/** Forgets this browser's subscription at the gateway and at the push service. */
export async function turnOff(): Promise<void> {
  const subscription = await browserSubscription();
  if (!subscription) return;
  await api("POST", "/api/me/push/subscriptions/remove", { endpoint: subscription.endpoint });
  await subscription.unsubscribe().catch(() => undefined);
}

/** On sign-out: the gateway deletes the device's rows itself; this drops the browser's side too. */
export async function dropBrowserSubscription(): Promise<void> {
  const subscription = await browserSubscription();
  await subscription?.unsubscribe().catch(() => undefined);
}
