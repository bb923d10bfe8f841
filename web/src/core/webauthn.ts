import { GoChatError } from "./errors";

/**
 * WebAuthn in the browser, for the options the gateway's FIDO2 library sends (byte fields in base64url) and the
 * answers it expects back (PublicKeyCredential as JSON, byte fields in base64url). Written out by hand rather than
 * with PublicKeyCredential.parseCreationOptionsFromJSON/toJSON, which older browsers lack.
 */

type Json = Record<string, unknown>;

export function passkeysSupported(): boolean {
  return typeof window.PublicKeyCredential === "function" && !!navigator.credentials;
}

export function fromBase64Url(text: string): ArrayBuffer {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

export function toBase64Url(buffer: ArrayBuffer | ArrayBufferView): string {
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function descriptors(list: unknown): PublicKeyCredentialDescriptor[] {
  return Array.isArray(list)
    ? list.map((d: Json) => ({ type: "public-key" as const, id: fromBase64Url(String(d.id)), ...(Array.isArray(d.transports) ? { transports: d.transports as AuthenticatorTransport[] } : {}) }))
    : [];
}

/** Only the members a browser knows, and no nulls: some browsers reject a null where they expect a dictionary. */
function withoutNulls<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** navigator.credentials.create with the gateway's creation options; the answer as the gateway reads it. */
export async function createPasskey(options: Json): Promise<Json> {
  const user = options.user as Json;
  const publicKey: PublicKeyCredentialCreationOptions = withoutNulls({
    rp: withoutNulls(options.rp as PublicKeyCredentialRpEntity),
    user: { id: fromBase64Url(String(user.id)), name: String(user.name), displayName: String(user.displayName) },
    challenge: fromBase64Url(String(options.challenge)),
    pubKeyCredParams: options.pubKeyCredParams as PublicKeyCredentialParameters[],
    timeout: options.timeout as number | undefined,
    excludeCredentials: descriptors(options.excludeCredentials),
    authenticatorSelection: options.authenticatorSelection ? withoutNulls(options.authenticatorSelection as AuthenticatorSelectionCriteria) : undefined,
    attestation: options.attestation as AttestationConveyancePreference | undefined,
  });
  const credential = (await call(() => navigator.credentials.create({ publicKey }))) as PublicKeyCredential;
  const response = credential.response as AuthenticatorAttestationResponse;
  return envelope(credential, {
    attestationObject: toBase64Url(response.attestationObject),
    transports: typeof response.getTransports === "function" ? response.getTransports() : [],
  });
}

/** navigator.credentials.get with the gateway's request options (no allow list: the browser offers GoChat's passkeys). */
export async function getPasskey(options: Json): Promise<Json> {
  const publicKey: PublicKeyCredentialRequestOptions = withoutNulls({
    challenge: fromBase64Url(String(options.challenge)),
    timeout: options.timeout as number | undefined,
    rpId: options.rpId as string | undefined,
    allowCredentials: descriptors(options.allowCredentials),
    userVerification: options.userVerification as UserVerificationRequirement | undefined,
  });
  const credential = (await call(() => navigator.credentials.get({ publicKey }))) as PublicKeyCredential;
  const response = credential.response as AuthenticatorAssertionResponse;
  return envelope(credential, {
    authenticatorData: toBase64Url(response.authenticatorData),
    signature: toBase64Url(response.signature),
    userHandle: response.userHandle ? toBase64Url(response.userHandle) : null,
  });
}

/** The JSON shape the gateway's Fido2 library reads, around the response fields particular to create or get. */
function envelope(credential: PublicKeyCredential, response: Json): Json {
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    response: { clientDataJSON: toBase64Url(credential.response.clientDataJSON), ...response },
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

/** The browser's refusals (cancelled, timed out, no passkey here) become one code the screens can explain. */
async function call(work: () => Promise<Credential | null>): Promise<Credential> {
  if (!passkeysSupported()) throw new GoChatError("PASSKEY_UNSUPPORTED", "This browser has no WebAuthn.");
  try {
    const credential = await work();
    if (!credential) throw new GoChatError("PASSKEY_CANCELLED", "No credential.");
    return credential;
  } catch (e) {
    if (e instanceof GoChatError) throw e;
    if (e instanceof DOMException && e.name === "InvalidStateError") throw new GoChatError("PASSKEY_EXISTS", e.message);
    throw new GoChatError("PASSKEY_CANCELLED", e instanceof Error ? e.message : String(e));
  }
}
