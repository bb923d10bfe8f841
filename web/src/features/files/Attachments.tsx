import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Conversation } from "../../core/conversations";
import { describe } from "../../core/errors";
import { downloadUrl, dropFileLink, fileLink, useFileLink } from "../../core/fileLinks";
import type { Attachment, ChatMessage, FileVariant } from "../../core/types";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { clock, fileSize, previewable, typeLabel } from "./fileFormat";
import { openViewer } from "./viewer";
import { VoiceNote } from "./VoiceNote";

/** A message's files: photos and videos as a grid, then voice notes and audio, then documents. */
export function Attachments({ c, m }: { c: Conversation; m: ChatMessage }) {
  const list = m.attachments ?? [];
  const visual = list.filter((a) => a.kind === "Image" || a.kind === "Video");
  const sound = list.filter((a) => a.kind === "Voice" || a.kind === "Audio");
  const documents = list.filter((a) => a.kind === "File");
  const single = visual.length === 1;
  return (
    <div class="attachments" data-testid="attachments">
      {visual.length > 0 && (
        <div class={single ? "media-grid single" : "media-grid"}>
          {visual.map((a) => a.kind === "Image"
            ? <ImageTile key={a.blobId} c={c} seq={m.seq} a={a} single={single} />
            : <VideoTile key={a.blobId} c={c} seq={m.seq} a={a} single={single} />)}
        </div>
      )}
      {sound.map((a) => <VoiceNote key={a.blobId} conversationId={c.id} seq={m.seq} a={a} />)}
      {documents.map((a) => <FileCard key={a.blobId} conversationId={c.id} seq={m.seq} a={a} />)}
    </div>
  );
}

/** The box a lone photo or video takes before a byte of it loads, from its dimensions: the list does not jump. */
export function fit(width?: number | null, height?: number | null): { w: number; h: number } {
  if (!width || !height) return { w: 240, h: 240 };
  const scale = Math.min(1, 280 / width, 300 / height);
  return { w: Math.max(90, Math.round(width * scale)), h: Math.max(60, Math.round(height * scale)) };
}

function boxStyle(a: Attachment, single: boolean) {
  if (!single) return undefined;
  const size = fit(a.width, a.height);
  return { width: `${size.w}px`, aspectRatio: `${size.w} / ${size.h}` };
}

/** The smallest picture the server made of it, for tiles and lists. */
export function tileVariant(a: Attachment): FileVariant {
  return a.hasThumbnail ? "Thumbnail" : a.hasPreview ? "Preview" : "Original";
}

/**
 * A picture through its link; the placeholder (a few pixels, blurred) stands in until it loads. A link that fails
 * (expired while the tab slept) is made again once.
 */
export function TilePicture({ conversationId, seq, a, variant }: { conversationId: string; seq: number; a: Attachment; variant: FileVariant }) {
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const { url } = useFileLink(conversationId, seq, a.blobId, variant, true, attempt);
  return (
    <>
      {a.placeholder && !loaded && <img class="placeholder" src={`data:image/webp;base64,${a.placeholder}`} alt="" aria-hidden="true" />}
      {url && (
        <img class={loaded ? "thumb loaded" : "thumb"} src={url} alt="" draggable={false}
          onLoad={() => setLoaded(true)}
          onError={() => {
            if (attempt > 0) return;
            dropFileLink(conversationId, seq, a.blobId, variant);
            setAttempt(1);
          }} />
      )}
    </>
  );
}

export function ImageTile({ c, seq, a, single }: { c: Conversation; seq: number; a: Attachment; single: boolean }) {
  return (
    <button type="button" class="media-tile" data-testid="image-tile" style={boxStyle(a, single)} aria-label={t("files.openImage", { name: a.name })}
      onClick={(e) => openViewer({ conversationId: c.id, seq, blobId: a.blobId, mode: "image", opener: e.currentTarget })}>
      <TilePicture conversationId={c.id} seq={seq} a={a} variant={tileVariant(a)} />
    </button>
  );
}

