/**
 * AES-256-GCM over JSON for the offline copy. The key comes from the server (GET /api/me/cache-key) and is imported
 * non-extractable: page script can use it while it is stored, never read its bytes back out.
 */

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export interface CacheKey {
  key: CryptoKey;
  /** Tells whether the server still hands out the same key without keeping its bytes: a short hash of them. */
  keyId: string;
}

export async function importCacheKey(base64: string): Promise<CacheKey> {
  const raw = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  if (raw.length !== 32) throw new Error("The cache key is not 32 bytes.");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  const keyId = [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const key = await crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
  raw.fill(0);
  return { key, keyId };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The record's place (user, store, id) is bound in as additional data, so a record copied to another place or
 * another user's database does not decrypt.
 */
export async function seal(key: CryptoKey, place: string, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(place) }, key, encoder.encode(JSON.stringify(value)));
  return { iv, data };
}

export async function open<T>(key: CryptoKey, place: string, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv, additionalData: encoder.encode(place) }, key, sealed.data);
  return JSON.parse(decoder.decode(plain)) as T;
}
