import { useEffect, useState } from "preact/hooks";
import { accessToken } from "../core/session";
import { initials } from "../core/format";
import { person } from "../core/people";

/** A person's picture, or their initials on a colour derived from their id. */
/** userId: a person (their photo when they have one); seed: colours a group by its id instead. */
export function Avatar({ userId, seed, name, online, size = 40 }: { userId?: string | null; seed?: string; name: string; online?: boolean; size?: number }) {
  const profile = person(userId);
  const hue = [...(userId ?? seed ?? name)].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7);
  const photo = profile && profile.photoVersion > 0 ? `/api/users/${profile.userId}/photo?v=${profile.photoVersion}` : null;
  return (
    <span class="avatar" data-hue={hue % 12} style={{ width: `${size}px`, height: `${size}px` }} aria-hidden="true">
      {photo ? <AuthImage src={photo} /> : <span>{initials(name)}</span>}
      {online && <span class="avatar-online" />}
    </span>
  );
}

/** Pictures need the bearer token, which an <img src> cannot send: fetch them and show a blob URL. */
function AuthImage({ src }: { src: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    void (async () => {
      const response = await fetch(src, { headers: { authorization: `Bearer ${await accessToken()}` } });
      if (!response.ok || !live) return;
      objectUrl = URL.createObjectURL(await response.blob());
      setUrl(objectUrl);
    })();
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [src]);
  return url ? <img src={url} alt="" /> : null;
}
