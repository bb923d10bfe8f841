import type { SnippetPart } from "./messageSearch";

/** Text nodes and marks only: whatever a message holds is shown as text. */
export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return <>{parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
