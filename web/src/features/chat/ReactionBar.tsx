import { useState } from "preact/hooks";
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
  const [error, setError] = useState<string | null>(null);
  if (chips.length === 0) return null;
  const toggle = async (emoji: string, add: boolean) => {
    try {
      setError(null);
      await react(c.id, seq, emoji, add);
    } catch (e) {
      setError(describe(e));
    }
  };
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
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const mine = new Set(reactionsOf(c, seq, me).filter((r) => r.mine).map((r) => r.emoji));
  const pick = async (emoji: string) => {
    try {
      await react(c.id, seq, emoji, !mine.has(emoji));
      onClose();
    } catch (e) {
      setError(describe(e));
    }
  };
  if (more) return <EmojiPicker label={t("chat.react")} onPick={(emoji) => void pick(emoji)} onClose={onClose} />;
  return (
    <div class="reaction-menu" role="group" aria-label={t("chat.react")} data-testid="reaction-menu"
      onKeyDown={(e) => { if (e.key === "Escape") { e.stopPropagation(); onClose(); } }}>
      {quickEmoji.map((emoji, i) => (
        <button key={emoji} type="button" class="icon-button small" autoFocus={i === 0} aria-pressed={mine.has(emoji)}
          aria-label={t("chat.reactWith", { emoji })} onClick={() => void pick(emoji)}>{emoji}</button>
      ))}
      <button type="button" class="icon-button small" aria-label={t("emoji.more")} data-testid="more-emoji" onClick={() => setMore(true)}>+</button>
      {error && <span class="error" role="alert">{error}</span>}
    </div>
  );
}
