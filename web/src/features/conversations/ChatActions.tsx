import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { archive, isArchived, isMuted, mute, pin, type MuteDuration } from "../../core/chatPreferences";
import { useChatState, type Conversation } from "../../core/conversations";
import { describe } from "../../core/errors";
import { t } from "../../i18n/i18n";
import { title } from "./title";

/**
 * Whether a chat's options are open, and the button that opens them, where focus goes back when they close: the same
 * for a list row and the chat header.
 */
export function useChatActions() {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };
  return { open, trigger, toggle: () => setOpen(!open), close };
}

/**
 * What I can do with a chat from the list: pin it, mute it, archive it, or undo each; opened from the row's
 * options button, closed by a choice or Escape (focus goes back to that button).
 */
export function ChatActions({ c, onClose }: { c: Conversation; onClose(): void }) {
  useChatState();
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  // The autofocus attribute only counts when a page loads: focus moves to the options here, in the commit that shows
  // them, so a key pressed right after the opening click already reaches them.
  useLayoutEffect(() => first.current?.focus(), []);
  const run = async (action: () => Promise<void>) => {
    try {
      setError(null);
      await action();
      onClose();
    } catch (e) {
      setError(describe(e));
    }
  };
  const muteFor = (d: MuteDuration) => () => void run(() => mute(c.id, d));
  const muted = isMuted(c);
  return (
    <div class="chat-actions" role="group" aria-label={t("chatList.actions", { name: title(c) })} data-testid="chat-actions"
      onKeyDown={(e) => { if (e.key === "Escape") { e.stopPropagation(); onClose(); } }}>
      <button type="button" ref={first} class="chip" data-testid="chat-pin" onClick={() => void run(() => pin(c.id, c.pinnedAt === null))}>
        {c.pinnedAt === null ? t("chatList.pin") : t("chatList.unpin")}
      </button>
      {muted
        ? <button type="button" class="chip" data-testid="chat-unmute" onClick={muteFor("off")}>{t("chatList.unmute")}</button>
        : <>
          <button type="button" class="chip" data-testid="chat-mute-8h" onClick={muteFor("8h")}>{t("chatList.mute8h")}</button>
          <button type="button" class="chip" data-testid="chat-mute-1w" onClick={muteFor("1w")}>{t("chatList.mute1w")}</button>
          <button type="button" class="chip" data-testid="chat-mute-always" onClick={muteFor("always")}>{t("chatList.muteAlways")}</button>
        </>}
      <button type="button" class="chip" data-testid="chat-archive" onClick={() => void run(() => archive(c.id, !isArchived(c)))}>
        {isArchived(c) ? t("chatList.unarchive") : t("chatList.archive")}
      </button>
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
