/**
 * The platform root public keys this client trusts: key id -> base64url raw point or SPKI. They are compiled in at
 * build time from GOCHAT_PLATFORM_ROOTS (vite.config.ts); a deployment builds its client with its own root
 * (docs/broadcasts/signatures.md). Without one, no broadcast can show as verified.
 */
export const platformRoots: Record<string, string> = parse(__GOCHAT_PLATFORM_ROOTS__);

function parse(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return {};
  }
}
