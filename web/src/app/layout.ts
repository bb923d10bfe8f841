import { signal } from "@preact/signals";

/** True while the screen shows one pane at a time; the query is the one in styles.css (max-width: 760px). */
const query = window.matchMedia("(max-width: 760px)");
export const onePane = signal(query.matches);
query.addEventListener("change", (e) => (onePane.value = e.matches));
