import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { dateTime } from "../../core/format";
import { session } from "../../core/session";
import type { DirectoryUser, UserRole } from "../../core/types";
import { t } from "../../i18n/i18n";
import { adminApi } from "./adminApi";

/** Pending externals (approve/reject) or every user of the agency (suspend/reinstate, role). */
export function UsersTab({ agencyId, pending }: { agencyId: string; pending?: boolean }) {
  const [users, setUsers] = useState<DirectoryUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => adminApi.users(agencyId, pending ? "PendingApproval" : undefined).then(setUsers, (e) => setError(describe(e)));
  useEffect(() => void load(), [agencyId, pending]);
  const act = (work: Promise<unknown>) => work.then(load, (e) => setError(describe(e)));
  const me = session.value?.userId;

  return (
    <div class="stack">
      {error && <p class="error" role="alert">{error}</p>}
      {users?.length === 0 && <p class="muted">{pending ? t("admin.noPending") : t("admin.noUsers")}</p>}
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t("admin.name")}</th>
            <th scope="col">{t("admin.email")}</th>
            <th scope="col">{pending ? t("admin.registered") : t("admin.status")}</th>
            <th scope="col">{t("admin.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users?.map((u) => (
            <tr key={u.userId} data-testid="admin-user" data-email={u.email ?? ""}>
              <td>{u.displayName} {u.isExternal && <span class="tag">{t("directory.external")}</span>}</td>
              <td class="break">{u.email}</td>
              <td>{pending ? dateTime(u.createdAt) : t(`status.${u.status}`)}</td>
              <td class="actions">
                {u.status === "PendingApproval" && (
                  <>
                    <button type="button" class="small primary" onClick={() => act(adminApi.act(u.userId, "approve"))}>{t("admin.approve")}</button>
                    <button type="button" class="small danger" onClick={() => act(adminApi.act(u.userId, "reject"))}>{t("admin.reject")}</button>
                  </>
                )}
                {!pending && u.status === "Active" && u.userId !== me && (
                  <button type="button" class="small danger" onClick={() => act(adminApi.act(u.userId, "suspend"))}>{t("admin.suspend")}</button>
                )}
                {!pending && u.status === "Suspended" && (
                  <button type="button" class="small" onClick={() => act(adminApi.act(u.userId, "reinstate"))}>{t("admin.reinstate")}</button>
                )}
                {!pending && u.status === "Active" && u.userId !== me && !u.isExternal && (
                  <select aria-label={t("admin.roleOf", { name: u.displayName })} value={u.role}
                    onChange={(e) => act(adminApi.setRole(u.userId, e.currentTarget.value as UserRole))}>
                    {(["User", "AgencyAdmin"] as const).map((r) => <option key={r} value={r}>{t(`userRoles.${r}`)}</option>)}
                    {u.role === "PlatformAdmin" && <option value="PlatformAdmin">{t("userRoles.PlatformAdmin")}</option>}
                  </select>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
