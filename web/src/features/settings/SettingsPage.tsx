import { useState } from "preact/hooks";
import { api } from "../../core/api";
import { settings } from "../../core/chat";
import { requestNotificationPermission } from "../../core/notifications";
import { describe } from "../../core/errors";
import type { UserSettings } from "../../core/types";
import { PageHeader } from "../../app/PageHeader";
import { language, t } from "../../i18n/i18n";
import { LanguageToggle } from "./LanguageToggle";
import { ThemeSwitch } from "./ThemeSwitch";
import { DesktopNotifications } from "./DesktopNotifications";
import { WebPushToggle } from "./WebPushToggle";

type Toggle = "readReceipts" | "notifications" | "notificationSound" | "notificationPreview";
const toggles: Toggle[] = ["readReceipts", "notifications", "notificationSound", "notificationPreview"];

/** Read receipts, notifications and language; saved to the account, so every device follows. */
export function SettingsPage() {
  const [error, setError] = useState<string | null>(null);
  const current = settings.value;

  const save = async (patch: Partial<UserSettings>) => {
    const base = settings.value ?? { readReceipts: true, notifications: true, notificationSound: true, notificationPreview: true, language: language.value };
    try {
      settings.value = await api<UserSettings>("PUT", "/api/me/settings", { ...base, ...patch });
      setError(null);
    } catch (e) {
      setError(describe(e));
    }
  };

  return (
    <section class="page" aria-labelledby="settings-title">
      <PageHeader id="settings-title" title={t("settings.title")} />
      <div class="page-body stack">
        <h2 class="section-title">{t("settings.language")}</h2>
        <LanguageToggle onChange={(lang) => void save({ language: lang })} />
        <h2 class="section-title">{t("theme.title")}</h2>
        <ThemeSwitch />
        <h2 class="section-title">{t("settings.privacyAndNotifications")}</h2>
        {toggles.map((key) => (
          <label key={key} class="switch">
            <input type="checkbox" checked={current ? current[key] : true} disabled={!current}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                if (key === "notifications" && on) void requestNotificationPermission();
                void save({ [key]: on });
              }} />
            <span>
              <span>{t(`settings.${key}`)}</span>
              <span class="muted small-text">{t(`settings.${key}Hint`)}</span>
            </span>
          </label>
        ))}
        <DesktopNotifications />
        <WebPushToggle />
        {error && <p class="error" role="alert">{error}</p>}
      </div>
    </section>
  );
}
