import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { time } from "../../core/format";
import { link } from "../../core/hub";
import { jump } from "../../core/jump";
import { displayName } from "../../core/people";
import { navigate } from "../../core/router";
import { loadStarred, starred } from "../../core/stars";
import { conversations } from "../../core/conversations";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";
import { title } from "../conversations/title";

/** "Mesej berbintang": my starred messages as they read now; opening one shows it in its chat. */
export function StarredPage() {
  const connected = link.value === "connected";
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (connected) loadStarred().catch((e) => setError(describe(e)));
  }, [connected]);
  const list = starred.value;
  const open = (conversationId: string, seq: number) => {
    navigate(`/chats/${conversationId}`);
    jump(conversationId, seq);
  };
  return (
    <section class="page" aria-labelledby="starred-title" data-testid="starred-page">
      <PageHeader id="starred-title" title={t("chat.starredTitle")} back="/" />
      <div class="page-body stack">
        {error && <p class="error" role="alert">{error}</p>}
        {!list && !error && <p class="muted">{t("chat.loading")}</p>}
        {list && list.length === 0 && <p class="muted">{t("chat.starredNone")}</p>}
        {list && list.length > 0 && (
          <ul class="people" role="list">
            {list.map(({ message: m }) => {
              const c = conversations.get(m.conversationId);
              return (
                <li key={`${m.conversationId}:${m.seq}`}>
                  <button type="button" class="person-row starred-row" data-testid="starred-item" onClick={() => open(m.conversationId, m.seq)}>
                    <span class="person-text">
                      <strong>{displayName(m.senderId)}{c ? ` · ${title(c)}` : ""}</strong>
                      <span>{m.deleted ? t("chat.deleted") : m.text}</span>
                    </span>
                    <time dateTime={m.sentAt}>{time(m.sentAt)}</time>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
