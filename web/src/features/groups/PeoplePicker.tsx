import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { session } from "../../core/session";
import type { UserProfile } from "../../core/types";
import { t } from "../../i18n/i18n";
import { PersonRow } from "../directory/PersonRow";
import { searchDirectory } from "../directory/search";

/** Pick people from the directory: chosen ones show as removable chips above the search. */
export function PeoplePicker({ chosen, onChange, exclude = [] }: { chosen: UserProfile[]; onChange(list: UserProfile[]): void; exclude?: string[] }) {
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<UserProfile[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      searchDirectory(query.trim()).then(setHits, (e) => setError(describe(e)));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [query]);
  const hidden = new Set([session.value?.userId, ...exclude, ...chosen.map((p) => p.userId)]);
  return (
    <div class="picker">
      {chosen.length > 0 && (
        <ul class="chips" role="list" aria-label={t("groups.chosen")}>
          {chosen.map((p) => (
            <li key={p.userId}>
              <button type="button" class="chip" onClick={() => onChange(chosen.filter((x) => x.userId !== p.userId))}
                aria-label={t("groups.unchoose", { name: p.displayName })} title={p.displayName}>
                <span class="one-line">{p.displayName}</span> ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label for="picker-q" class="sr-only">{t("directory.search")}</label>
      <input id="picker-q" type="search" placeholder={t("directory.search")} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      {error && <p class="error" role="alert">{error}</p>}
      <ul class="people" role="list">
        {hits.filter((p) => !hidden.has(p.userId)).map((p) => (
          <li key={p.userId}>
            <PersonRow p={p}>
              <button type="button" class="small" onClick={() => onChange([...chosen, p])} aria-label={t("groups.choose", { name: p.displayName })}>
                {t("groups.add")}
              </button>
            </PersonRow>
          </li>
        ))}
      </ul>
    </div>
  );
}
