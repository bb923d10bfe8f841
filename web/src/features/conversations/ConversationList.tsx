import { useEffect, useRef, useState } from "preact/hooks";
import { loadMoreConversations, nextConversations, presence } from "../../core/chat";
import { isArchived, isMuted, mutedForever } from "../../core/chatPreferences";
import { conversations, useChatState, type Conversation } from "../../core/conversations";
import { short } from "../../core/format";
import { navigate, path } from "../../core/router";
import { ChatAvatar } from "./ChatAvatar";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { lastEntrySummary, title } from "./title";
import { draftOf } from "../../core/drafts";
import { ChatActions, useChatActions } from "./ChatActions";

/**
 * Pinned chats first (newest pin first), then newest first, with unread counts, the last message and the peer's
 * presence; filtered by the search box. Archived chats are behind the "Arkib" row, on their own list (/archived).
 */
export function ConversationList() {
  useChatState();
  const [query, setQuery] = useState("");
  const inArchive = path.value === "/archived";
  const q = query.trim().toLowerCase();
  const all = [...conversations.values()];
  const archived = all.filter(isArchived);
  const list = all
    .filter((c) => isArchived(c) === inArchive)
    .filter((c) => !q || title(c).toLowerCase().includes(q))
    .sort((a, b) => pinnedAt(b) - pinnedAt(a) || lastAt(b) - lastAt(a));
  return (
    <section class="conversations" aria-label={inArchive ? t("chatList.archived") : t("conversations.title")}>
      {inArchive && (
        <div class="archive-header">
          <button type="button" class="icon-button" onClick={() => navigate("/")} aria-label={t("chatList.back")} data-testid="archive-back">
            <Icon name="back" />
          </button>
          <h2>{t("chatList.archived")}</h2>
        </div>
      )}
      <div class="search">
        <input type="search" placeholder={t("conversations.search")} aria-label={t("conversations.search")}
          value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="button" class="icon-button" onClick={() => navigate("/search")} aria-label={t("search.title")} data-testid="search-messages">
          <Icon name="search" />
        </button>
      </div>
      {!inArchive && archived.length > 0 && (
        <button type="button" class="archive-entry" data-testid="archive-entry" onClick={() => navigate("/archived")}>
          <Icon name="archive" /> <span>{t("chatList.archivedCount", { count: archived.length })}</span>
        </button>
      )}
      {inArchive && <p class="muted pad small">{t("chatList.archivedHint")}</p>}
      {list.length === 0 && <p class="muted pad">{q ? t("conversations.noMatch") : inArchive ? t("chatList.archivedEmpty") : t("conversations.empty")}</p>}
      <ul class="conversation-list" role="list">
        {list.map((c) => <Row key={c.id} c={c} />)}
      </ul>
      {nextConversations.value && <More cursor={nextConversations.value} />}
    </section>
  );
}

function Row({ c }: { c: Conversation }) {
  useChatState();
  const { open, trigger, toggle, close } = useChatActions();
  const name = title(c);
  const href = `/chats/${c.id}`;
  const online = c.peerUserId ? presence.value.get(c.peerUserId)?.status === "Online" : false;
  const last = c.lastMessage;
  const draft = c.removed ? "" : draftOf(c.id);
  const preview = draft ? t("drafts.preview", { text: draft }) : lastEntrySummary(c);
  const unread = unreadLabel(c.unread);
  const muted = isMuted(c);
  return (
    <li class="conversation-item" data-pinned={c.pinnedAt !== null ? "" : undefined} data-muted={muted ? "" : undefined}>
      <div class="conversation-row">
        <a href={href} class="conversation" aria-current={path.value.startsWith(href) ? "page" : undefined}
          data-testid="conversation" data-conversation-id={c.id}
          onClick={(e) => { e.preventDefault(); navigate(href); }}>
          <ChatAvatar c={c} name={name} online={online} />
          <span class="conversation-body">
            <span class="conversation-top">
              <span class="conversation-name" title={name}>{name}</span>
              {c.kind === "Channel" && <span class="kind-label" data-testid="channel-label">{t("channels.label")}</span>}
              {/* Heard, not seen: the name a screen reader reads is the row's own text, so what it says matches what is shown. */}
              {online && <span class="sr-only">, {t("presence.online")}</span>}
              {last && <time class="conversation-time" dateTime={last.sentAt}>{short(last.sentAt)}</time>}
            </span>
            <span class="conversation-bottom">
              <span class={draft ? "conversation-preview draft" : "conversation-preview"}>{c.removed ? t("chat.removedShort") : preview}</span>
              {muted && (
                <span class="conversation-flag" data-testid="muted-flag"
                  title={mutedForever(c) ? t("chatList.mutedAlways") : t("chatList.mutedUntil", { time: short(c.mutedUntil!) })}>
                  <Icon name="muted" size={16} /><span class="sr-only">, {t("chatList.muted")}</span>
                </span>
              )}
              {c.pinnedAt !== null && (
                <span class="conversation-flag" data-testid="pinned-flag"><Icon name="pin" size={16} /><span class="sr-only">, {t("chatList.pinned")}</span></span>
              )}
              {c.unread > 0 && <><span class={muted ? "unread quiet" : "unread"} data-testid="unread">{unread}</span><span class="sr-only"> {t("conversations.unreadWord")}</span></>}
            </span>
          </span>
        </a>
        <button type="button" ref={trigger} class="icon-button small row-actions" aria-expanded={open} data-testid="chat-actions-button"
          aria-label={t("chatList.actions", { name })} onClick={toggle}>
          <Icon name="more" />
        </button>
      </div>
      {open && <ChatActions c={c} onClose={close} />}
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

function pinnedAt(c: Conversation): number {
  return c.pinnedAt ? Date.parse(c.pinnedAt) : 0;
}

function lastAt(c: Conversation): number {
  return c.lastMessage ? Date.parse(c.lastMessage.sentAt) : 0;
}
