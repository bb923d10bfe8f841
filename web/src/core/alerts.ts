import { t } from "../i18n/i18n";
import { displayName } from "./people";
import type { ChatMessage, UserSettings } from "./types";

/**
 * A system notification for a message that arrives while GoChat is in the background, as the settings allow. Who
 * wrote and what only with the preview setting on: a locked or shared screen shows notifications to anyone near it.
 */
export function alertNewMessage(m: ChatMessage, settings: UserSettings | null, chatName?: string | null) {
  if (!settings?.notifications || !("Notification" in window) || Notification.permission !== "granted") return;
  if (document.visibilityState === "visible") return;
  const sender = displayName(m.senderId);
  const title = settings.notificationPreview ? (chatName ? `${sender} · ${chatName}` : sender) : "GoChat";
  new Notification(title, {
    body: settings.notificationPreview && m.text ? m.text : t("notifications.newMessage"),
    silent: !settings.notificationSound,
    tag: m.conversationId,
  });
}
