import { useEffect, useState } from "preact/hooks";
import { accessToken } from "../core/session";
import { initials } from "../core/format";
import { person } from "../core/people";

/** A person's picture, or their initials on a colour derived from their id. */
/** userId: a person (their photo when they have one); seed: colours a group by its id instead. */
/** picture: a group's photo URL, for a group (a person's comes from their card). */
export function Avatar({ userId, seed, name, online, size = 40, picture }: {
  userId?: string | null; seed?: string; name: string; online?: boolean; size?: number; picture?: string | null;
}) {
  const profile = person(userId);
  const hue = [...(userId ?? seed ?? name)].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7);
  const photo = picture ?? (profile && profile.photoVersion > 0 ? `/api/users/${profile.userId}/photo?v=${profile.photoVersion}` : null);
  return (
    <span class="avatar" data-hue={hue % 12} style={{ width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.4)}px` }} aria-hidden="true">
      {photo ? <AuthImage src={photo} /> : <span>{initials(name)}</span>}
      {online && <span class="avatar-online" />}
    </span>
  );
}

/** Pictures need the bearer token, which an <img src> cannot send: fetched once per version, shown as a blob URL. */
const photos = new Map<string, Promise<string | null>>();

function photoUrl(src: string): Promise<string | null> {
  let url = photos.get(src);
  if (!url) {
    url = (async () => {
      const response = await fetch(src, { headers: { authorization: `Bearer ${await accessToken()}` } });
      return response.ok ? URL.createObjectURL(await response.blob()) : null;
    })().catch(() => null);
    photos.set(src, url);
  }
  return url;
}

function AuthImage({ src }: { src: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void photoUrl(src).then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [src]);
  return url ? <img src={url} alt="" /> : null;
}
