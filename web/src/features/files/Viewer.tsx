import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { current } from "../../core/chat";
import { conversations, useChatState } from "../../core/conversations";
import { describe } from "../../core/errors";
import { useFileLink } from "../../core/fileLinks";
import { time } from "../../core/format";
import { displayName } from "../../core/people";
import type { Attachment, ChatMessage } from "../../core/types";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { download, useUnscannedGuard } from "./Attachments";
import { returnFocus, type ViewerRequest } from "./viewer";

interface Item {
  m: ChatMessage;
  a: Attachment;
}

/** The chat's photos held so far, oldest first: what the gallery steps through. */
function photosOf(conversationId: string): Item[] {
  const c = conversations.get(conversationId);
  if (!c) return [];
  return [...c.entries.values()]
    .filter((m) => m.kind === "Text" && !current(c, m).deleted)
    .sort((x, y) => x.seq - y.seq)
    .flatMap((m) => (m.attachments ?? []).filter((a) => a.kind === "Image").map((a) => ({ m, a })));
}

function find(conversationId: string, seq: number, blobId: string): Item | null {
  const m = conversations.get(conversationId)?.entries.get(seq);
  const a = m?.attachments?.find((x) => x.blobId === blobId);
  return m && a ? { m, a } : null;
}

/**
 * A modal dialog over the app: a photo at screen size with the chat's other photos a step away (buttons, arrow keys),
 * or a PDF in the browser's own viewer. Escape closes it and focus goes back to what opened it.
 */
export function Viewer({ request, onClose }: { request: ViewerRequest; onClose(): void }) {
  useChatState();
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [shown, setShown] = useState({ seq: request.seq, blobId: request.blobId });
  const gallery = request.mode === "image" ? photosOf(request.conversationId) : [];
  const item = find(request.conversationId, shown.seq, shown.blobId);
  const index = gallery.findIndex((x) => x.m.seq === shown.seq && x.a.blobId === shown.blobId);

  useLayoutEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    closeButton.current?.focus();
    return () => {
      el?.close();
      returnFocus(request.opener);
    };
  }, []);

  const step = (by: number) => {
    const next = gallery[index + by];
    if (next) setShown({ seq: next.m.seq, blobId: next.a.blobId });
  };

  return (
    <dialog ref={dialog} class={`viewer viewer-${request.mode}`} data-testid="viewer"
      aria-label={request.mode === "image" ? t("files.viewer") : t("files.pdfViewer", { name: item?.a.name ?? "" })}
      onCancel={(e) => { e.preventDefault(); onClose(); }}
      onKeyDown={(e) => {
        if (request.mode !== "image" || (e.target as HTMLElement).closest(".unscanned-prompt")) return;
        if (e.key === "ArrowLeft") { e.preventDefault(); step(-1); }
        if (e.key === "ArrowRight") { e.preventDefault(); step(1); }
      }}>
      <header class="viewer-bar">
        <span class="viewer-title">
          <span class="file-name">{item?.a.name}</span>
          {item && <span class="viewer-sub">{t("files.sentBy", { name: displayName(item.m.senderId), when: time(item.m.sentAt) })}</span>}
        </span>
        {request.mode === "image" && gallery.length > 1 && index >= 0 && (
          <span class="viewer-counter" aria-live="polite">{t("files.counter", { n: index + 1, total: gallery.length })}</span>
        )}
        {item && <ViewerActions conversationId={request.conversationId} item={item} pdf={request.mode === "pdf"} />}
        <button type="button" ref={closeButton} class="icon-button" aria-label={t("files.close")} data-testid="viewer-close" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div class="viewer-stage">
        {request.mode === "image" && gallery.length > 1 && (
          <button type="button" class="icon-button viewer-step previous" aria-label={t("files.previous")} disabled={index <= 0} onClick={() => step(-1)}>
            <Icon name="back" size={28} />
          </button>
        )}
        {item ? (request.mode === "image" ? <Photo conversationId={request.conversationId} item={item} /> : <Pdf conversationId={request.conversationId} item={item} />)
          : <p class="error" role="alert">{t("files.loadFailed")}</p>}
        {request.mode === "image" && gallery.length > 1 && (
          <button type="button" class="icon-button viewer-step next" aria-label={t("files.next")} disabled={index >= gallery.length - 1} onClick={() => step(1)}>
            <Icon name="next" size={28} />
          </button>
        )}
      </div>
      {item && request.mode === "image" && current(conversations.get(request.conversationId)!, item.m).text && (
        <p class="viewer-caption">{current(conversations.get(request.conversationId)!, item.m).text}</p>
      )}
    </dialog>
  );
}

/** Download under the real name, and for a PDF the same link in a tab of its own; an unscanned file asks first. */
function ViewerActions({ conversationId, item, pdf }: { conversationId: string; item: Item; pdf: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const guard = useUnscannedGuard(item.a.unscanned);
  const link = useFileLink(conversationId, item.m.seq, item.a.blobId, "Original", pdf);
  return (
    <>
      {pdf && link.url && (
        <a class="icon-button" href={link.url} target="_blank" rel="noopener noreferrer" aria-label={t("files.openInTab")} title={t("files.openInTab")}>
          <Icon name="external" />
        </a>
      )}
      <button type="button" class="icon-button" aria-label={t("files.downloadNamed", { name: item.a.name })} title={t("files.download")}
        onClick={(e) => guard.run(t("files.downloadAnyway"), e.currentTarget, () => {
          setError(null);
          download(conversationId, item.m.seq, item.a).catch((x) => setError(describe(x)));
        })}>
        <Icon name="download" />
      </button>
      {guard.prompt}
      {error && <p class="error" role="alert">{error}</p>}
    </>
  );
}

/** The screen-sized picture the server made (EXIF-free), over its blurred placeholder until it loads. */
function Photo({ conversationId, item }: { conversationId: string; item: Item }) {
  const { a, m } = item;
  const { url, error } = useFileLink(conversationId, m.seq, a.blobId, a.hasPreview ? "Preview" : "Original");
  const [loaded, setLoaded] = useState<string | null>(null);
  return (
    <figure class="viewer-photo">
      {a.placeholder && loaded !== url && <img class="placeholder" src={`data:image/webp;base64,${a.placeholder}`} alt="" aria-hidden="true" />}
      {url && <img class={loaded === url ? "photo loaded" : "photo"} src={url} alt={a.name} data-testid="viewer-image"
        width={a.width ?? undefined} height={a.height ?? undefined} onLoad={() => setLoaded(url)} />}
      {error && <p class="error" role="alert">{error}</p>}
    </figure>
  );
}

/** The browser's own PDF viewer in a frame; the gateway serves the file sandboxed, so nothing in it runs as GoChat. */
function Pdf({ conversationId, item }: { conversationId: string; item: Item }) {
  const { url, error } = useFileLink(conversationId, item.m.seq, item.a.blobId, "Original");
  return (
    <>
      {url && <iframe class="pdf-frame" src={url} title={t("files.pdfViewer", { name: item.a.name })} data-testid="pdf-frame" />}
      {error && <p class="error" role="alert">{error}</p>}
    </>
  );
}
