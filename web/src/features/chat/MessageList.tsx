import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { jumpTo } from "../../core/jump";
import { useChatState, type Conversation } from "../../core/conversations";
import { day } from "../../core/format";
import type { ChatMessage } from "../../core/types";
import { t } from "../../i18n/i18n";
import { entrySummary } from "../conversations/title";
import { MessageBubble } from "./MessageBubble";
import { PendingBubble } from "./PendingBubble";
import { passes } from "../channels/filter";
import { FilterChip } from "../channels/FilterChip";

interface Props {
  c: Conversation;
  me: string;
  onReply(m: ChatMessage): void;
  onEdit(m: ChatMessage): void;
  onDelete(m: ChatMessage): Promise<void>;
  onForward(m: ChatMessage): void;
  onOlder(): Promise<boolean>;
  /** A message to show in context (opened from search): scrolled into view once loaded, briefly highlighted. */
  at?: number;
}

/**
 * Entries in seq order with a separator per day. Stays pinned to the bottom while the reader is there;
 * reaching the top loads the page before, keeping what the reader looks at in place.
 */
export function MessageList({ c, me, onReply, onEdit, onDelete, onForward, onOlder, at }: Props) {
  useChatState();
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLLIElement>(null);
  const pinned = useRef(at === undefined);
  const shown = useRef(false);
  // The scroll height when an older page was asked for, and the oldest seq then: applied only once that page is in,
  // so a render in between (the loading flag itself, a live message, typing) does not spend it too early.
  const before = useRef<{ height: number; oldest: number | null } | null>(null);
  const [loading, setLoading] = useState(false);
  // Where the unread began when the chat was opened: the divider stays there while the chat is open.
  const [readAtOpen] = useState(c.readSeq);
  // Scrolled up: the seq that was newest then, so the "jump to newest" button can count what came since.
  const [awayFrom, setAwayFrom] = useState<number | null>(null);
  const entries = [...c.entries.values()].filter((m) => c.kind !== "Channel" || passes(m, c.id)).sort((a, b) => a.seq - b.seq);
  const fromOthers = (m: ChatMessage) => m.kind === "Text" && m.senderId !== me;
  const unreadAtOpen = entries.filter((m) => m.seq > readAtOpen && fromOthers(m));
  const firstUnread = unreadAtOpen[0]?.seq ?? null;
  const newSinceAway = awayFrom === null ? 0 : entries.filter((m) => m.seq > awayFrom && fromOthers(m)).length;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const target = at !== undefined && !shown.current ? el.querySelector<HTMLElement>(`[data-seq="${at}"]`) : null;
    if (target) {
      shown.current = true;
      before.current = null;
      target.scrollIntoView({ block: "center" });
      // The mark stays (a test and a screen reader can find it); the highlight itself is a CSS animation.
      target.dataset.found = "true";
      target.focus({ preventScroll: true });
    } else if (before.current !== null && before.current.oldest !== c.oldestLoaded) {
      el.scrollTop += el.scrollHeight - before.current.height;
      before.current = null;
    } else if (pinned.current && before.current === null) {
      el.scrollTop = el.scrollHeight;
    }
  });

  useEffect(() => {
    const el = scroller.current;
    const sentinel = top.current;
    if (!el || !sentinel) return;
    const observer = new IntersectionObserver(async ([hit]) => {
      if (!hit.isIntersecting || loading || c.historyComplete || c.oldestLoaded === null) return;
      setLoading(true);
      before.current = { height: el.scrollHeight, oldest: c.oldestLoaded };
      try {
        await onOlder();
        // Nothing older came (the history was whole): nothing to keep in place.
        if (before.current?.oldest === c.oldestLoaded) before.current = null;
      } finally {
        setLoading(false);
      }
    }, { root: el, rootMargin: "200px 0px 0px 0px" });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [c.id, c.historyComplete, c.oldestLoaded, loading]);

  // A clicked quote or an opened star: older pages load until the message is there, then it is shown and flashed.
  const target = jumpTo.value;
  useEffect(() => {
    if (!target || target.conversationId !== c.id) return;
    jumpTo.value = null;
    void (async () => {
      const find = () => scroller.current?.querySelector<HTMLElement>(`[data-seq="${target.seq}"]`);
      for (let pages = 0; !find() && pages < 20; pages++) if (!(await onOlder())) break;
      const el = find();
      if (!el) return;
      pinned.current = false;
      el.scrollIntoView({ block: "center" });
      el.classList.add("flash");
      el.focus({ preventScroll: true });
      window.setTimeout(() => el.classList.remove("flash"), 1600);
    })();
  }, [target, c.id]);

  const onScroll = () => {
    const el = scroller.current!;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (pinned.current) setAwayFrom(null);
    else if (awayFrom === null) setAwayFrom(entries[entries.length - 1]?.seq ?? 0);
  };

  const toNewest = () => {
    const el = scroller.current!;
    el.scrollTop = el.scrollHeight;
    pinned.current = true;
    setAwayFrom(null);
  };

  let lastDay = "";
  return (
    <div class="messages-wrap">
    {c.kind === "Channel" && <FilterChip channelId={c.id} />}
    <div class="messages" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label={t("chat.history")}>
      <ol class="message-list" aria-live="polite" aria-relevant="additions">
        <li ref={top} class="history-edge" aria-hidden={!c.historyComplete}>
          {c.historyComplete ? t("chat.beginning") : loading ? t("chat.loadingOlder") : ""}
        </li>
        {entries.map((m) => {
          const d = day(m.sentAt);
          const separator = d !== lastDay ? <li class="day" key={`day-${m.seq}`}><span>{d}</span></li> : null;
          lastDay = d;
          const divider = m.seq === firstUnread
            ? <li class="unread-divider" key={`unread-${m.seq}`} data-testid="unread-divider"><span>{t("chat.unreadDivider", { count: unreadAtOpen.length })}</span></li>
            : null;
          return [
            separator,
            divider,
            m.kind === "Text"
              ? <MessageBubble key={m.seq} c={c} m={m} me={me} onReply={onReply} onEdit={onEdit} onDelete={onDelete} onForward={onForward} />
              : <li key={m.seq} class="system" data-testid="system-entry"><span>{entrySummary(m)}</span></li>,
          ];
        })}
        {c.pending.map((p) => <PendingBubble key={p.clientMessageId} conversationId={c.id} p={p} />)}
      </ol>
    </div>
    {awayFrom !== null && (
      <button type="button" class="jump-newest" data-testid="jump-newest" onClick={toNewest}
        aria-label={newSinceAway > 0 ? t("chat.jumpNewestCount", { count: newSinceAway }) : t("chat.jumpNewest")}>
        <span aria-hidden="true">↓</span>
        {newSinceAway > 0 && <span class="badge" data-testid="jump-newest-count">{newSinceAway}</span>}
      </button>
    )}
    </div>
  );
}