/** The first frame as a poster; a click plays the video right there, from its link (the cookie lets <video> in). */
export function VideoTile({ c, seq, a, single }: { c: Conversation; seq: number; a: Attachment; single: boolean }) {
  const [playing, setPlaying] = useState(false);
  const poster = useFileLink(c.id, seq, a.blobId, "Thumbnail", a.hasThumbnail);
  const original = useFileLink(c.id, seq, a.blobId, "Original", playing);
  const video = useRef<HTMLVideoElement>(null);
  // The button that was clicked is gone: focus goes to the player that took its place.
  useLayoutEffect(() => {
    if (playing && original.url) video.current?.focus();
  }, [playing, original.url]);
  if (playing && original.url) {
    return (
      <video ref={video} class="media-tile" data-testid="video-player" style={boxStyle(a, single)} src={original.url} poster={poster.url ?? undefined}
        controls autoPlay playsInline aria-label={a.name} />
    );
  }
  return (
    <button type="button" class="media-tile video-tile" data-testid="video-tile" style={boxStyle(a, single)} aria-label={t("files.playVideo", { name: a.name })}
      onClick={() => setPlaying(true)}>
      {a.hasThumbnail && <TilePicture conversationId={c.id} seq={seq} a={a} variant="Thumbnail" />}
      <span class="play-mark" aria-hidden="true"><Icon name="play" size={28} /></span>
      {a.durationMs ? <span class="tile-duration" aria-hidden="true">{clock(a.durationMs)}</span> : null}
      {original.error && <span class="tile-error" role="alert">{original.error}</span>}
    </button>
  );
}

/**
 * Asks first when no scanner checked the file (the agency allows unscanned files), then does what was asked. The
 * question takes focus; answering no gives it back to the button that asked.
 */
export function useUnscannedGuard(unscanned: boolean) {
  const [asking, setAsking] = useState<{ yes: string; action(): void; opener: HTMLElement } | null>(null);
  const run = (yes: string, opener: HTMLElement, action: () => void) => (unscanned ? setAsking({ yes, action, opener }) : action());
  const prompt = asking && (
    <UnscannedPrompt yes={asking.yes}
      onYes={() => { setAsking(null); asking.action(); }}
      onNo={() => { setAsking(null); asking.opener.focus(); }} />
  );
  return { run, prompt };
}

let promptIds = 0;

function UnscannedPrompt({ yes, onYes, onNo }: { yes: string; onYes(): void; onNo(): void }) {
  const [id] = useState(() => `unscanned-${++promptIds}`);
  const first = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);
  return (
    <div class="unscanned-prompt" role="alertdialog" aria-labelledby={id} data-testid="unscanned-warning"
      onKeyDown={(e) => { if (e.key === "Escape") { e.stopPropagation(); onNo(); } }}>
      <p id={id}>{t("files.unscanned")}</p>
      <span class="dialog-actions">
        <button type="button" ref={first} class="small" onClick={onYes}>{yes}</button>
        <button type="button" class="small" onClick={onNo}>{t("common.cancel")}</button>
      </span>
    </div>
  );
}

/** Saves the file under its real name (the gateway's Content-Disposition; `download` says the same). */
export async function download(conversationId: string, seq: number, a: Attachment) {
  const link = await fileLink(conversationId, seq, a.blobId, "Original");
  const anchor = document.createElement("a");
  anchor.href = downloadUrl(link.url);
  anchor.download = a.name;
  anchor.rel = "noopener";
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** A document: its type, name and size; a PDF opens in the viewer, anything downloads under its real name. */
export function FileCard({ conversationId, seq, a }: { conversationId: string; seq: number; a: Attachment }) {
  const [error, setError] = useState<string | null>(null);
  const guard = useUnscannedGuard(a.unscanned);
  const label = typeLabel(a.contentType, a.name);
  const save = () => {
    setError(null);
    download(conversationId, seq, a).catch((e) => setError(describe(e)));
  };
  return (
    <div class="file-card" data-testid="file-card">
      <span class="file-icon" aria-hidden="true"><Icon name="file" size={30} /><span>{label}</span></span>
      <span class="file-text">
        <span class="file-name" title={a.name}>{a.name}</span>
        <span class="muted">{fileSize(a.size)} · {label}{a.unscanned ? ` · ${t("files.unscannedMark")}` : ""}</span>
      </span>
      <span class="file-buttons">
        {previewable(a.contentType) && (
          <button type="button" class="icon-button small" aria-label={t("files.openNamed", { name: a.name })} title={t("files.open")}
            data-testid="file-open"
            onClick={(e) => {
              const opener = e.currentTarget;
              guard.run(t("files.openAnyway"), opener, () => openViewer({ conversationId, seq, blobId: a.blobId, mode: "pdf", opener }));
            }}>
            <Icon name="external" />
          </button>
        )}
        <button type="button" class="icon-button small" aria-label={t("files.downloadNamed", { name: a.name })} title={t("files.download")}
          data-testid="file-download" onClick={(e) => guard.run(t("files.downloadAnyway"), e.currentTarget, save)}>
          <Icon name="download" />
        </button>
      </span>
      {guard.prompt}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
