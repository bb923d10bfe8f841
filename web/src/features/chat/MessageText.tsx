import { find } from "linkifyjs";
import type { ComponentChildren } from "preact";
import { displayName } from "../../core/people";

interface Piece {
  start: number;
  end: number;
  node: (key: number) => ComponentChildren;
}

/** Only these open from a message: a text that names another scheme stays text. */
const safeSchemes = /^(https?:|mailto:)/i;

/**
 * A message's text as elements: links found by linkifyjs become anchors and the names of mentioned members are
 * marked, the rest stays text. Nothing is ever parsed as markup, and no link is fetched for a preview.
 */
export function MessageText({ text, mentions, me }: { text: string; mentions: string[] | null | undefined; me: string }) {
  const pieces: Piece[] = [];
  for (const link of find(text, "url")) {
    if (!link.isLink || !safeSchemes.test(link.href)) continue;
    pieces.push({
      start: link.start, end: link.end,
      node: (key) => <a key={key} href={link.href} target="_blank" rel="noopener noreferrer" data-testid="message-link">{link.value}</a>,
    });
  }
  for (const id of mentions ?? []) {
    const label = `@${displayName(id)}`;
    for (let at = text.indexOf(label); at >= 0; at = text.indexOf(label, at + label.length)) {
      if (pieces.some((p) => at < p.end && p.start < at + label.length)) continue;
      pieces.push({
        start: at, end: at + label.length,
        node: (key) => <span key={key} class={`mention${id === me ? " mention-me" : ""}`} data-testid="mention">{label}</span>,
      });
    }
  }
  pieces.sort((a, b) => a.start - b.start);
  const out: ComponentChildren[] = [];
  let at = 0;
  pieces.forEach((p, i) => {
    if (p.start < at) return;
    if (p.start > at) out.push(text.slice(at, p.start));
    out.push(p.node(i));
    at = p.end;
  });
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}
