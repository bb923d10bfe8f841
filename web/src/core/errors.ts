import { t } from "../i18n/i18n";
import { maxTextLength } from "./limits";

/** A refusal from the gateway: GoChat's stable code plus the server's own text (English, for logs). */
export class GoChatError extends Error {
  constructor(public readonly code: string, serverText: string) {
    super(serverText);
  }
}

/** Hub errors arrive as "...HubException: CODE: text"; REST errors as problem details with a code. */
export function fromHubError(error: unknown): GoChatError {
  const text = error instanceof Error ? error.message : String(error);
  const match = /HubException: ([A-Z_]+): (.*)$/s.exec(text);
  if (match) return new GoChatError(match[1], match[2]);
  return new GoChatError("UNAVAILABLE", text);
}

/** The server says its limit in its own text ("at most 4096 characters"): the translation shows that number. */
function limitIn(serverText: string): string {
  return /at most (\d+)/.exec(serverText)?.[1] ?? String(maxTextLength.value ?? "");
}

/** A budget's refusal says when to try again ("try again in 12 s"), over the hub and REST alike. */
function retryIn(serverText: string): string | null {
  return /try again in (\d+) s/.exec(serverText)?.[1] ?? null;
}

/** What a person reads: the translated text for the code, the server's text for a code we do not know. */
export function describe(error: unknown): string {
  const e = error instanceof GoChatError ? error : fromHubError(error);
  const seconds = e.code === "RATE_LIMITED" ? retryIn(e.message) : null;
  if (seconds) return t("errors.RATE_LIMITED_RETRY", { seconds });
  const key = `errors.${e.code}`;
  const translated = t(key, { max: limitIn(e.message) });
  return translated === key ? `${t("errors.generic")} (${e.code})` : translated;
}
