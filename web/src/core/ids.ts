/** A client message id: random, so a resend after a dropped connection is recognised by the server. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID needs a secure context; a phone on the office LAN over plain http still has getRandomValues.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The newest page of history: the server's long.MaxValue does not survive a JS number, this does. */
export const newestSeq = Number.MAX_SAFE_INTEGER;
