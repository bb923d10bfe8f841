import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";

/**
 * A list read from the server a page at a time: the first page whenever a dependency changes (the search), the next
 * with `more()`. A page shorter than `size` was the last one. The fetch gets the rows so far (offset) and the last row (keyset).
 */
export function usePaged<T>(fetch: (offset: number, last: T | null) => Promise<T[]>, size: number, deps: unknown[]) {
  const [items, setItems] = useState<T[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const read = async (from: T[]) => {
    try {
      const page = await fetch(from.length, from.length > 0 ? from[from.length - 1]! : null);
      setItems([...from, ...page]);
      setHasMore(page.length === size);
      setError(null);
    } catch (e) {
      setError(describe(e));
    }
  };
  useEffect(() => void read([]), deps);

  return { items, hasMore, error, setError, reload: () => read([]), more: () => read(items ?? []) };
}
