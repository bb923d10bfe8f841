import { useEffect, useRef, useState } from "preact/hooks";
import { conversations, useChatState } from "../../core/conversations";
import { describe } from "../../core/errors";
import { dateTime } from "../../core/format";
import { displayName } from "../../core/people";
import { navigate } from "../../core/router";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";
import { title } from "../conversations/title";
import { mergePages, searchMessages, type MessageSearchGroup } from "./messageSearch";
import { Snippet } from "./Snippet";

/** Search messages across every chat, or inside one (id): hits grouped by chat, each opening the chat at the message. */
export function SearchPage({ id }: { id?: string }) {
  useChatState();
  const [query, setQuery] = useState("");
  const [groups, setGroups] = useState<MessageSearchGroup[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLInputElement>(null);
  // The screen exists to type a search: the box takes focus when it opens (autofocus only works on page load).
  useEffect(() => box.current?.focus(), [id]);
  const inChat = id ? conversations.get(id) : undefined;
  const heading = inChat ? t("search.inChat", { name: title(inChat) }) : t("search.title");

  const run = async (cursor: string | null) => {
    const q = query.trim();
    if (!q) return;
    setBusy(true);
    try {
      const page = await searchMessages(q, id, cursor);
      setGroups((before) => (cursor && before ? mergePages(before, page) : page.groups));
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page" aria-labelledby="search-title" data-testid="search-page">
      <PageHeader id="search-title" title={heading} back={id ? `/chats/${id}` : "/chats"} />
      <div class="page-body">
        <form role="search" class="search-form" onSubmit={(e) => { e.preventDefault(); run(null); }}>
          <label for="search-q" class="sr-only">{t("search.label")}</label>
          <input id="search-q" type="search" placeholder={t("search.label")} value={query} ref={box}
            onInput={(e) => setQuery(e.currentTarget.value)} />
          <button type="submit" class="primary" disabled={busy || !query.trim()}>{t("search.go")}</button>
        </form>
        {error && <p class="error" role="alert">{error}</p>}
        <div aria-live="polite">
          {groups && groups.length === 0 && <p class="muted">{t("search.none")}</p>}
        </div>
        {groups?.map((g) => <Group key={g.conversationId} g={g} />)}
        {next && <button type="button" class="link" disabled={busy} onClick={() => run(next)}>{t("search.more")}</button>}
      </div>
    </section>
  );
}

function Group({ g }: { g: MessageSearchGroup }) {
  const c = conversations.get(g.conversationId);
  const name = c ? title(c) : g.peerUserId ? displayName(g.peerUserId) : t("search.unknownChat");
  return (
    <section class="search-group" aria-label={name} data-testid="search-group">
      <h2 class="section-title">{name}</h2>
      <ul class="search-hits" role="list">
        {g.hits.map((h) => (
          <li key={h.seq}>
            <button type="button" class="search-hit" data-testid="search-hit" onClick={() => navigate(`/chats/${g.conversationId}/at/${h.seq}`)}>
              <span class="search-hit-meta">{displayName(h.senderId)} · {dateTime(h.sentAt)}</span>
              <span class="search-hit-text"><Snippet parts={h.snippet} /></span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
