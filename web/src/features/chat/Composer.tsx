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
  // What would be sent: the server measures the trimmed text, so the limit is checked on it here.
  const value = text.trim();
  const tooLong = overLimit(value) > 0;

  useLayoutEffect(() => autoGrow(box.current), [text]);

  useEffect(() => {
    if (editing) setText(current(c, editing).text ?? "");
    if (editing || replyTo) box.current?.focus();
  }, [editing, replyTo]);

  const submit = async () => {
    if (!value || tooLong) return;
    setError(null);
    if (editing) {
      try {
        await edit(c.id, editing.seq, value);
      } catch (e) {
        setError(describe(e));
        return;
      }
    } else {
      send(c.id, value, replyTo?.seq ?? null);
      typing(c.id, false);
    }
    setText("");
    onDone();
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
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
      <div class="composer-row">
        <textarea ref={box} rows={1} value={text} placeholder={t("chat.placeholder")} aria-label={t("chat.placeholder")}
          data-testid="composer"
          onInput={(e) => { setText(e.currentTarget.value); if (!editing) typing(c.id, e.currentTarget.value.length > 0); }}
          onKeyDown={onKey} />
        <button type="submit" class="send" aria-label={editing ? t("chat.saveEdit") : t("chat.send")} disabled={!value || tooLong}>
          <Icon name="send" />
        </button>
      </div>
    </form>
  );
}
