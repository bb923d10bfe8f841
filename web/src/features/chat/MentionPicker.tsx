import type { Conversation } from "../../core/conversations";
import { displayName } from "../../core/people";
import { t } from "../../i18n/i18n";

/** The "@name" being typed just before the caret, or null when the caret is not in one. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const hit = /(^|\s)@([^\s@]*)$/.exec(text.slice(0, caret));
  return hit ? { start: caret - hit[2].length - 1, query: hit[2] } : null;
}

/** The group's other members whose name holds the query, as the picker offers them. */
export function mentionCandidates(c: Conversation, me: string, query: string): string[] {
  const q = query.toLocaleLowerCase();
  return (c.members ?? []).map((m) => m.userId).filter((u) => u !== me && displayName(u).toLocaleLowerCase().includes(q)).slice(0, 8);
}

/** The ids of the chosen members whose "@name" is still in the text when it is sent. */
export function mentionsIn(text: string, chosen: string[]): string[] {
  return [...new Set(chosen)].filter((u) => text.includes(`@${displayName(u)}`));
}

/** A listbox under the composer; the textarea keeps focus and moves the selection (aria-activedescendant). */
export function MentionPicker({ candidates, selected, onPick }: { candidates: string[]; selected: number; onPick(userId: string): void }) {
  return (
    <ul class="mention-picker" role="listbox" id="mention-picker" aria-label={t("chat.mentionPicker")} data-testid="mention-picker">
      {candidates.map((u, i) => (
        <li key={u} id={`mention-${u}`} role="option" aria-selected={i === selected} data-testid="mention-option"
          onMouseDown={(e) => { e.preventDefault(); onPick(u); }}>{displayName(u)}</li>
      ))}
    </ul>
  );
}
