import { useEffect, useRef, useState } from "preact/hooks";
import { loadMoreConversations, nextConversations, presence } from "../../core/chat";
import { conversations, useChatState, type Conversation } from "../../core/conversations";
import { short } from "../../core/format";
import { navigate, path } from "../../core/router";
import { Avatar } from "../../app/Avatar";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { lastEntrySummary, title } from "./title";
import { draftOf } from "../../core/drafts";

/** Newest first, with unread counts, the last message and the peer's presence; filtered by the search box. */
export function ConversationList() {
  useChatState();
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const list = [...conversations.values()]
    .filter((c) => !q || title(c).toLowerCase().includes(q))
    .sort((a, b) => lastAt(b) - lastAt(a));
  return (
    <section class="conversations" aria-label={t("conversations.title")}>
      <div class="search">
        <input type="search" placeholder={t("conversations.search")} aria-label={t("conversations.search")}
          value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="button" class="icon-button" onClick={() => navigate("/search")} aria-label={t("search.title")} data-testid="search-messages">
          <Icon name="search" />
        </button>
      </div>
      {list.length === 0 && <p class="muted pad">{q ? t("conversations.noMatch") : t("conversations.empty")}</p>}
      <ul class="conversation-list" role="list">
        {list.map((c) => <Row key={c.id} c={c} />)}
      </ul>
      {nextConversations.value && <More cursor={nextConversations.value} />}
    </section>
  );
}

function Row({ c }: { c: Conversation }) {
  useChatState();
  const name = title(c);
  const href = `/chats/${c.id}`;
  const online = c.peerUserId ? presence.value.get(c.peerUserId)?.status === "Online" : false;
  const last = c.lastMessage;
  const draft = c.removed ? "" : draftOf(c.id);
  const preview = draft ? t("drafts.preview", { text: draft }) : lastEntrySummary(c);
  const unread = unreadLabel(c.unread);
  return (
    <li>
      <a href={href} class="conversation" aria-current={path.value.startsWith(href) ? "page" : undefined}
        data-testid="conversation" data-conversation-id={c.id}
        onClick={(e) => { e.preventDefault(); navigate(href); }}>
        <Avatar userId={c.kind === "Direct" ? c.peerUserId : null} seed={c.id} name={name} online={online} />
        <span class="conversation-body">
          <span class="conversation-top">
            <span class="conversation-name" title={name}>{name}</span>
            {/* Heard, not seen: the name a screen reader reads is the row's own text, so what it says matches what is shown. */}
            {online && <span class="sr-only">, {t("presence.online")}</span>}
            {last && <time class="conversation-time" dateTime={last.sentAt}>{short(last.sentAt)}</time>}
          </span>
          <span class="conversation-bottom">
            <span class={draft ? "conversation-preview draft" : "conversation-preview"}>{c.removed ? t("chat.removedShort") : preview}</span>
            {c.unread > 0 && <><span class="unread" data-testid="unread">{unread}</span><span class="sr-only"> {t("conversations.unreadWord")}</span></>}
          </span>
        </span>
      </a>
    </li>
  );
}

/** The server counts unread up to 100 (more is not worth counting): anything over 99 shows as "99+". */
function unreadLabel(count: number): string {
  return count > 99 ? "99+" : String(count);
}

/** The end of the loaded list: when it scrolls into view, the next page loads. */
function More({ cursor }: { cursor: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // A new observer per page: it reports at once if the end is still in view after the page came.
    const observer = new IntersectionObserver((seen) => { if (seen.some((e) => e.isIntersecting)) void loadMoreConversations(); });
    observer.observe(el);
    return () => observer.disconnect();
  }, [cursor]);
  return <p ref={ref} class="muted pad" data-testid="more-conversations">{t("conversations.loadingMore")}</p>;
}

function lastAt(c: Conversation): number {
  return c.lastMessage ? Date.parse(c.lastMessage.sentAt) : 0;
}
