import { t } from "../i18n/i18n";
import { displayName } from "./people";
import type { ChatMessage, UserSettings } from "./types";

/** A system notification for a message that arrives while GoChat is in the background, as the settings allow. */
export function alertNewMessage(m: ChatMessage, settings: UserSettings | null) {
  if (!settings?.notifications || !("Notification" in window) || Notification.permission !== "granted") return;
  if (document.visibilityState === "visible") return;
  new Notification(displayName(m.senderId), {
    body: settings.notificationPreview ? m.text ?? "" : t("notifications.newMessage"),
    silent: !settings.notificationSound,
    tag: m.conversationId,
  });
}

/** Asked only when the user turns notifications on: a browser prompt needs a click to come from. */
export async function askForNotifications() {
  if ("Notification" in window && Notification.permission === "default") await Notification.requestPermission();
}
