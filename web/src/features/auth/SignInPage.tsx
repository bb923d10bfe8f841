import { useState } from "preact/hooks";
import { api } from "../../core/api";
import { describe, GoChatError } from "../../core/errors";
import { endedReason, store } from "../../core/session";
import type { AgencyInfo, SignInResponse } from "../../core/types";
import { t } from "../../i18n/i18n";
import { LanguageToggle } from "../settings/LanguageToggle";
import { passkeyApi } from "../security/passkeyApi";
import { passkeysSupported } from "../../core/webauthn";

type Step = "email" | "code" | "pending";

/** Registration and sign-in are one flow: email, emailed code, and for outside addresses the agency to join. */
export function SignInPage() {
  const [step, setStep] = useState<Step>("email");
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [agencies, setAgencies] = useState<AgencyInfo[] | null>(null);
  const [agencyId, setAgencyId] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  // The agency question answers AGENCY_REQUIRED: its note says what the error would, so the error is not shown too.
  const runVerify = (work: () => Promise<void>) => run(async () => {
    try {
      await work();
    } catch (e) {
      if (!(e instanceof GoChatError && e.code === "AGENCY_REQUIRED")) throw e;
    }
  });

  const requestCode = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await api("POST", "/api/auth/code", { email: email.trim() }, true);
      setStep("code");
    });
  };

  // A passkey replaces the emailed code once the person has added one (Biometrik: fingerprint, face or PIN).
  const signInWithPasskey = () => {
    void run(async () => store(await passkeyApi.signIn(deviceName())));
  };

  const verify = (e: Event) => {
    e.preventDefault();
    void runVerify(async () => {
      try {
        const body = {
          email: email.trim(), code: code.trim(), deviceName: deviceName(),
          agencyId: agencyId || null, displayName: displayName.trim() || null,
        };
        const result = await api<SignInResponse | { userId: string; status: string }>("POST", "/api/auth/verify", body, true);
        if ("accessToken" in result) store(result);
        else setStep("pending");
      } catch (error) {
        // An address outside government: ask which agency it joins, then confirm the same code again.
        if (error instanceof GoChatError && error.code === "AGENCY_REQUIRED") {
          setAgencies(await api<AgencyInfo[]>("GET", "/api/agencies", undefined, true));
        }
        throw error;
      }
    });
  };

  return (
    <main class="auth">
      <div class="auth-card">
        <div class="auth-top">
          <h1 class="brand">GoChat</h1>
          <LanguageToggle />
        </div>
        <p class="muted">{t("auth.tagline")}</p>
        {endedReason.value && (
          <p class="note" role="alert" data-testid="session-ended">
            {t(`sessionEnded.${endedReason.value in reasons ? endedReason.value : "INVALID_SESSION"}`)}
          </p>
        )}
        {step === "email" && (
          <form onSubmit={requestCode} class="stack">
            <label for="email">{t("auth.email")}</label>
            <input id="email" type="email" autocomplete="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
            <button class="primary" type="submit" disabled={busy}>{t("auth.sendCode")}</button>
            {passkeysSupported() && (
              <>
                <p class="muted or">{t("auth.or")}</p>
                <button type="button" data-testid="passkey-sign-in" disabled={busy} onClick={signInWithPasskey}>{t("auth.passkey")}</button>
              </>
            )}
          </form>
        )}
        {step === "code" && (
          <form onSubmit={verify} class="stack">
            <p>{t("auth.codeSent", { email: email.trim() })}</p>
            <label for="code">{t("auth.code")}</label>
            <input id="code" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required
              value={code} onInput={(e) => setCode(e.currentTarget.value)} />
            {agencies && (
              <>
                <p class="note">{t("auth.externalNote")}</p>
                <label for="agency">{t("auth.agency")}</label>
                <select id="agency" required value={agencyId} onChange={(e) => setAgencyId(e.currentTarget.value)}>
                  <option value="">{t("auth.chooseAgency")}</option>
                  {agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
                </select>
                <label for="display-name">{t("auth.displayName")}</label>
                <input id="display-name" autocomplete="name" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
              </>
            )}
            <button class="primary" type="submit" disabled={busy}>{t("auth.verify")}</button>
            <button type="button" class="link" onClick={() => { setStep("email"); setCode(""); setAgencies(null); }}>{t("auth.otherEmail")}</button>
          </form>
        )}
        {step === "pending" && (
          <div class="stack" role="status">
            <h2>{t("auth.pendingTitle")}</h2>
            <p>{t("auth.pendingText")}</p>
            <button type="button" onClick={() => { setStep("email"); setCode(""); setAgencies(null); }}>{t("auth.back")}</button>
          </div>
        )}
        {error && <p class="error" role="alert">{error}</p>}
      </div>
    </main>
  );
}

/** Why the server ended the last session, each with its own text under sessionEnded.* in the i18n files. */
const reasons = { SUSPENDED: true, REJECTED: true, INVALID_SESSION: true };

/** A name the user recognises in "my devices". */
function deviceName(): string {
  const ua = navigator.userAgent;
  const os = /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Windows/.test(ua) ? "Windows" : /Mac/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : "";
  return t("auth.deviceName", { os }).trim();
}
