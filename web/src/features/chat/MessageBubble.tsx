import { useState } from "preact/hooks";
import { current } from "../../core/chat";
import { useChatState, type Conversation } from "../../core/conversations";
import { time } from "../../core/format";
import { displayName } from "../../core/people";
import type { ChatMessage } from "../../core/types";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { navigate } from "../../core/router";
import { jump } from "../../core/jump";
import { isStarred, setStar } from "../../core/stars";
import { progressOf, tickFor } from "./ticks";
import { MessageText } from "./MessageText";
import { ReactionChips, ReactionMenu } from "./ReactionBar";
import { useSwipeToReply } from "./swipeToReply";
import { Attachments } from "../files/Attachments";
import { attachmentSummary } from "../conversations/title";
import { channelApi, channelInfos } from "../../core/channels";
import { person } from "../../core/people";
import { session } from "../../core/session";
import { BroadcastFooter, ClassificationBanner } from "../channels/Classification";
import { BroadcastStatsPanel } from "../channels/BroadcastStatsPanel";
import { VerificationBadge } from "../channels/VerificationBadge";
import { Watermark } from "../channels/Watermark";

interface Props {
  c: Conversation;
  m: ChatMessage;
  me: string;
  onReply(m: ChatMessage): void;
  onEdit(m: ChatMessage): void;
  onDelete(m: ChatMessage): Promise<void>;
  onForward(m: ChatMessage): void;
}

