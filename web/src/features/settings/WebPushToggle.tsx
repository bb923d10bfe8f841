import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { language, t } from "../../i18n/i18n";
import { browserSubscription, rememberLanguage, turnOff, turnOn, webPushStatus, type WebPushStatus } from "./webPush";

/**
 * "Notify me when GoChat is closed" (Web Push, issue 14): shown only when the user's agency has opted in. The push
 * says only that there is a new message; the app fetches the rest over its own connection.
 */
export function WebPushToggle() {
  const [status, setStatus] = useState<WebPushStatus | null>(null);
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void webPushStatus().then(async (s) => {
      setStatus(s);
      if (s.allowed) setOn((await browserSubscription()) !== null);
    }, () => setStatus(null));
  }, []);
  useEffect(() => void rememberLanguage(language.value), [language.value]);

  if (!status?.allowed || !status.publicKey) return null;
  const key = status.publicKey;

  const change = async (want: boolean) => {
    setBusy(true);
    try {
      if (want) await turnOn(key, language.value);
      else await turnOff();
      setOn(want);
      setError(null);
    } catch (e) {
      setOn(!want);
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <label class="switch">
        <input type="checkbox" data-testid="web-push" checked={on} disabled={busy} onChange={(e) => void change(e.currentTarget.checked)} />
        <span>
          <span>{t("webPush.toggle")}</span>
          <span class="muted small-text">{t("webPush.toggleHint")}</span>
        </span>
      </label>
      {error && <p class="error" role="alert" data-testid="web-push-error">{error}</p>}
    </>
  );
}
