import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import type { AgencyDomain, AgencyInfo } from "../../core/types";
import { t } from "../../i18n/i18n";
import { adminApi } from "./adminApi";

/**
 * The email domains whose staff register straight into this agency, and the requests for new ones: the agency asks,
 * the agency whose domain contains the new one consents, a platform admin approves. Only active domains count.
 */
export function DomainsTab({ agency, platform, onChanged }: { agency: AgencyInfo; platform: boolean; onChanged(): void }) {
  const [domain, setDomain] = useState("");
  const [requests, setRequests] = useState<AgencyDomain[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = () => adminApi.domainRequests().then(setRequests, (e) => setError(describe(e)));
  useEffect(() => void load(), [agency.id]);
  const act = (work: Promise<unknown>) => work.then(() => { setError(null); onChanged(); return load(); }, (e) => { setNotice(null); setError(describe(e)); });

  const ours = requests.filter((r) => r.agencyId === agency.id);
  const awaitingUs = requests.filter((r) => r.consentAgencyId === agency.id && r.status === "PendingConsent");
  const awaitingApproval = requests.filter((r) => r.status === "PendingApproval");

  const request = async () => {
    const placed = await adminApi.requestDomain(agency.id, domain.trim());
    setDomain("");
    setNotice(placed.status === "Active" ? null : t("admin.domainRequested"));
  };

  return (
    <div class="stack">
      <ul class="domain-list" role="list" aria-label={t("admin.agencyDomains")}>
        {agency.domains.map((d) => (
          <li key={d} data-testid="domain-row" data-domain={d}>
            <span>{d} <span class="muted small-text">{t("admin.domainActive")}</span></span>
            <button type="button" class="small danger" aria-label={t("admin.removeDomain", { domain: d })}
              onClick={() => act(adminApi.removeDomain(agency.id, d))}>{t("groups.remove")}</button>
          </li>
        ))}
        {ours.map((r) => (
          <li key={r.domain} data-testid="domain-row" data-domain={r.domain}>
            <span>{r.domain} <span class="muted small-text">{status(r)}</span></span>
            <button type="button" class="small danger" aria-label={t("admin.withdrawDomain", { domain: r.domain })}
              onClick={() => act(adminApi.removeDomain(agency.id, r.domain))}>{t("admin.withdraw")}</button>
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void act(request()); }}>
        <label for="new-domain">{t("admin.newDomain")}</label>
        <input id="new-domain" placeholder="jabatan.gov.my" value={domain} onInput={(e) => setDomain(e.currentTarget.value)} />
        <button type="submit" disabled={!domain.trim()}>{platform ? t("groups.add") : t("admin.requestDomain")}</button>
      </form>
      {notice && <p class="success" role="status">{notice}</p>}
      {error && <p class="error" role="alert">{error}</p>}

      <h2 class="small-text">{t("admin.awaitingOurConsent")}</h2>
      <RequestList items={awaitingUs} empty={t("admin.noDomainRequests")} actions={(r) => (
        <>
          <button type="button" class="small" aria-label={t("admin.consentTo", { domain: r.domain })}
            onClick={() => act(adminApi.decideDomain(r.domain, "consent"))}>{t("admin.consent")}</button>
          <button type="button" class="small danger" aria-label={t("admin.refuse", { domain: r.domain })}
            onClick={() => act(adminApi.decideDomain(r.domain, "reject"))}>{t("admin.reject")}</button>
        </>
      )} />

      {platform && (
        <>
          <h2 class="small-text">{t("admin.domainApprovals")}</h2>
          <RequestList items={awaitingApproval} empty={t("admin.noDomainRequests")} actions={(r) => (
            <>
              <button type="button" class="small" aria-label={t("admin.approveDomain", { domain: r.domain })}
                onClick={() => act(adminApi.decideDomain(r.domain, "approve"))}>{t("admin.approveShort")}</button>
              <button type="button" class="small danger" aria-label={t("admin.rejectDomain", { domain: r.domain })}
                onClick={() => act(adminApi.decideDomain(r.domain, "reject"))}>{t("admin.reject")}</button>
            </>
          )} />
        </>
      )}
    </div>
  );
}

function RequestList({ items, empty, actions }: { items: AgencyDomain[]; empty: string; actions(r: AgencyDomain): ComponentChildren }) {
  if (items.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class="domain-list" role="list">
      {items.map((r) => (
        <li key={r.domain} data-testid="domain-request" data-domain={r.domain}>
          <span>{r.domain} <span class="muted small-text">{t("admin.requestedBy", { agency: r.agencyName })} · {status(r)}</span></span>
          <span class="inline-form">{actions(r)}</span>
        </li>
      ))}
    </ul>
  );
}

function status(r: AgencyDomain): string {
  if (r.status === "PendingConsent") return t("admin.domainPendingConsent", { agency: r.consentAgencyName ?? "" });
  if (r.status === "PendingApproval") return t("admin.domainPendingApproval");
  return t("admin.domainActive");
}
