import { useChatState, type PendingSend } from "../../core/conversations";
import { discard, retry } from "../../core/outbox";
import { time } from "../../core/format";
import { t } from "../../i18n/i18n";
import { Icon } from "../../app/Icon";
import { fileSize } from "../files/fileFormat";

/** A message on its way (clock) or refused (the reason, with retry and discard). */
export function PendingBubble({ conversationId, p }: { conversationId: string; p: PendingSend }) {
  useChatState();
  return (
    <li class={`message mine pending ${p.error ? "failed" : ""}`} data-testid="pending-message">
      <div class="bubble">
        {p.files?.map((f, i) => (
          <span key={i} class="pending-file" data-testid="pending-file">
            <Icon name={f.kind === "Voice" ? "mic" : "file"} size={16} />
            <span class="file-name">{f.kind === "Voice" ? t("files.voice") : f.name}</span>
            <span class="muted">{fileSize(f.size)}</span>
          </span>
        ))}
        {(p.text || !p.files?.length) && <span class="text" data-testid="message-text">{p.text}</span>}
        <span class="meta">
          <time dateTime={p.createdAt}>{time(p.createdAt)}</time>
          {!p.error && <span class="ticks" role="img" aria-label={t("chat.ticks.pending")}>🕓</span>}
        </span>
      </div>
      {p.error && (
        <div class="send-error" role="alert" data-testid="send-error">
          <span>{p.error}</span>
          {p.retryable && <button type="button" class="small" onClick={() => retry(conversationId, p.clientMessageId)}>{t("chat.retry")}</button>}
          <button type="button" class="small" onClick={() => discard(conversationId, p.clientMessageId)}>{t("chat.discard")}</button>
        </div>
      )}
    </li>
  );
}
