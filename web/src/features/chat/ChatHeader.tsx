import { presence, typingIn } from "../../core/chat";
import { useChatState, type Conversation } from "../../core/conversations";
import { dateTime } from "../../core/format";
import { displayName } from "../../core/people";
import { navigate } from "../../core/router";
import { ChatAvatar } from "../conversations/ChatAvatar";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { title } from "../conversations/title";

export function ChatHeader({ c }: { c: Conversation }) {
  useChatState();
  const name = title(c);
  const peer = c.peerUserId ? presence.value.get(c.peerUserId) : undefined;
  const typers = typingIn(c);
  let sub = "";
  if (typers.length > 0) {
    sub = c.kind === "Direct" ? t("chat.typing") : t("chat.typingNamed", { name: typers.map(displayName).join(", ") });
  } else if (c.kind === "Direct") {
    sub = peer?.status === "Online" ? t("presence.online") : peer?.lastSeen ? t("presence.lastSeen", { when: dateTime(peer.lastSeen) }) : "";
  } else if (c.members) {
    sub = t("groups.memberCount", { count: c.members.length });
  }
  const details = c.kind === "Group" ? `/chats/${c.id}/info` : c.peerUserId ? `/users/${c.peerUserId}` : null;
  return (
    <header class="chat-header">
      <button type="button" class="icon-button back" onClick={() => navigate("/chats")} aria-label={t("nav.back")}>
        <Icon name="back" />
      </button>
      <button type="button" class="chat-title" onClick={() => details && navigate(details)}>
        <ChatAvatar c={c} name={name} online={peer?.status === "Online"} />
        <span class="chat-title-text">
          <h1>{name}</h1>
          <span class={`chat-sub ${typers.length ? "typing" : ""}`} aria-live="polite" data-testid="chat-sub">{sub}</span>
        </span>
      </button>
      <button type="button" class="icon-button" onClick={() => navigate(`/chats/${c.id}/search`)} aria-label={t("search.inChat", { name })}
        data-testid="search-in-chat">
        <Icon name="search" />
      </button>
      {details && (
        <button type="button" class="icon-button" onClick={() => navigate(details)} aria-label={t("chat.details", { name })}>
          <Icon name="info" />
        </button>
      )}
    </header>
  );
}
