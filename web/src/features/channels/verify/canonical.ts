// The canonical form of a broadcast's text (docs/broadcasts/signatures.md, "The canonical form"): what is signed, so
// a copy with its invisible delivery marks, re-wrapped lines or fullwidth digits checks out the same.

/** Format characters (Cf) and variation selectors: removed before and after NFKC. */
const invisible = /[\p{Cf}\u180B-\u180D\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/** Unicode White_Space: each run becomes one space. */
const whiteSpace = /[\t-\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

export function canonicalText(text: string): string {
  return text.replace(invisible, "").normalize("NFKC").replace(invisible, "").replace(whiteSpace, " ").trim();
}
