import { useState } from "preact/hooks";
import { current } from "../../core/chat";
import { useChatState, type Conversation } from "../../core/conversations";
import { time } from "../../core/format";
import { displayName } from "../../core/people";
import type { ChatMessage } from "../../core/types";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { navigate } from "../../core/router";
import { progressOf, tickFor } from "./ticks";

interface Props {
  c: Conversation;
  m: ChatMessage;
  me: string;
  onReply(m: ChatMessage): void;
  onEdit(m: ChatMessage): void;
  onDelete(m: ChatMessage): Promise<void>;
}

/** One message. Its text is always rendered as text: nothing a sender types can become markup. */
export function MessageBubble({ c, m, me, onReply, onEdit, onDelete }: Props) {
  useChatState();
  const [confirming, setConfirming] = useState(false);
  const mine = m.senderId === me;
  const shown = current(c, m);
  const quoted = m.replyToSeq ? c.entries.get(m.replyToSeq) : undefined;
  const tick = mine ? tickFor(c, m.seq, me) : null;
  const readBy = mine && c.kind === "Group" ? progressOf(c, m.seq, me).read ?? 0 : 0;
  return (
    <li class={`message ${mine ? "mine" : "theirs"}`} data-testid="message" data-seq={m.seq} tabIndex={-1}>
      <div class="bubble">
        {!mine && c.kind === "Group" && <span class="sender">{displayName(m.senderId)}</span>}
        {m.replyToSeq && (
          <span class="quote">
            <span class="sender">{quoted ? displayName(quoted.senderId) : ""}</span>
            <span>{quoted ? current(c, quoted).text ?? t("chat.deleted") : t("chat.olderMessage")}</span>
          </span>
        )}
        {shown.deleted
          ? <span class="text deleted" data-testid="message-text">{t("chat.deleted")}</span>
          : <span class="text" data-testid="message-text">{shown.text}</span>}
        <span class="meta">
          {shown.edited && <span class="edited">{t("chat.edited")}</span>}
          {readBy > 0 && <span class="read-by" data-testid="read-by">{t("chat.readBy", { count: readBy })}</span>}
          <time dateTime={m.sentAt}>{time(m.sentAt)}</time>
          {tick && <span class={`ticks ticks-${tick}`} data-testid="ticks" data-state={tick} role="img" aria-label={t(`chat.ticks.${tick}`)}>
            {tick === "sent" ? "✓" : "✓✓"}
          </span>}
        </span>
      </div>
      {!shown.deleted && (
        <div class="message-actions">
          {confirming ? (
            <>
              <button type="button" class="danger small" onClick={() => void onDelete(m).finally(() => setConfirming(false))}>{t("chat.confirmDelete")}</button>
              <button type="button" class="small" onClick={() => setConfirming(false)}>{t("common.cancel")}</button>
            </>
          ) : (
            <>
              <button type="button" class="icon-button small" onClick={() => onReply(m)} aria-label={t("chat.reply")} title={t("chat.reply")}><Icon name="reply" size={16} /></button>
              {mine && <button type="button" class="icon-button small" onClick={() => navigate(`/chats/${c.id}/messages/${m.seq}`)} aria-label={t("chat.info")} title={t("chat.info")}><Icon name="info" size={16} /></button>}
              {mine && <button type="button" class="icon-button small" onClick={() => onEdit(m)} aria-label={t("chat.edit")} title={t("chat.edit")}><Icon name="edit" size={16} /></button>}
              {mine && <button type="button" class="icon-button small" onClick={() => setConfirming(true)} aria-label={t("chat.delete")} title={t("chat.delete")}><Icon name="trash" size={16} /></button>}
            </>
          )}
        </div>
      )}
    </li>
  );
}
