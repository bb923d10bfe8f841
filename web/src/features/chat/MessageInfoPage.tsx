import { useEffect, useState } from "preact/hooks";
import { current } from "../../core/chat";
import { conversations, useChatState } from "../../core/conversations";
import { describe } from "../../core/errors";
import { invoke, link } from "../../core/hub";
import { displayName } from "../../core/people";
import type { MessageReceipts } from "../../core/types";
import { Avatar } from "../../app/Avatar";
import { PageHeader } from "../../app/PageHeader";
import { PersonName } from "../../app/PersonName";
import { t } from "../../i18n/i18n";

/**
 * "Maklumat mesej": who read one of my messages and who has it, asked for when opened (the server keeps only counts
 * live, and only for the sender). Members who keep read receipts off show as received; so does everyone when I do.
 */
export function MessageInfoPage({ id, seq }: { id: string; seq: number }) {
  useChatState();
  const c = conversations.get(id);
  const m = c?.entries.get(seq);
  const connected = link.value === "connected";
  const [receipts, setReceipts] = useState<MessageReceipts | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!connected) return;
    invoke<MessageReceipts>("GetReceipts", id, seq).then(setReceipts, (e) => setError(describe(e)));
  }, [id, seq, connected]);

  return (
    <section class="page" aria-labelledby="message-info-title" data-testid="message-info">
      <PageHeader id="message-info-title" title={t("chat.info")} back={`/chats/${id}`} />
      <div class="page-body stack">
        {c && m && <p class="message-info-text">{current(c, m).text ?? t("chat.deleted")}</p>}
        {error && <p class="error" role="alert">{error}</p>}
        {!receipts && !error && <p class="muted">{t("chat.loading")}</p>}
        {receipts && (
          <>
            <p class="muted" data-testid="receipt-summary">
              {t("chat.infoSummary", { delivered: receipts.readCount + receipts.deliveredCount, recipients: receipts.readCount + receipts.deliveredCount + receipts.pendingCount })}
            </p>
            <People title={t("chat.infoRead")} ids={receipts.readBy} count={receipts.readCount} testId="read-by-list" />
            <People title={t("chat.infoDelivered")} ids={receipts.deliveredTo} count={receipts.deliveredCount} testId="delivered-to-list" />
            <People title={t("chat.infoPending")} ids={receipts.pending} count={receipts.pendingCount} testId="pending-list" />
          </>
        )}
      </div>
    </section>
  );
}

/** The named members of one list; in a big group the server names only the first few hundred of `count`. */
function People({ title, ids, count, testId }: { title: string; ids: string[]; count: number; testId: string }) {
  return (
    <section aria-label={title}>
      <h2 class="section-title">{title} · {count}</h2>
      {ids.length === 0
        ? <p class="muted">{t("chat.infoNobody")}</p>
        : (
          <ul class="people" role="list" data-testid={testId}>
            {ids.map((u) => (
              <li key={u} class="person-row" data-testid="receipt-person" data-user-id={u}>
                <Avatar userId={u} name={displayName(u)} />
                <span class="person-text"><PersonName name={displayName(u)} /></span>
              </li>
            ))}
          </ul>
        )}
      {count > ids.length && <p class="muted" data-testid="receipt-more">{t("chat.infoMore", { count: count - ids.length })}</p>}
    </section>
  );
}
