import { useState } from "preact/hooks";
import { describe } from "../../core/errors";
import type { AgencyInfo } from "../../core/types";
import { t } from "../../i18n/i18n";
import { adminApi } from "./adminApi";

/** The email domains whose staff register straight into this agency. */
export function DomainsTab({ agency, onChanged }: { agency: AgencyInfo; onChanged(): void }) {
  const [domain, setDomain] = useState("");
  const [error, setError] = useState<string | null>(null);
  const act = (work: Promise<unknown>) => work.then(() => { setError(null); onChanged(); }, (e) => setError(describe(e)));
  return (
    <div class="stack">
      <ul class="domain-list" role="list">
        {agency.domains.map((d) => (
          <li key={d}>
            <span>{d}</span>
            <button type="button" class="small danger" aria-label={t("admin.removeDomain", { domain: d })}
              onClick={() => act(adminApi.removeDomain(agency.id, d))}>{t("groups.remove")}</button>
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void act(adminApi.addDomain(agency.id, domain.trim())).then(() => setDomain("")); }}>
        <label for="new-domain">{t("admin.newDomain")}</label>
        <input id="new-domain" placeholder="jabatan.gov.my" value={domain} onInput={(e) => setDomain(e.currentTarget.value)} />
        <button type="submit" disabled={!domain.trim()}>{t("groups.add")}</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
