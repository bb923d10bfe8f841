import { useState } from "preact/hooks";
import { t } from "../../i18n/i18n";

/** A search box the server answers: the search runs on Enter or the button, not on every key. */
export function SearchForm({ id, label, onSearch }: { id: string; label: string; onSearch(query: string): void }) {
  const [text, setText] = useState("");
  return (
    <form class="inline-form" role="search" onSubmit={(e) => { e.preventDefault(); onSearch(text.trim()); }}>
      <label for={id} class="sr-only">{label}</label>
      <input id={id} type="search" maxLength={100} placeholder={label} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <button type="submit">{t("portal.search")}</button>
    </form>
  );
}

/** "Load more" under a paged list while the server has more. */
export function MoreButton({ shown, onMore }: { shown: boolean; onMore(): void }) {
  return shown ? <button type="button" class="load-more" onClick={onMore}>{t("portal.loadMore")}</button> : null;
}
