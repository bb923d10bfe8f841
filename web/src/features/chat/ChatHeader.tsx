import { presence, typingIn } from "../../core/chat";
import { isMuted } from "../../core/chatPreferences";
import { useChatState, type Conversation } from "../../core/conversations";
import { dateTime } from "../../core/format";
import { displayName } from "../../core/people";
import { navigate } from "../../core/router";
import { ChatActions, useChatActions } from "../conversations/ChatActions";
import { ChatAvatar } from "../conversations/ChatAvatar";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { title } from "../conversations/title";
import { channelInfos } from "../../core/channels";

/** The chat's name and state, and what to do with it: search in it, its details, and pin, mute or archive it. */
export function ChatHeader({ c }: { c: Conversation }) {
  useChatState();
  const { open, trigger, toggle, close } = useChatActions();
  const name = title(c);
  const peer = c.peerUserId ? presence.value.get(c.peerUserId) : undefined;
  const typers = typingIn(c);
  let sub = "";
  if (typers.length > 0) {
    sub = c.kind === "Direct" ? t("chat.typing") : t("chat.typingNamed", { name: typers.map(displayName).join(", ") });
  } else if (c.kind === "Direct") {
    sub = peer?.status === "Online" ? t("presence.online") : peer?.lastSeen ? t("presence.lastSeen", { when: dateTime(peer.lastSeen) }) : "";
  } else if (c.kind === "Channel") {
    sub = c.description ?? "";
  } else if (c.members) {
    sub = t("groups.memberCount", { count: c.members.length });
  }
  // Chat info for every kind: a group's members and details, the other person, or a channel's picture and audience.
  const channel = c.kind === "Channel" ? channelInfos.value.get(c.id) : undefined;
  const details = `/chats/${c.id}/info`;
  return (
    <>
    <header class="chat-header">
      <button type="button" class="icon-button back" onClick={() => navigate("/chats")} aria-label={t("nav.back")}>
        <Icon name="back" />
      </button>
      <button type="button" class="chat-title" onClick={() => details && navigate(details)}>
        <ChatAvatar c={c} name={name} online={peer?.status === "Online"} />
        <span class="chat-title-text">
          <h1>{name}</h1>
          <span class={`chat-sub ${typers.length ? "typing" : ""}`} aria-live="polite" data-testid="chat-sub">{sub}</span>
          {channel?.isAdmin && <span class="chat-sub" data-testid="subscriber-count">{t("channels.subscribers", { count: channel.subscribers })}</span>}
        </span>
        {isMuted(c) && <span class="header-flag" data-testid="header-muted"><Icon name="muted" size={16} /><span class="sr-only">, {t("chatList.muted")}</span></span>}
      </button>
      {c.kind !== "Channel" && <button type="button" class="icon-button" onClick={() => navigate(`/chats/${c.id}/search`)} aria-label={t("search.inChat", { name })}
        data-testid="search-in-chat">
        <Icon name="search" />
      </button>}
      {details && (
        <button type="button" class="icon-button" onClick={() => navigate(details)} aria-label={t("chat.details", { name })}>
          <Icon name="info" />
        </button>
      )}
      {!c.removed && (
        <button type="button" ref={trigger} class="icon-button" aria-expanded={open} data-testid="chat-header-actions"
          aria-label={t("chatList.actions", { name })} onClick={toggle}>
          <Icon name="more" />
        </button>
      )}
    </header>
    {open && <ChatActions c={c} onClose={close} />}
    </>
  );
}