/** One message. Its text is always rendered as text: nothing a sender types can become markup. */
export function MessageBubble({ c, m, me, onReply, onEdit, onDelete, onForward }: Props) {
  useChatState();
  const [confirming, setConfirming] = useState(false);
  const [reacting, setReacting] = useState(false);
  const [statsOpen, setStatsOpen] = useState(false);
  // A channel's entries are broadcasts: read and reacted to, never replied to, edited or deleted by a subscriber.
  const channel = c.kind === "Channel";
  const seal = m.broadcast ?? null;
  const channelAdmin = channel && !!channelInfos.value.get(c.id)?.isAdmin;
  const myName = person(me)?.displayName ?? session.value?.account.displayName ?? "";
  const starredNow = isStarred(c.id, m.seq);
  const mentionsMe = !!m.mentions?.includes(me);
  const mine = m.senderId === me;
  const shown = current(c, m);
  const quoted = m.replyToSeq ? c.entries.get(m.replyToSeq) : undefined;
  const tick = mine ? tickFor(c, m.seq, me) : null;
  const readBy = mine && c.kind === "Group" ? progressOf(c, m.seq, me).read ?? 0 : 0;
  const swipe = useSwipeToReply(() => onReply(m), !shown.deleted && !channel);
  return (
    <li class={`message ${mine ? "mine" : "theirs"}${mentionsMe ? " mentions-me" : ""}`} data-testid="message" data-seq={m.seq} tabIndex={-1}
      onKeyDown={(e) => {
        // A focused message answers R with a reply, like the reply button.
        if (e.target === e.currentTarget && (e.key === "r" || e.key === "R") && !shown.deleted) { e.preventDefault(); onReply(m); }
      }}>
      <div class={`${swipe.offset > 0 ? "bubble swiping" : "bubble"}${seal ? " broadcast" : ""}`} {...swipe.handlers} data-testid="bubble"
        style={swipe.offset > 0 ? { transform: `translateX(${swipe.offset}px)` } : undefined}
        // A protected broadcast's text was copied: the channel's audit log keeps who did (the copy keeps its marks).
        onCopy={seal?.marked ? () => void channelApi.recordCopy(c.id, m.seq).catch(() => undefined) : undefined}>
        {seal && <ClassificationBanner level={seal.level} />}
        {!mine && c.kind === "Group" && <span class="sender">{displayName(m.senderId)}</span>}
        {m.forwarded && <span class="forwarded" data-testid="forwarded">{t("chat.forwarded")}</span>}
        {m.replyToSeq && (
          <button type="button" class="quote" data-testid="quote" onClick={() => jump(c.id, m.replyToSeq!)}
            aria-label={t("chat.jumpToQuote", { name: quoted ? displayName(quoted.senderId) : t("chat.olderMessage") })}>
            <span class="sender">{quoted ? displayName(quoted.senderId) : ""}</span>
            <span>{quoted ? quoteText(c, quoted) : t("chat.olderMessage")}</span>
          </button>
        )}
        {!shown.deleted && m.attachments?.length ? <Attachments c={c} m={m} /> : null}
        {shown.deleted
          ? <span class="text deleted" data-testid="message-text">{t("chat.deleted")}</span>
          : (shown.text || !m.attachments?.length) && <span class="text" data-testid="message-text"><MessageText text={shown.text ?? ""} mentions={m.mentions} me={me} /></span>}
        {seal && <BroadcastFooter seal={seal} channelId={c.kind === "Channel" ? c.id : undefined} />}
        {seal && <VerificationBadge m={m} />}
        {seal && statsOpen && <BroadcastStatsPanel channelId={c.id} seq={m.seq} />}
        {!shown.deleted && <ReactionChips c={c} seq={m.seq} me={me} />}
        <span class="meta">
          {starredNow && <span class="star-mark" role="img" aria-label={t("chat.starred")} data-testid="star-mark">★</span>}
          {shown.edited && <span class="edited">{t("chat.edited")}</span>}
          {readBy > 0 && <span class="read-by" data-testid="read-by">{t("chat.readBy", { count: readBy })}</span>}
          <time dateTime={m.sentAt}>{time(m.sentAt)}</time>
          {tick && <span class={`ticks ticks-${tick}`} data-testid="ticks" data-state={tick} role="img" aria-label={t(`chat.ticks.${tick}`)}>
            {tick === "sent" ? "✓" : "✓✓"}
          </span>}
        </span>
        {seal?.marked && seal.deliveryCode && <Watermark name={myName} code={seal.deliveryCode} />}
      </div>
      {!shown.deleted && (
        <div class="message-actions">
          {reacting ? <ReactionMenu c={c} seq={m.seq} me={me} onClose={() => setReacting(false)} /> : confirming ? (
            <>
              <button type="button" class="danger small" onClick={() => void onDelete(m).finally(() => setConfirming(false))}>{t("chat.confirmDelete")}</button>
              <button type="button" class="small" onClick={() => setConfirming(false)}>{t("common.cancel")}</button>
            </>
          ) : (
            <>
              {seal && channelAdmin && (
                <button type="button" class="small" aria-expanded={statsOpen} onClick={() => setStatsOpen(!statsOpen)} data-testid="stats-button">{t("channels.stats")}</button>
              )}
              {!channel && <button type="button" class="icon-button small" onClick={() => onReply(m)} aria-label={t("chat.reply")} title={t("chat.reply")}><Icon name="reply" size={16} /></button>}
              <button type="button" class="icon-button small" onClick={() => setReacting(true)} aria-label={t("chat.react")} title={t("chat.react")} data-testid="react-button"><Icon name="smile" size={16} /></button>
              <button type="button" class="icon-button small" onClick={() => onForward(m)} aria-label={t("chat.forward")} title={t("chat.forward")} data-testid="forward-button"><Icon name="forward" size={16} /></button>
              <button type="button" class="icon-button small" onClick={() => void setStar(c.id, m.seq, !starredNow).catch(() => undefined)}
                aria-pressed={starredNow} aria-label={t("chat.star")} title={t("chat.star")} data-testid="star-button"><Icon name="star" size={16} /></button>
              {mine && !channel && <button type="button" class="icon-button small" onClick={() => navigate(`/chats/${c.id}/messages/${m.seq}`)} aria-label={t("chat.info")} title={t("chat.info")}><Icon name="info" size={16} /></button>}
              {mine && !channel && <button type="button" class="icon-button small" onClick={() => onEdit(m)} aria-label={t("chat.edit")} title={t("chat.edit")}><Icon name="edit" size={16} /></button>}
              {mine && !channel && <button type="button" class="icon-button small" onClick={() => setConfirming(true)} aria-label={t("chat.delete")} title={t("chat.delete")}><Icon name="trash" size={16} /></button>}
            </>
          )}
        </div>
      )}
    </li>
  );
}

/** A quoted message's text, or what it carries when it is files alone. */
function quoteText(c: Conversation, m: ChatMessage): string {
  const shown = current(c, m);
  if (shown.deleted) return t("chat.deleted");
  return shown.text || attachmentSummary(m);
}
