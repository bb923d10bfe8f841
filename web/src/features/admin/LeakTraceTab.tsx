import { useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { t } from "../../i18n/i18n";
import { adminApi, type LeakTrace } from "./adminApi";

/**
 * "Jejak kebocoran": an admin pastes a leaked text, types the code off a screenshot's overlay, or gives a leaked
 * picture, and learns whose copy it is. Every trace is kept in the audit log.
 */
export function LeakTraceTab({ agencyId }: { agencyId: string }) {
  const [text, setText] = useState("");
  const [code, setCode] = useState("");
  const [picture, setPicture] = useState<File | null>(null);
  const [result, setResult] = useState<LeakTrace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(picture ? await adminApi.traceImage(agencyId, picture) : await adminApi.trace(agencyId, { text: text || undefined, code: code.trim() || undefined }));
    } catch (err) {
      setResult(null);
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="stack" onSubmit={submit} data-testid="leak-trace">
      <p class="muted">{t("leaks.intro")}</p>
      <label for="leak-text">{t("leaks.text")}</label>
      <textarea id="leak-text" rows={6} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <label for="leak-code">{t("leaks.code")}</label>
      <input id="leak-code" value={code} autocomplete="off" spellcheck={false} onInput={(e) => setCode(e.currentTarget.value)} />
      <label for="leak-picture">{t("leaks.picture")}</label>
      <input id="leak-picture" type="file" accept="image/jpeg,image/png" onChange={(e) => setPicture(e.currentTarget.files?.[0] ?? null)} />
      <button type="submit" class="primary" disabled={busy || (!text && !code.trim() && !picture)}>{t("leaks.trace")}</button>
      {error && <p class="error" role="alert">{error}</p>}
      {result && (
        <div class="note stack" role="status" data-testid="leak-result">
          {result.found ? (
            <>
              <p><strong>{result.recipients.length > 1 ? t("leaks.combined") : t("leaks.found")}</strong></p>
              <ul>
                {result.recipients.map((r) => <li key={r.userId}>{r.displayName ?? r.userId}{r.email ? ` <${r.email}>` : ""}</li>)}
              </ul>
              <p>{t("leaks.broadcast", { channel: result.broadcast!.channelName, level: result.broadcast!.level, date: new Date(result.broadcast!.postedAt).toLocaleString() })}</p>
              <p class="muted">{t("leaks.bound", { bound: result.falseMatchBound.toExponential(1) })}</p>
            </>
          ) : (
            <p><strong>{t("leaks.nothing")}</strong></p>
          )}
        </div>
      )}
    </form>
  );
}
