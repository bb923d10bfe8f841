import { notificationPermission, requestNotificationPermission } from "../../core/notifications";
import { t } from "../../i18n/i18n";

/** Where the browser's permission stands, and the one button that asks for it (a prompt needs a click to come from). */
export function DesktopNotifications() {
  const state = notificationPermission.value;
  return (
    <div class="desktop-notifications" data-testid="desktop-notifications">
      <p class="muted small-text" role="status">{t(`alerts.permission.${state}`)}</p>
      {state === "default" && (
        <button type="button" onClick={() => void requestNotificationPermission()}>{t("alerts.allow")}</button>
      )}
    </div>
  );
}
