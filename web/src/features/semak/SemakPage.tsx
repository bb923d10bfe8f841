import "../channels/channels.css";
import { useState } from "preact/hooks";
import { api } from "../../core/api";
import { describe } from "../../core/errors";
import { t } from "../../i18n/i18n";

interface BroadcastCheck {
  genuine: boolean;
  agencyName: string | null;
  channelName: string | null;
  postedAt: string | null;
  verification: string | null;
}

/**
 * /semak: anyone, signed in or not, pastes a forwarded broadcast and learns whether it is a genuine TERBUKA broadcast
 * of an agency. The server compares the canonical form (docs/broadcasts/signatures.md); this page only asks.
 */
export function SemakPage() {
  const [text, setText] = useState("");
  const [answer, setAnswer] = useState<BroadcastCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setAnswer(await api<BroadcastCheck>("POST", "/api/semak", { text }, true));
    } catch (err) {
      setAnswer(null);
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="page semak" aria-labelledby="semak-title" data-testid="semak">
      <div class="page-body stack">
        <h1 id="semak-title">{t("semak.title")}</h1>
        <p>{t("semak.intro")}</p>
        <form class="stack" onSubmit={submit}>
          <label for="semak-text">{t("semak.label")}</label>
          <textarea id="semak-text" rows={8} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit" class="primary" disabled={busy || !text.trim()}>{t("semak.check")}</button>
        </form>
        {error && <p class="error" role="alert">{error}</p>}
        {answer && (
          <div class={`note stack ${answer.genuine ? "semak-genuine" : "semak-not-genuine"}`} role="status" data-testid="semak-result">
            {answer.genuine ? (
              <>
                <p><strong>{t("semak.genuine", { agency: answer.agencyName ?? "", channel: answer.channelName ?? "", date: new Date(answer.postedAt!).toLocaleString() })}</strong></p>
                <p>{answer.verification === "Verified" ? t("semak.verified") : t("semak.unsigned")}</p>
              </>
            ) : (
              <p><strong>{t("semak.notGenuine")}</strong></p>
            )}
          </div>
        )}
        <p class="muted">{t("semak.rules")}</p>
      </div>
    </main>
  );
}
