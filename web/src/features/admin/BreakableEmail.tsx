import { Fragment } from "preact";

/** An address that wraps only after its "@" and dots, never inside a word: a <wbr> at each of those places. */
export function BreakableEmail({ email }: { email: string | null }) {
  if (!email) return null;
  const parts = email.split(/(?<=[@.])/);
  return <>{parts.map((part, i) => <Fragment key={i}>{i > 0 && <wbr />}{part}</Fragment>)}</>;
}
