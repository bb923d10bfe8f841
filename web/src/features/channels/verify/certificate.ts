import { FieldReader, FieldWriter, fromBase64Url, parseInstant } from "./fields";

/** The root's statement that publicKey speaks for agencyId from notBefore to notAfter, inclusive (AgencyKeyCertificate.cs). */
export interface AgencyKeyCertificate {
  keyId: string;
  agencyId: string;
  /** The raw uncompressed point, 65 bytes. */
  publicKey: Uint8Array;
  notBeforeMs: number;
  notAfterMs: number;
  rootKeyId: string;
  /** What the root signed. */
  toBeSigned: Uint8Array;
  /** P1363, 64 bytes. */
  signature: Uint8Array;
}

export const certificateHeader = "gochat-agency-key-v1\n";

/** AgencyKeyCertificate.TryDecode: null for a wrong header, key or signature length, instant text or trailing bytes. */
export function decodeCertificate(encoded: string): AgencyKeyCertificate | null {
  const data = fromBase64Url(encoded);
  if (!data) return null;
  const r = new FieldReader(data, certificateHeader);
  const keyId = r.text();
  const agencyId = r.text();
  const publicKey = r.bytes();
  const notBeforeMs = parseInstant(r.text());
  const notAfterMs = parseInstant(r.text());
  const rootKeyId = r.text();
  const end = r.offset;
  const signature = r.bytes();
  if (!r.ok || !r.done || keyId === null || agencyId === null || rootKeyId === null || notBeforeMs === null || notAfterMs === null) return null;
  if (publicKey?.length !== 65 || publicKey[0] !== 4 || signature?.length !== 64) return null;
  return { keyId, agencyId, publicKey, notBeforeMs, notAfterMs, rootKeyId, toBeSigned: data.slice(0, end), signature };
}

/** ToBeSignedBytes() rebuilt from the fields (for checks that the decoder kept exactly what was signed). */
export function toBeSignedBytes(c: AgencyKeyCertificate): Uint8Array {
  return new FieldWriter(certificateHeader).text(c.keyId).text(c.agencyId).bytes(c.publicKey)
    .text(String(c.notBeforeMs)).text(String(c.notAfterMs)).text(c.rootKeyId).toArray();
}
