import type { ChatMessage } from "../../../core/types";
import { decodeCertificate, type AgencyKeyCertificate } from "./certificate";
import { fromBase64Url } from "./fields";
import { signedBytes, unixMs, type BroadcastPayload } from "./payload";
import { platformRoots } from "./platformRoots";

export { canonicalText } from "./canonical";
export { signedBytes, unixMs } from "./payload";
export { decodeCertificate } from "./certificate";
export { toHex, fromBase64Url } from "./fields";

/**
 * Verified: a key certified by a root this client ships signed exactly this broadcast, within the key's window, for
 * the agency the certificate names. Unverifiable: nothing to check it with (unsigned, unknown key or root, files whose
 * hashes the client is not given). Forged: a signature is there and does not hold.
 */
export type Verification =
  | { status: "verified"; agencyId: string; keyId: string; postedAtMs: number }
  | { status: "unverifiable"; reason: "unsigned" | "unknownKey" | "unknownRoot" | "attachments" | "unsupported" }
  | { status: "forged"; reason: "certificate" | "signature" | "agency" | "window" };

const ecdsa = { name: "ECDSA", namedCurve: "P-256" } as const;
const sha256 = { name: "ECDSA", hash: "SHA-256" } as const;

/** A P-256 public key from its raw uncompressed point (65 bytes) or SubjectPublicKeyInfo DER; null when neither. */
export async function importPublicKey(bytes: Uint8Array): Promise<CryptoKey | null> {
  try {
    return await crypto.subtle.importKey(bytes.length === 65 ? "raw" : "spki", bytes as BufferSource, ecdsa, false, ["verify"]);
  } catch {
    return null;
  }
}

/** ECDSA P-256 / SHA-256 over data, signature in P1363 (r ‖ s, 64 bytes). */
export async function verifySignature(key: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  if (signature.length !== 64) return false;
  try {
    return await crypto.subtle.verify(sha256, key, signature as BufferSource, data as BufferSource);
  } catch {
    return false;
  }
}

/** The certificate checked against the roots given (key id -> base64url key): true, false (forged) or null (root unknown). */
export async function verifyCertificate(cert: AgencyKeyCertificate, roots: Record<string, string>): Promise<boolean | null> {
  // Key ids are configuration keys, and those are case-insensitive.
  const entry = Object.entries(roots).find(([id]) => id.toLowerCase() === cert.rootKeyId.toLowerCase());
  const raw = entry ? fromBase64Url(entry[1]) : null;
  const root = raw ? await importPublicKey(raw) : null;
  if (!root) return null;
  if (cert.notAfterMs < cert.notBeforeMs) return false;
  return verifySignature(root, cert.signature, cert.toBeSigned);
}

/** The payload a delivered broadcast was signed as: the files enter through the hashes the seal carries. */
export function payloadOf(m: Pick<ChatMessage, "conversationId" | "sentAt" | "text" | "broadcast">): BroadcastPayload {
  const seal = m.broadcast!;
  return {
    broadcastId: seal.broadcastId, channelId: m.conversationId, agencyId: seal.agencyId, level: seal.level, tags: seal.tags ?? [],
    postedAtMs: unixMs(m.sentAt), text: m.text ?? "", attachmentSha256: seal.attachmentSha256 ?? [],
  };
}

/** In the order the server's verifier takes: the certificate, its root, the signature, the agency, the window. */
export async function verifyBroadcast(m: Pick<ChatMessage, "conversationId" | "sentAt" | "text" | "broadcast" | "attachments">,
  roots: Record<string, string> = platformRoots): Promise<Verification> {
  const seal = m.broadcast;
  if (!seal?.signature || !seal.keyId) return { status: "unverifiable", reason: "unsigned" };
  if (!crypto?.subtle) return { status: "unverifiable", reason: "unsupported" };
  // Files signed before the seal carried their hashes cannot be checked.
  if (m.attachments?.length && (seal.attachmentSha256?.length ?? 0) !== m.attachments.length) return { status: "unverifiable", reason: "attachments" };
  const cert = seal.certificate ? decodeCertificate(seal.certificate) : null;
  if (!cert || cert.keyId.toLowerCase() !== seal.keyId.toLowerCase()) return { status: "unverifiable", reason: "unknownKey" };
  const certified = await verifyCertificate(cert, roots);
  if (certified === null) return { status: "unverifiable", reason: "unknownRoot" };
  if (!certified) return { status: "forged", reason: "certificate" };
  const key = await importPublicKey(cert.publicKey);
  const signature = fromBase64Url(seal.signature);
  const payload = payloadOf(m);
  if (!key || !signature || !(await verifySignature(key, signature, signedBytes(payload)))) return { status: "forged", reason: "signature" };
  if (cert.agencyId.toLowerCase() !== seal.agencyId.toLowerCase()) return { status: "forged", reason: "agency" };
  if (payload.postedAtMs < cert.notBeforeMs || payload.postedAtMs > cert.notAfterMs) return { status: "forged", reason: "window" };
  return { status: "verified", agencyId: cert.agencyId, keyId: cert.keyId, postedAtMs: payload.postedAtMs };
}
