import { current } from "../../core/chat";
import type { Conversation } from "../../core/conversations";
import type { ChatMessage } from "../../core/types";
import { displayName } from "../../core/people";
import { session } from "../../core/session";
import { t } from "../../i18n/i18n";
import { clock } from "../files/fileFormat";
import { isChannelId } from "../../core/channels";

/** A group's name, or the other person's name in a one-to-one chat. */
export function title(c: Conversation): string {
  if (c.kind === "Direct") return c.peerUserId ? displayName(c.peerUserId) : t("chat.direct");
  return c.name || t("groups.untitled");
}

/** One line about a log entry: its text, or what a membership entry means. */
export function entrySummary(m: ChatMessage): string {
  const mine = m.senderId === session.value?.userId;
  const who = mine ? t("chat.you") : displayName(m.senderId);
  const subject = m.subjectUserId === session.value?.userId ? t("chat.you") : displayName(m.subjectUserId);
  switch (m.kind) {
    case "Text": return m.deleted ? t("chat.deleted") : m.text || attachmentSummary(m);
    case "Created": return m.text && isChannelId(m.conversationId) ? t("system.createdChannel", { who, name: m.text })
      : m.text ? t("system.created", { who, name: m.text }) : t("system.started", { who });
    case "MemberAdded": return t("system.added", { who, subject });
    case "MemberRemoved": return t("system.removed", { who, subject });
    case "MemberLeft": return t("system.left", { who });
    case "Renamed": return t("system.renamed", { who, name: m.text ?? "" });
    case "RoleChanged": return t("system.roleChanged", { who, subject });
    case "DescriptionChanged": return m.text ? t("system.descriptionChanged", { who }) : t("system.descriptionRemoved", { who });
    case "PhotoChanged": return isChannelId(m.conversationId)
      ? t(m.text ? "system.channelPhotoChanged" : "system.channelPhotoRemoved", { who })
      : t(m.text ? "system.photoChanged" : "system.photoRemoved", { who });
    default: return "";
  }
}

/**
 * The list's line for the newest entry, as the chat view shows it now: an edit arrives as its own entry and a
 * delete for everyone must not leave the old text readable in the list.
 */
export function lastEntrySummary(c: Conversation): string {
  const last = c.lastMessage;
  if (!last) return "";
  if (last.kind !== "Text") return entrySummary(last);
  const shown = current(c, last);
  if (shown.deleted) return t("chat.deleted");
  return (last.senderId === session.value?.userId ? `${t("chat.you")}: ` : "") + (shown.text || attachmentSummary(last));
}

/** "📷 Gambar", "🎤 Nota suara (0:05)", "📎 laporan.pdf dan 2 lagi": a message of files alone, in one line. */
export function attachmentSummary(m: ChatMessage): string {
  const list = m.attachments ?? [];
  if (list.length === 0) return "";
  const a = list[0];
  const first = a.kind === "Image" ? t("files.summaryImage")
    : a.kind === "Video" ? t("files.summaryVideo")
      : a.kind === "Voice" ? t("files.summaryVoice", { duration: clock(a.durationMs ?? 0) })
        : a.kind === "Audio" ? t("files.summaryAudio", { name: a.name })
          : t("files.summaryFile", { name: a.name });
  return list.length > 1 ? t("files.summaryMore", { first, count: list.length - 1 }) : first;
}
