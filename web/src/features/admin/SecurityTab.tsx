import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import type { AgencySecurity } from "../../core/types";
import { t } from "../../i18n/i18n";
import { adminApi } from "./adminApi";

/** The agency's policy: whether its admins must sign in with a passkey, and whether its users may get Web Push. */
export function SecurityTab({ agencyId }: { agencyId: string }) {
  const [security, setSecurity] = useState<AgencySecurity | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void adminApi.security(agencyId).then(setSecurity, (e) => setError(describe(e))), [agencyId]);

  const save = (patch: Partial<AgencySecurity>) =>
    adminApi.setSecurity(agencyId, patch).then((s) => { setSecurity(s); setError(null); }, (e) => setError(describe(e)));

  return (
    <div class="stack">
      <label class="switch">
        <input type="checkbox" data-testid="require-passkey" checked={security?.requirePasskeyForAdmins ?? false} disabled={!security}
          onChange={(e) => void save({ requirePasskeyForAdmins: e.currentTarget.checked })} />
        <span>
          <span>{t("admin.requirePasskey")}</span>
          <span class="muted small-text">{t("admin.requirePasskeyHint")}</span>
        </span>
      </label>
      <label class="switch">
        <input type="checkbox" data-testid="allow-web-push" checked={security?.webPushAllowed ?? false} disabled={!security}
          onChange={(e) => void save({ webPushAllowed: e.currentTarget.checked })} />
        <span>
          <span>{t("webPush.allow")}</span>
          <span class="muted small-text">{t("webPush.allowHint")}</span>
        </span>
      </label>
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
