import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { current } from "../../core/chat";
import { useChatState, type Conversation } from "../../core/conversations";
import { overLimit } from "../../core/limits";
import { edit, send, typing } from "../../core/outbox";
import { describe } from "../../core/errors";
import { useDraft } from "../../core/drafts";
import { displayName } from "../../core/people";
import type { ChatMessage } from "../../core/types";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { LengthNote } from "./LengthNote";
import { autoGrow } from "./autoGrow";
import { MentionPicker, mentionCandidates, mentionQuery, mentionsIn } from "./MentionPicker";
import { session } from "../../core/session";
import { EmojiPicker } from "../emoji/EmojiPicker";
import { attach, takeReady, trayOf, type VoiceDetails } from "../../core/uploads";
import { useLazy } from "../../app/lazy";
import { Tray } from "../files/Tray";

const loadRecorder = () => import("../files/VoiceRecorder");

interface Props {
  c: Conversation;
  replyTo: ChatMessage | null;
  editing: ChatMessage | null;
  onDone(): void;
}

/** Enter sends, Shift+Enter breaks the line; Escape cancels a reply or an edit. */
export function Composer({ c, replyTo, editing, onDone }: Props) {
  useChatState();
  const [text, setText] = useDraft(c.id, !!editing);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [chosen, setChosen] = useState<string[]>([]);
  const [selected, setSelected] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [emoji, setEmoji] = useState(false);
  const me = session.value?.userId ?? "";
  const query = c.kind === "Group" && !editing ? mentionQuery(text, caret) : null;
  const candidates = query && query.start !== dismissed ? mentionCandidates(c, me, query.query) : [];
  const picking = candidates.length > 0;
  // What would be sent: the server measures the trimmed text, so the limit is checked on it here.
  const value = text.trim();
  const tooLong = overLimit(value) > 0;
  // Files go with a new message only, once every one of them is through the server's checks.
  const tray = editing ? [] : trayOf(c.id);
  const waiting = tray.some((o) => o.phase !== "ready");
  const refused = tray.some((o) => o.phase === "refused");
  const sendable = !tooLong && (tray.length > 0 ? !waiting : !!value);
  const [recording, setRecording] = useState(false);
  const recorder = useLazy(loadRecorder, recording);
  const fileInput = useRef<HTMLInputElement>(null);
  const micButton = useRef<HTMLButtonElement>(null);
  const wasRecording = useRef(false);

  // Where the caret goes once a picked emoji is in the box: in the same commit, so nothing opened after it loses focus.
  const caretAfter = useRef<number | null>(null);
  useLayoutEffect(() => {
    autoGrow(box.current);
    if (caretAfter.current !== null && box.current) {
      box.current.focus();
      box.current.setSelectionRange(caretAfter.current, caretAfter.current);
      caretAfter.current = null;
    }
  }, [text]);

  // In the commit that starts the edit or reply: typing that follows at once goes into the message's text, not
  // before it arrives.
  useLayoutEffect(() => {
    if (editing) setText(current(c, editing).text ?? "");
    if (editing || replyTo) box.current?.focus();
  }, [editing, replyTo]);

  // The recorder gone (sent or discarded): focus back on the button that opened it.
  useLayoutEffect(() => {
    if (wasRecording.current && !recording) micButton.current?.focus();
    wasRecording.current = recording;
  }, [recording]);

  const addFiles = (files: File[], voice?: VoiceDetails) => {
    if (files.length === 0) return;
    setError(attach(c.id, files, voice));
  };

  // A voice note finished with "send" goes as soon as it (and whatever else is in the tray) is cleared.
  useEffect(() => {
    if (tray.length > 0 && !waiting && tray.some((o) => o.autoSend)) void submit();
  });

  const submit = async () => {
    if (!sendable || (editing && !value)) return;
    setError(null);
    if (tray.length > 0) {
      const { inputs, shown } = takeReady(c.id);
      send(c.id, value, replyTo?.seq ?? null, mentionsIn(value, chosen), inputs, shown.map((o) => ({ name: o.name, size: o.size, kind: o.kind })));
      setChosen([]);
      typing(c.id, false);
    } else if (editing) {
      try {
        await edit(c.id, editing.seq, value);
      } catch (e) {
        setError(describe(e));
        return;
      }
    } else {
      send(c.id, value, replyTo?.seq ?? null, mentionsIn(value, chosen));
      setChosen([]);
      typing(c.id, false);
    }
    setText("");
    onDone();
  };

  const pick = (userId: string) => {
    if (!query) return;
    const name = `@${displayName(userId)} `;
    const next = text.slice(0, query.start) + name + text.slice(caret);
    setText(next);
    setChosen((now) => [...now, userId]);
    setSelected(0);
    const at = query.start + name.length;
    setCaret(at);
    requestAnimationFrame(() => box.current?.setSelectionRange(at, at));
  };

  /** In at the caret (over a selection), then the caret after it and focus back in the box. */
  const insertEmoji = (glyph: string) => {
    const el = box.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? start;
    setText(text.slice(0, start) + glyph + text.slice(end));
    setEmoji(false);
    const at = start + glyph.length;
    setCaret(at);
    caretAfter.current = at;
  };

  const onKey = (e: KeyboardEvent) => {
    if (picking && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      setSelected((i) => (i + (e.key === "ArrowDown" ? 1 : candidates.length - 1)) % candidates.length);
    } else if (picking && (e.key === "Enter" || e.key === "Tab") && !e.isComposing) {
      e.preventDefault();
      pick(candidates[Math.min(selected, candidates.length - 1)]);
    } else if (picking && e.key === "Escape") {
      e.preventDefault();
      setDismissed(query!.start);
    } else if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void submit();
    } else if (e.key === "Escape" && (editing || replyTo)) {
      setText("");
      onDone();
    }
  };

  const context = editing ?? replyTo;
  return (
    <form class="composer" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      {context && (
        <div class="composer-context">
          <span>
            <strong>{editing ? t("chat.editing") : t("chat.replyingTo", { name: displayName(context.senderId) })}</strong>
            <span class="muted one-line">{current(c, context).text}</span>
          </span>
          <button type="button" class="icon-button small" aria-label={t("common.cancel")} onClick={() => { setText(""); onDone(); }}>
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <LengthNote length={value.length} />
      {picking && <MentionPicker candidates={candidates} selected={Math.min(selected, candidates.length - 1)} onPick={pick} />}
      <Tray conversationId={c.id} />
      {waiting && tray.length > 0 && <p class="muted small-text tray-hint" data-testid="tray-hint">{refused ? t("files.removeRefused") : t("files.notReady")}</p>}
      {emoji && <EmojiPicker label={t("emoji.picker")} onPick={insertEmoji} onClose={() => { setEmoji(false); box.current?.focus(); }} />}
      {recording && recorder ? (
        <recorder.VoiceRecorder onCancel={() => setRecording(false)}
          onDone={(file, details) => { setRecording(false); addFiles([file], details); }} />
      ) : (
      <div class="composer-row">
        <button type="button" class="icon-button" aria-label={t("emoji.picker")} aria-expanded={emoji} data-testid="emoji-button"
          onClick={() => setEmoji(!emoji)}>
          <Icon name="smile" />
        </button>
        <textarea ref={box} rows={1} value={text} placeholder={t("chat.placeholder")} aria-label={t("chat.placeholder")}
          data-testid="composer"
          role={c.kind === "Group" ? "combobox" : undefined} aria-expanded={c.kind === "Group" ? picking : undefined}
          aria-controls={picking ? "mention-picker" : undefined} aria-autocomplete={c.kind === "Group" ? "list" : undefined}
          aria-activedescendant={picking ? `mention-${candidates[Math.min(selected, candidates.length - 1)]}` : undefined}
          onKeyUp={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onClick={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onInput={(e) => { setText(e.currentTarget.value); setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length); if (!editing) typing(c.id, e.currentTarget.value.length > 0); }}
          onKeyDown={onKey}
          onPaste={(e) => {
            // A screenshot or a file copied elsewhere: attached, not pasted as its name.
            const files = [...(e.clipboardData?.files ?? [])];
            if (files.length === 0 || editing) return;
            e.preventDefault();
            addFiles(files);
          }} />
        {!editing && (
          <>
            <button type="button" class="icon-button" aria-label={t("files.attach")} title={t("files.attach")} data-testid="attach-button"
              onClick={() => fileInput.current?.click()}>
              <Icon name="attach" />
            </button>
            <input ref={fileInput} type="file" multiple class="sr-only" tabIndex={-1} aria-hidden="true" data-testid="attach-input"
              onChange={(e) => { addFiles([...(e.currentTarget.files ?? [])]); e.currentTarget.value = ""; }} />
            <button type="button" ref={micButton} class="icon-button" aria-label={t("files.record")} title={t("files.record")} data-testid="record-button"
              disabled={recording} onClick={() => setRecording(true)}>
              <Icon name="mic" />
            </button>
          </>
        )}
        <button type="submit" class="send" aria-label={editing ? t("chat.saveEdit") : t("chat.send")} disabled={!sendable || (!!editing && !value)}>
          <Icon name="send" />
        </button>
      </div>
      )}
    </form>
  );
}
