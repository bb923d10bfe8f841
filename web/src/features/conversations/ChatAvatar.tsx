import type { Conversation } from "../../core/conversations";
import { Avatar } from "../../app/Avatar";

/** A chat's picture: the other person's in a direct chat, the group photo (or the group's initials) in a group. */
export function ChatAvatar({ c, name, online, size }: { c: Conversation; name: string; online?: boolean; size?: number }) {
  const picture = c.kind === "Group" && c.photoVersion > 0 ? groupPhotoUrl(c) : null;
  return <Avatar userId={c.kind === "Direct" ? c.peerUserId : null} seed={c.id} name={name} online={online} size={size} picture={picture} />;
}

export function groupPhotoUrl(c: Conversation): string {
  return `/api/conversations/${c.id}/photo?v=${c.photoVersion}`;
}
