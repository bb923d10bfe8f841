import { signal } from "@preact/signals";

/** The current path; the gateway serves index.html for every client route, so deep links work. */
export const path = signal(location.pathname);

export function navigate(to: string, replace = false) {
  if (to === location.pathname) return;
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  path.value = to;
}

window.addEventListener("popstate", () => (path.value = location.pathname));

/** Matches "/chats/:id" style patterns; returns the named parts or null. */
export function match(pattern: string, value: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = value.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}
