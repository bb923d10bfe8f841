import { useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { dateTime } from "../../core/format";
import { session } from "../../core/session";
import type { DirectoryUser, UserRole } from "../../core/types";
import { t } from "../../i18n/i18n";
import { adminApi } from "./adminApi";
import { BreakableEmail } from "./BreakableEmail";
import { PermissionsEditor } from "./PermissionsEditor";
import { MoreButton, SearchForm } from "./SearchForm";
import { usePaged } from "./usePaged";

const pageSize = 50;

/** Pending externals (approve/reject) or every user of the agency (suspend/reinstate, role, externals' permissions). */
export function UsersTab({ agencyId, pending }: { agencyId: string; pending?: boolean }) {
  const [search, setSearch] = useState("");
  const list = usePaged<DirectoryUser>((offset) =>
    adminApi.users(agencyId, { status: pending ? "PendingApproval" : undefined, q: search, offset, limit: pageSize }), pageSize, [agencyId, pending, search]);
  // A role change is asked about first: it changes what the person may do at once, across the agency.
  const [asked, setAsked] = useState<{ user: DirectoryUser; role: UserRole } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const act = (work: Promise<unknown>) => work.then(list.reload, (e) => list.setError(describe(e)));
  const me = session.value?.userId;
  const users = list.items;

  return (
    <div class="stack">
      <SearchForm id={pending ? "search-pending" : "search-users"} label={t("portal.searchUsers")} onSearch={setSearch} />
      {list.error && <p class="error" role="alert">{list.error}</p>}
      {users?.length === 0 && <p class="muted">{search ? t("portal.noMatch") : pending ? t("admin.noPending") : t("admin.noUsers")}</p>}
      {users && users.length > 0 && (
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
            {users.map((u) => (
              <tr key={u.userId} data-testid="admin-user" data-email={u.email ?? ""}>
                <td>{u.displayName} {u.isExternal && <span class="tag">{t("directory.external")}</span>}</td>
                <td class="email" data-testid="admin-user-email"><BreakableEmail email={u.email} /></td>
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
                      onChange={(e) => {
                        const role = e.currentTarget.value as UserRole;
                        e.currentTarget.value = u.role; // unchanged until confirmed
                        setAsked({ user: u, role });
                      }}>
                      {(["User", "AgencyAdmin"] as const).map((r) => <option key={r} value={r}>{t(`userRoles.${r}`)}</option>)}
                      {u.role === "PlatformAdmin" && <option value="PlatformAdmin">{t("userRoles.PlatformAdmin")}</option>}
                    </select>
                  )}
                  {asked?.user.userId === u.userId && (
                    <span class="confirm" role="group" aria-label={t("portal.confirmRole", { name: u.displayName, role: t(`userRoles.${asked.role}`) })}>
                      <span>{t("portal.confirmRole", { name: u.displayName, role: t(`userRoles.${asked.role}`) })}</span>
                      <button type="button" class="small primary" onClick={() => { setAsked(null); void act(adminApi.setRole(u.userId, asked.role)); }}>{t("portal.confirm")}</button>
                      <button type="button" class="small" onClick={() => setAsked(null)}>{t("common.cancel")}</button>
                    </span>
                  )}
                  {!pending && u.isExternal && u.status === "Active" && (
                    <button type="button" class="small" aria-expanded={open === u.userId} aria-label={t("portal.permissionsOf", { name: u.displayName })}
                      onClick={() => setOpen(open === u.userId ? null : u.userId)}>{t("portal.permissions")}</button>
                  )}
                  {open === u.userId && <PermissionsEditor userId={u.userId} name={u.displayName} />}
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
