import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { t } from "../../i18n/i18n";
import { emojiSets } from "./emojiSets";

/**
 * A category at a time as a grid of buttons: Tab reaches the categories and the grid, the arrow keys move inside
 * the grid (one tab stop, not two hundred), Enter picks, Escape closes and hands focus back.
 */
export function EmojiPicker({ onPick, onClose, label }: { onPick(emoji: string): void; onClose(): void; label: string }) {
  const [set, setSet] = useState(emojiSets[0].id);
  const [active, setActive] = useState(0);
  const grid = useRef<HTMLDivElement>(null);
  const emoji = emojiSets.find((s) => s.id === set)!.emoji;
  const columns = 8;

  // On opening and on another category, in the same commit: focus goes to the grid's first cell.
  useLayoutEffect(() => {
    grid.current?.querySelector<HTMLButtonElement>('[data-index="0"]')?.focus();
  }, [set]);

  const move = (e: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = Math.min(emoji.length - 1, Math.max(0, active + step));
    // Focus moves now, in this key's handler: a key pressed right after must reach the new cell.
    grid.current?.querySelector<HTMLButtonElement>(`[data-index="${next}"]`)?.focus();
    setActive(next);
  };

  return (
    <div class="emoji-picker" role="dialog" aria-label={label} data-testid="emoji-picker"
      onKeyDown={(e) => { if (e.key === "Escape") { e.stopPropagation(); e.preventDefault(); onClose(); } }}>
      <div class="emoji-sets" role="tablist" aria-label={t("emoji.categories")}>
        {emojiSets.map((s) => (
          <button key={s.id} type="button" role="tab" class="chip" aria-selected={s.id === set}
            onClick={() => { setSet(s.id); setActive(0); }}>
            {t(`emoji.${s.id}`)}
          </button>
        ))}
      </div>
      <div class="emoji-grid" role="group" aria-label={t(`emoji.${set}`)} ref={grid} onKeyDown={move}>
        {emoji.map((e, i) => (
          <button key={e} type="button" class="emoji-cell" data-index={i} tabIndex={i === active ? 0 : -1} aria-label={e}
            onClick={() => onPick(e)} onFocus={() => setActive(i)}>
            {e}
          </button>
        ))}
      </div>
    </div>
  );
}
