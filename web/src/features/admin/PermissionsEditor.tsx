import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import type { ExternalPermissions } from "../../core/types";
import { t } from "../../i18n/i18n";
import { adminApi } from "./adminApi";

/** What an admin allows one external user beyond the default (grain-interfaces/Models/ExternalPermissions.cs). */
export function PermissionsEditor({ userId, name }: { userId: string; name: string }) {
  const [permissions, setPermissions] = useState<ExternalPermissions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => void adminApi.permissions(userId).then(setPermissions, (e) => setError(describe(e))), [userId]);

  const change = (next: ExternalPermissions) => {
    setSaved(false);
    adminApi.setPermissions(userId, next).then(() => { setPermissions(next); setError(null); setSaved(true); }, (e) => setError(describe(e)));
  };

  return (
    <fieldset class="permissions" data-testid="permissions">
      <legend>{t("portal.permissionsOf", { name })}</legend>
      {(["canCreateGroups", "canSeeAllAgencies"] as const).map((key) => (
        <label key={key} class="switch">
          <input type="checkbox" checked={permissions?.[key] ?? false} disabled={!permissions}
            onChange={(e) => permissions && change({ ...permissions, [key]: e.currentTarget.checked })} />
          <span>{t(`portal.${key}`)}</span>
        </label>
      ))}
      {saved && <p class="success" role="status">{t("portal.permissionsSaved")}</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </fieldset>
  );
}
