import { render } from "preact";
// First: the theme is on the page before anything renders, so a dark system never flashes light.
import "./core/theme";
import { App } from "./app/App";
import { followVisualViewport } from "./app/viewport";
import "./app/styles.css";
import "./app/pwa.css";
import "./features/channels/channels.css";

render(<App />, document.getElementById("app")!);
followVisualViewport();

// The app shell only: messages and API answers never go through the cache (see public/sw.js).
if ("serviceWorker" in navigator && import.meta.env.PROD) {
  void navigator.serviceWorker.register("/sw.js").catch(() => undefined);
}
