import type { Conversation } from "../../core/conversations";
import { Avatar } from "../../app/Avatar";
import { Icon } from "../../app/Icon";

/** A chat's picture: the other person's in a direct chat, the group photo (or the group's initials) in a group. */
export function ChatAvatar({ c, name, online, size = 40 }: { c: Conversation; name: string; online?: boolean; size?: number }) {
  if (c.kind === "Channel") return <ChannelAvatar id={c.id} name={name} photoVersion={c.photoVersion} size={size} />;
  const picture = c.kind === "Group" && c.photoVersion > 0 ? chatPhotoUrl(c.id, c.photoVersion) : null;
  return <Avatar userId={c.kind === "Direct" ? c.peerUserId : null} seed={c.id} name={name} online={online} size={size} picture={picture} />;
}

/** An official channel: its picture once its admins set one, else a megaphone, so it never passes for a person or a group. */
export function ChannelAvatar({ id, name, photoVersion, size = 40 }: { id: string; name: string; photoVersion: number; size?: number }) {
  if (photoVersion > 0) return <Avatar seed={id} name={name} size={size} picture={chatPhotoUrl(id, photoVersion)} />;
  return (
    <span class="avatar channel-avatar" data-testid="channel-icon" style={{ width: `${size}px`, height: `${size}px` }} aria-hidden="true">
      <Icon name="megaphone" size={Math.round(size * 0.55)} />
    </span>
  );
}

/** A group's or a channel's picture: one route for both; the version in the address busts the cache on each change. */
export function chatPhotoUrl(id: string, version: number): string {
  return `/api/conversations/${id}/photo?v=${version}`;
}
