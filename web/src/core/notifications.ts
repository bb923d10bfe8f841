import { effect, signal } from "@preact/signals";
import { conversations, revision } from "./conversations";
import { isArchived, isMuted } from "./chatPreferences";

const appName = "GoChat";

/** The browser's answer for desktop notifications; "unsupported" where there is no Notification API. */
export type Permission = NotificationPermission | "unsupported";

function currentPermission(): Permission {
  return "Notification" in window ? Notification.permission : "unsupported";
}

export const notificationPermission = signal<Permission>(currentPermission());

/** Asked only from a click in Settings: a prompt on load would be refused by the browser, and by people. */
export async function requestNotificationPermission() {
  if (!("Notification" in window) || Notification.permission !== "default") return;
  await Notification.requestPermission();
  notificationPermission.value = currentPermission();
}

/**
 * Unread text messages over every chat the user is still in, as the tab title and the app badge show them; not
 * those of a muted chat, nor of one put away in "Arkib".
 */
export function unreadTotal(): number {
  let total = 0;
  for (const c of conversations.values()) if (!c.removed && !isMuted(c) && !isArchived(c)) total += c.unread;
  return total;
}

let shown = -1;

function showUnread(total: number) {
  if (total === shown) return;
  shown = total;
  document.title = total > 0 ? `(${total > 99 ? "99+" : total}) ${appName}` : appName;
  // An installed app's icon badge; browsers without it (Firefox, most desktops in a plain tab) skip this.
  const nav = navigator as Navigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
  if (total > 0) void nav.setAppBadge?.(total).catch(() => undefined);
  else void nav.clearAppBadge?.().catch(() => undefined);
}

/** Follows every change to the conversations (each bumps the revision); returns the stop for sign-out. */
export function trackUnread(): () => void {
  const stop = effect(() => {
    void revision.value;
    showUnread(unreadTotal());
  });
  return () => {
    stop();
    showUnread(0);
  };
}
