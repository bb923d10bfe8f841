import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { dateTime } from "../../core/format";
import type { PasskeyInfo } from "../../core/types";
import { passkeysSupported } from "../../core/webauthn";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";
import { passkeyApi } from "./passkeyApi";

/** My passkeys ("Biometrik"): sign in with the device's fingerprint, face or PIN instead of an emailed code. */
export function PasskeysPage() {
  const [passkeys, setPasskeys] = useState<PasskeyInfo[] | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = () => passkeyApi.list().then(setPasskeys, (e) => setError(describe(e)));
  useEffect(() => void load(), []);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      await load();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page" aria-labelledby="passkeys-title">
      <PageHeader id="passkeys-title" title={t("passkeys.title")} />
      <div class="page-body stack">
        <p class="muted">{t("passkeys.intro")}</p>
        {!passkeysSupported() && <p class="note">{t("errors.PASSKEY_UNSUPPORTED")}</p>}
        {passkeys?.length === 0 && <p class="muted">{t("passkeys.none")}</p>}
        <ul class="people" role="list">
          {passkeys?.map((p) => (
            <li key={p.id} class="person-row" data-testid="passkey">
              <span class="person-text">
                <span class="person-name">{p.name}</span>
                <span class="muted">
                  {t("passkeys.added", { when: dateTime(p.createdAt) })}
                  {" · "}
                  {p.lastUsedAt ? t("passkeys.lastUsed", { when: dateTime(p.lastUsedAt) }) : t("passkeys.neverUsed")}
                </span>
              </span>
              <button type="button" class="small danger" disabled={busy} aria-label={t("passkeys.revokeNamed", { name: p.name })}
                onClick={() => void act(() => passkeyApi.revoke(p.id), t("passkeys.revoked"))}>{t("passkeys.revoke")}</button>
            </li>
          ))}
        </ul>
        <form class="stack" onSubmit={(e) => { e.preventDefault(); void act(() => passkeyApi.add(name.trim()), t("passkeys.addedNotice")).then(() => setName("")); }}>
          <label for="passkey-name">{t("passkeys.name")}</label>
          <input id="passkey-name" maxLength={64} placeholder={t("passkeys.namePlaceholder")} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          <button class="primary" type="submit" disabled={busy || !passkeysSupported()}>{t("passkeys.add")}</button>
        </form>
        {notice && <p role="status">{notice}</p>}
        {error && <p class="error" role="alert">{error}</p>}
      </div>
    </section>
  );
}
