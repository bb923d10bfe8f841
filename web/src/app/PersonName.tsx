import type { ComponentChildren } from "preact";

/**
 * A name on one line: a long one is cut with an ellipsis so that the buttons beside it stay on screen; the title
 * shows all of it on hover, and screen readers read the whole text anyway. Children (tags) are never cut.
 */
export function PersonName({ name, children }: { name: string; children?: ComponentChildren }) {
  return (
    <span class="person-name">
      <span class="one-line" title={name}>{name}</span>
      {children}
    </span>
  );
}
