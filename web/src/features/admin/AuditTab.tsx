import { useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { dateTime } from "../../core/format";
import type { AuditEntry, AuditPerson, AuditVerification } from "../../core/types";
import { t } from "../../i18n/i18n";
import { adminApi } from "./adminApi";
import { BreakableEmail } from "./BreakableEmail";
import { MoreButton, SearchForm } from "./SearchForm";
import { usePaged } from "./usePaged";

const pageSize = 50;

/** The agency's audit log, newest first, searched and paged on the server, and a check of the tamper-evident chain. */
export function AuditTab({ agencyId }: { agencyId: string }) {
  const [search, setSearch] = useState("");
  const list = usePaged<AuditEntry>((_, last) => adminApi.audit(agencyId, { q: search, before: last?.id, limit: pageSize }), pageSize, [agencyId, search]);
  const [check, setCheck] = useState<AuditVerification | null>(null);
  const entries = list.items;
  return (
    <div class="stack">
      <div class="inline-form">
        <button type="button" onClick={() => adminApi.verify().then(setCheck, (e) => list.setError(describe(e)))}>{t("admin.verify")}</button>
        {check && (
          <span class={check.intact ? "success" : "error"} role="status">
            {check.intact ? t("admin.intact", { rows: check.rowsChecked }) : t("admin.broken", { id: check.firstBrokenId ?? "?" })}
          </span>
        )}
      </div>
      <SearchForm id="search-audit" label={t("portal.searchAudit")} onSearch={setSearch} />
      {list.error && <p class="error" role="alert">{list.error}</p>}
      {entries?.length === 0 && <p class="muted">{search ? t("portal.noMatch") : t("portal.noAudit")}</p>}
      {entries && entries.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("admin.when")}</th>
              <th scope="col">{t("portal.actor")}</th>
              <th scope="col">{t("admin.action")}</th>
              <th scope="col">{t("admin.details")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                <td>{dateTime(e.at)}</td>
                <td data-testid="audit-actor"><Person person={e.actor} fallback={e.actorId ? "?" : t("portal.system")} /></td>
                <td data-testid="audit-action" title={e.action}>{actionText(e.action)}</td>
                <td data-testid="audit-details">
                  {e.subject && <Person person={e.subject} fallback="" />}
                  {e.details && <span class="muted small-text break">{e.details}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MoreButton shown={list.hasMore} onMore={() => void list.more()} />
    </div>
  );
}

function Person({ person, fallback }: { person: AuditPerson | null; fallback: string }) {
  if (!person) return <>{fallback}</>;
  return (
    <span class="audit-person">
      <span>{person.displayName}</span>
      {person.email && <span class="muted small-text email"><BreakableEmail email={person.email} /></span>}
    </span>
  );
}

/** Every code of grains/Identity/AuditActions.cs has a text under auditActions; an unknown one shows as it is. */
function actionText(code: string): string {
  const key = `auditActions.${code}`;
  const text = t(key);
  return text === key ? code : text;
}
