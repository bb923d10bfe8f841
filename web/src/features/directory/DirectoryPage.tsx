import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { navigate } from "../../core/router";
import { session } from "../../core/session";
import type { UserProfile } from "../../core/types";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";
import { PersonRow } from "./PersonRow";
import { searchDirectory } from "./search";
import { startDirect } from "./startDirect";

/** The contact directory: find a colleague, see their card, start a chat. */
export function DirectoryPage() {
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<UserProfile[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      searchDirectory(query.trim()).then((list) => { setHits(list); setError(null); }, (e) => setError(describe(e)));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [query]);

  const me = session.value?.userId;
  return (
    <section class="page" aria-labelledby="directory-title">
      <PageHeader id="directory-title" title={t("directory.title")} />
      <div class="page-body">
        <label for="directory-q" class="sr-only">{t("directory.search")}</label>
        <input id="directory-q" type="search" placeholder={t("directory.search")} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        {error && <p class="error" role="alert">{error}</p>}
        {hits && hits.length === 0 && <p class="muted">{t("directory.none")}</p>}
        <ul class="people" role="list">
          {hits?.filter((p) => p.userId !== me).map((p) => (
            <li key={p.userId}>
              <PersonRow p={p}>
                <button type="button" class="small" onClick={() => navigate(`/users/${p.userId}`)}>{t("directory.card")}</button>
                <button type="button" class="small primary" onClick={() => startDirect(p.userId).catch((e) => setError(describe(e)))}>
                  {t("directory.chat")}
                </button>
              </PersonRow>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
