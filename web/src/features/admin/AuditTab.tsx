import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { dateTime } from "../../core/format";
import type { AuditEntry, AuditVerification } from "../../core/types";
import { t } from "../../i18n/i18n";
import { adminApi } from "./adminApi";

/** The agency's audit log, newest first, and a check of the tamper-evident chain. */
export function AuditTab({ agencyId }: { agencyId: string }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [check, setCheck] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void adminApi.audit(agencyId).then(setEntries, (e) => setError(describe(e))), [agencyId]);
  return (
    <div class="stack">
      <div class="inline-form">
        <button type="button" onClick={() => adminApi.verify().then(setCheck, (e) => setError(describe(e)))}>{t("admin.verify")}</button>
        {check && (
          <span class={check.intact ? "success" : "error"} role="status">
            {check.intact ? t("admin.intact", { rows: check.rowsChecked }) : t("admin.broken", { id: check.firstBrokenId ?? "?" })}
          </span>
        )}
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      <table class="table">
        <thead>
          <tr><th scope="col">{t("admin.when")}</th><th scope="col">{t("admin.action")}</th><th scope="col">{t("admin.details")}</th></tr>
        </thead>
        <tbody>
          {entries?.map((e) => (
            <tr key={e.id}>
              <td>{dateTime(e.at)}</td>
              <td><code>{e.action}</code></td>
              <td class="break">{e.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
