/** "banjir, #selangor  amaran" -> ["banjir", "selangor", "amaran"]: commas or spaces between, a leading # dropped, each once. */
export function parseTags(text: string): string[] {
  const tags = text.split(/[\s,]+/).map((x) => x.replace(/^#+/, "")).filter(Boolean);
  return [...new Set(tags)];
}
