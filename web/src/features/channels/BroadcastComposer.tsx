import { useRef, useState } from "preact/hooks";
import { channelApi } from "../../core/channels";
import { describe } from "../../core/errors";
import { newClientId } from "../../core/ids";
import { session } from "../../core/session";
import { levels, type Level } from "../../core/types";
import { t } from "../../i18n/i18n";
import { BroadcastFooter, ClassificationBanner } from "./Classification";
import { parseTags } from "./tags";
import { Watermark } from "./Watermark";
import { attach, takeReady, trayOf } from "../../core/uploads";
import { Tray } from "../files/Tray";
import { Icon } from "../../app/Icon";

/** What a preview's overlay shows in place of a recipient's own delivery code. */
const sampleCode = "XXXXXXXXXXXXXXXXXXXX";

/** A channel admin's broadcast: level, tags and text, with a preview of what each recipient sees. */
export function BroadcastComposer({ channelId }: { channelId: string }) {
  const [level, setLevel] = useState<Level>("TERBUKA");
  const [tagText, setTagText] = useState("");
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per broadcast being written: a retry after a lost answer lands once.
  const [clientMessageId, setClientMessageId] = useState(newClientId);
  const tags = parseTags(tagText);
  const marked = level !== "TERBUKA";
  const fileInput = useRef<HTMLInputElement>(null);
  // The same tray as a chat's, keyed by the channel: files upload and are checked before the broadcast can go.
  const tray = trayOf(channelId);
  const waiting = tray.some((o) => o.phase !== "ready");
  const ready = (text.trim() || tray.length > 0) && !waiting;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    try {
      const files = tray.length > 0 ? takeReady(channelId).inputs : null;
      await channelApi.post({ channelId, clientMessageId, text, level, tags, attachments: files });
      setText("");
      setTagText("");
      setError(null);
      setClientMessageId(newClientId());
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="broadcast-composer" onSubmit={submit} data-testid="broadcast-composer" aria-label={t("channels.composer")}>
      <div class="broadcast-fields">
        <span class="field">
          <label for="broadcast-level">{t("channels.level")}</label>
          <select id="broadcast-level" value={level} onChange={(e) => setLevel(e.currentTarget.value as Level)} data-testid="broadcast-level">
            {levels.map((l) => <option key={l} value={l}>{t(`channels.levels.${l}`)}</option>)}
          </select>
        </span>
        <span class="field grow">
          <label for="broadcast-tags">{t("channels.tags")}</label>
          <input id="broadcast-tags" type="text" value={tagText} placeholder={t("channels.tagsHint")} onInput={(e) => setTagText(e.currentTarget.value)} data-testid="broadcast-tags-input" />
        </span>
      </div>
      <label class="sr-only" for="broadcast-text">{t("channels.text")}</label>
      <textarea id="broadcast-text" rows={3} value={text} placeholder={t("channels.text")} onInput={(e) => setText(e.currentTarget.value)}
        data-testid="broadcast-text" />
      <details class="broadcast-preview-wrap" open={!!text.trim()}>
        <summary>{t("channels.preview")}</summary>
        <div class="bubble broadcast broadcast-preview" data-testid="broadcast-preview">
          <ClassificationBanner level={level} />
          <span class="text">{text.trim() ? text : <span class="muted">{t("channels.previewEmpty")}</span>}</span>
          <BroadcastFooter seal={{ level, tags }} />
          {marked && <Watermark name={session.value?.account.displayName ?? ""} code={sampleCode} />}
        </div>
        {marked && <p class="muted small" data-testid="watermark-note">{t("channels.watermarkNote")}</p>}
      </details>
      <Tray conversationId={channelId} />
      {waiting && <p class="muted small-text tray-hint" data-testid="tray-hint">{t("files.notReady")}</p>}
      {error && <p class="error" role="alert" data-testid="broadcast-error">{error}</p>}
      <div class="broadcast-actions">
        <button type="button" class="icon-button" aria-label={t("files.attach")} title={t("files.attach")} data-testid="broadcast-attach"
          onClick={() => fileInput.current?.click()}>
          <Icon name="attach" />
        </button>
        <input ref={fileInput} type="file" multiple class="sr-only" tabIndex={-1} aria-hidden="true" data-testid="broadcast-attach-input"
          onChange={(e) => { const files = [...(e.currentTarget.files ?? [])]; e.currentTarget.value = ""; if (files.length > 0) setError(attach(channelId, files)); }} />
        <button type="submit" class="primary" disabled={busy || !ready}>{busy ? t("channels.sending") : t("channels.send")}</button>
      </div>
    </form>
  );
}
