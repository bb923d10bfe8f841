import { link } from "../core/hub";
import { t } from "../i18n/i18n";

/** Says when messages cannot flow, and that they will catch up by themselves. */
export function ConnectionBanner() {
  if (link.value === "connected") return null;
  return (
    <div class={`banner banner-${link.value}`} role="status" data-testid="connection-banner">
      {t(`connection.${link.value}`)}
    </div>
  );
}
