import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { useChatState, type Conversation } from "../../core/conversations";
import { describe } from "../../core/errors";
import { quickEmoji, react, reactionsOf } from "../../core/reactions";
import { t } from "../../i18n/i18n";
import { EmojiPicker } from "../emoji/EmojiPicker";

/** The chips under a message: one per emoji with its count, mine marked; a click puts mine on or takes it off. */
export function ReactionChips({ c, seq, me }: { c: Conversation; seq: number; me: string }) {
  // The props stay the same objects while the reactions in c change: the revision makes it render again.
  useChatState();
  const chips = reactionsOf(c, seq, me);
  const { error, toggle } = useReaction(c.id, seq);
  if (chips.length === 0) return null;
  return (
    <div class="reactions" data-testid="reactions">
      {chips.map((chip) => (
        <button key={chip.emoji} type="button" class={`reaction-chip${chip.mine ? " mine" : ""}`} aria-pressed={chip.mine}
          data-testid="reaction-chip" data-emoji={chip.emoji}
          aria-label={t("chat.reactionChip", { emoji: chip.emoji, count: chip.count })}
          onClick={() => void toggle(chip.emoji, !chip.mine)}>
          <span aria-hidden="true">{chip.emoji}</span> <span aria-hidden="true">{chip.count}</span>
        </button>
      ))}
      {error && <span class="error" role="alert">{error}</span>}
    </div>
  );
}

/** The quick emoji, opened from a message's react button; Escape closes it. */
export function ReactionMenu({ c, seq, me, onClose }: { c: Conversation; seq: number; me: string; onClose(): void }) {
  useChatState();
  const { error, toggle } = useReaction(c.id, seq);
  const [more, setMore] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  // The autofocus attribute only counts when a page loads: focus moves to the first emoji in the commit that opens
  // the menu, so a key pressed right after already reaches it.
  useLayoutEffect(() => first.current?.focus(), []);
  const mine = new Set(reactionsOf(c, seq, me).filter((r) => r.mine).map((r) => r.emoji));
  const pick = async (emoji: string) => {
    if (await toggle(emoji, !mine.has(emoji))) onClose();
  };
  const problem = error && <span class="error" role="alert">{error}</span>;
  if (more) return <>{<EmojiPicker label={t("chat.react")} onPick={(emoji) => void pick(emoji)} onClose={onClose} />}{problem}</>;
  return (
    <div class="reaction-menu" role="group" aria-label={t("chat.react")} data-testid="reaction-menu"
      onKeyDown={(e) => { if (e.key === "Escape") { e.stopPropagation(); onClose(); } }}>
      {quickEmoji.map((emoji, i) => (
        <button key={emoji} type="button" ref={i === 0 ? first : undefined} class="icon-button small" aria-pressed={mine.has(emoji)}
          aria-label={t("chat.reactWith", { emoji })} onClick={() => void pick(emoji)}>{emoji}</button>
      ))}
      <button type="button" class="icon-button small" aria-label={t("emoji.more")} data-testid="more-emoji" onClick={() => setMore(true)}>+</button>
      {problem}
    </div>
  );
}

/** One toggle of my emoji on a message, for the chips and the menu alike: true when it went through, its error shown otherwise. */
function useReaction(conversationId: string, seq: number) {
  const [error, setError] = useState<string | null>(null);
  const toggle = async (emoji: string, add: boolean) => {
    try {
      setError(null);
      await react(conversationId, seq, emoji, add);
      return true;
    } catch (e) {
      setError(describe(e));
      return false;
    }
  };
  return { error, toggle };
}
