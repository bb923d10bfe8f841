import { useState } from "preact/hooks";
import { describe } from "../../core/errors";
import type { AgencyInfo } from "../../core/types";
import { t } from "../../i18n/i18n";
import { adminApi } from "./adminApi";

const categories = ["FederalAgency", "StatutoryBody", "StateAgency", "Glc", "Private"] as const;

/** Platform admins only (the route refuses anyone else): a new agency with its first email domain. */
export function CreateAgencyForm({ onCreated }: { onCreated(agency: AgencyInfo): void }) {
  const [name, setName] = useState("");
  const [category, setCategory] = useState<string>(categories[0]);
  const [domain, setDomain] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      const created = await adminApi.createAgency(name.trim(), category, domain.trim() ? [domain.trim()] : []);
      setError(null);
      setName("");
      setDomain("");
      setNotice(t("portal.agencyCreated", { name: created.name }));
      onCreated(created);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="create-agency">
      <summary>{t("portal.createAgency")}</summary>
      <form class="stack" onSubmit={submit} data-testid="create-agency">
        <label for="agency-name">{t("portal.agencyName")}</label>
        <input id="agency-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="agency-category">{t("portal.agencyCategory")}</label>
        <select id="agency-category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
          {categories.map((c) => <option key={c} value={c}>{t(`portal.categories.${c}`)}</option>)}
        </select>
        <label for="agency-domain">{t("portal.agencyDomain")}</label>
        <input id="agency-domain" placeholder="jabatan.gov.my" value={domain} onInput={(e) => setDomain(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy || !name.trim()}>{t("portal.createAgency")}</button>
        {notice && <p class="success" role="status">{notice}</p>}
        {error && <p class="error" role="alert">{error}</p>}
      </form>
    </details>
  );
}
