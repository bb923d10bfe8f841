import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { session } from "../../core/session";
import type { AgencyInfo } from "../../core/types";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";
import { adminApi } from "./adminApi";
import { AuditTab } from "./AuditTab";
import { CreateAgencyForm } from "./CreateAgencyForm";
import { DomainsTab } from "./DomainsTab";
import { SecurityTab } from "./SecurityTab";
import { GoChatError } from "../../core/errors";
import { navigate } from "../../core/router";
import { UsersTab } from "./UsersTab";
import { ChannelsTab } from "./ChannelsTab";
import { LeakTraceTab } from "./LeakTraceTab";

type Tab = "pending" | "users" | "domains" | "channels" | "leaks" | "security" | "audit";
const tabs: Tab[] = ["pending", "users", "domains", "channels", "leaks", "security", "audit"];

/** Agency admins run their own agency; platform admins choose which agency to run. */
export function AdminPortal() {
  const account = session.value!.account;
  const [agencies, setAgencies] = useState<AgencyInfo[]>([]);
  const [agencyId, setAgencyId] = useState(account.agencyId ?? "");
  const [tab, setTab] = useState<Tab>("pending");
  const [error, setError] = useState<string | null>(null);
  const [passkeyNeeded, setPasskeyNeeded] = useState(false);
  const platform = account.role === "PlatformAdmin";

  const reload = () => adminApi.agencies().then((list) => {
    setAgencies(list);
    if (!agencyId && list.length > 0) setAgencyId(list[0].id);
  }, (e) => setError(describe(e)));
  useEffect(() => void reload(), []);
  // Admin routes answer PASSKEY_REQUIRED when the agency (or the platform) requires passkeys and this session began with a code.
  useEffect(() => {
    if (!agencyId) return;
    adminApi.security(agencyId).then(() => setPasskeyNeeded(false),
      (e) => setPasskeyNeeded(e instanceof GoChatError && e.code === "PASSKEY_REQUIRED"));
  }, [agencyId]);

  if (account.role === "User") return <div class="empty-state"><p>{t("errors.FORBIDDEN")}</p></div>;
  const agency = agencies.find((a) => a.id === agencyId);

  return (
    <section class="page admin" aria-labelledby="admin-title" data-testid="admin-portal">
      <PageHeader id="admin-title" title={t("admin.title")} />
      <div class="page-body stack">
        {platform && <CreateAgencyForm onCreated={(created) => { setAgencyId(created.id); void reload(); }} />}
        {platform ? (
          <div class="inline-form">
            <label for="agency-pick">{t("admin.agency")}</label>
            <select id="agency-pick" value={agencyId} onChange={(e) => setAgencyId(e.currentTarget.value)}>
              {agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </div>
        ) : (
          <p class="muted">{agency?.name}</p>
        )}
        {error && <p class="error" role="alert">{error}</p>}
        {passkeyNeeded && (
          <div class="note stack" role="alert" data-testid="passkey-required">
            <p>{t("errors.PASSKEY_REQUIRED")}</p>
            <button type="button" class="primary" onClick={() => navigate("/security")}>{t("admin.goToPasskeys")}</button>
          </div>
        )}
        <div class="tabs" role="tablist" aria-label={t("admin.title")}>
          {tabs.map((name) => (
            <button key={name} type="button" role="tab" id={`tab-${name}`} aria-selected={tab === name} aria-controls="admin-panel"
              onClick={() => setTab(name)}>{t(`admin.tabs.${name}`)}</button>
          ))}
        </div>
        <div id="admin-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
          {!agencyId && <p class="muted">{t("admin.noAgency")}</p>}
          {agencyId && tab === "pending" && <UsersTab key={`p-${agencyId}`} agencyId={agencyId} pending />}
          {agencyId && tab === "users" && <UsersTab key={`u-${agencyId}`} agencyId={agencyId} />}
          {agency && tab === "domains" && <DomainsTab key={agency.id} agency={agency} platform={platform} onChanged={reload} />}
          {agencyId && tab === "channels" && <ChannelsTab key={`c-${agencyId}`} agencyId={agencyId} agencies={agencies} />}
          {agencyId && tab === "leaks" && <LeakTraceTab key={`l-${agencyId}`} agencyId={agencyId} />}
          {agencyId && tab === "security" && <SecurityTab key={`s-${agencyId}`} agencyId={agencyId} />}
          {agencyId && tab === "audit" && <AuditTab key={agencyId} agencyId={agencyId} />}
        </div>
      </div>
    </section>
  );
}
