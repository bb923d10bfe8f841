import { useEffect, useState } from "preact/hooks";
import { api } from "../../core/api";
import { describe } from "../../core/errors";
import { dateTime } from "../../core/format";
import { clear, session } from "../../core/session";
import type { DeviceSession } from "../../core/types";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";
import { dropBrowserSubscription } from "../settings/webPush";

/** Where I am signed in; end one session, this one, or all of them. */
export function DevicesPage() {
  const [devices, setDevices] = useState<DeviceSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api<DeviceSession[]>("GET", "/api/me/devices").then(setDevices, (e) => setError(describe(e)));
  useEffect(() => void load(), []);
  const mine = session.value?.deviceId;

  const signOut = async (everywhere: boolean) => {
    try {
      await dropBrowserSubscription();
      await api("POST", everywhere ? "/api/auth/sign-out-everywhere" : "/api/auth/sign-out");
    } finally {
      clear();
    }
  };

  return (
    <section class="page" aria-labelledby="devices-title">
      <PageHeader id="devices-title" title={t("devices.title")} />
      <div class="page-body stack">
        {error && <p class="error" role="alert">{error}</p>}
        <ul class="people" role="list">
          {devices?.map((d) => (
            <li key={d.deviceId} class="person-row" data-testid="device">
              <span class="person-text">
                <span class="person-name">{d.name || t("devices.unnamed")} {d.deviceId === mine && <span class="tag">{t("devices.this")}</span>}</span>
                <span class="muted">{t("devices.lastUsed", { when: dateTime(d.lastUsedAt) })}</span>
              </span>
              {d.deviceId !== mine && (
                <button type="button" class="small danger" onClick={() => api("DELETE", `/api/me/devices/${d.deviceId}`).then(load, (e) => setError(describe(e)))}>
                  {t("devices.signOutDevice")}
                </button>
              )}
            </li>
          ))}
        </ul>
        <button type="button" data-testid="sign-out" onClick={() => void signOut(false)}>{t("devices.signOut")}</button>
        <button type="button" class="danger" onClick={() => void signOut(true)}>{t("devices.signOutEverywhere")}</button>
      </div>
    </section>
  );
}
