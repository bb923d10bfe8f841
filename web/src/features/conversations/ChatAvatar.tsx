import type { Conversation } from "../../core/conversations";
import { Avatar } from "../../app/Avatar";
import { Icon } from "../../app/Icon";

/** A chat's picture: the other person's in a direct chat, the group photo (or the group's initials) in a group. */
export function ChatAvatar({ c, name, online, size = 40 }: { c: Conversation; name: string; online?: boolean; size?: number }) {
  // An official channel: a megaphone, so it never passes for a person or a group.
  if (c.kind === "Channel") {
    return (
      <span class="avatar channel-avatar" data-testid="channel-icon" style={{ width: `${size}px`, height: `${size}px` }} aria-hidden="true">
        <Icon name="megaphone" size={Math.round(size * 0.55)} />
      </span>
    );
  }
  const picture = c.kind === "Group" && c.photoVersion > 0 ? groupPhotoUrl(c) : null;
  return <Avatar userId={c.kind === "Direct" ? c.peerUserId : null} seed={c.id} name={name} online={online} size={size} picture={picture} />;
}

export function groupPhotoUrl(c: Conversation): string {
  return `/api/conversations/${c.id}/photo?v=${c.photoVersion}`;
}
