import { useEffect, useState } from "preact/hooks";
import type { ChatMessage } from "../../core/types";
import { locale, t } from "../../i18n/i18n";
import { agencyName } from "./agencies";
import type { Verification } from "./verify/verify";

/** Each broadcast is checked once per page load: a signature does not change, and a list re-renders often. */
const checked = new Map<string, Promise<Verification>>();

function verification(m: ChatMessage): Promise<Verification> {
  const key = `${m.conversationId}:${m.seq}:${m.broadcast?.signature ?? ""}`;
  let p = checked.get(key);
  if (!p) {
    // Loaded only once a broadcast is on screen: most visits show none.
    p = import("./verify/verify").then((v) => v.verifyBroadcast(m)).catch((): Verification => ({ status: "unverifiable", reason: "unsupported" }));
    checked.set(key, p);
  }
  return p;
}

/** "Disahkan: <agency>, <date>", "Tidak dapat disahkan" or "PALSU: tandatangan tidak sah", checked in this browser. */
export function VerificationBadge({ m }: { m: ChatMessage }) {
  const [result, setResult] = useState<Verification | null>(null);
  useEffect(() => {
    let live = true;
    void verification(m).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [m.conversationId, m.seq]);
  if (!result) return <span class="verification checking" data-testid="verification" data-status="checking">{t("channels.checking")}</span>;
  if (result.status === "verified") {
    // The agency the certificate names, never the one the broadcast merely claims.
    const agency = agencyName(result.agencyId) ?? result.agencyId;
    const date = new Date(result.postedAtMs).toLocaleDateString(locale(), { day: "numeric", month: "long", year: "numeric" });
    return <span class="verification verified" data-testid="verification" data-status="verified" title={t("channels.verifiedHint")}>
      <span aria-hidden="true">✔ </span>{t("channels.verified", { agency, date })}
    </span>;
  }
  if (result.status === "forged") {
    return <span class="verification forged" data-testid="verification" data-status="forged" data-reason={result.reason} role="alert" title={t("channels.forgedHint")}>
      <span aria-hidden="true">✖ </span>{t("channels.forged")}
    </span>;
  }
  return <span class="verification unverifiable" data-testid="verification" data-status="unverifiable" data-reason={result.reason} title={t("channels.unverifiableHint")}>
    {t("channels.unverifiable")}
  </span>;
}
