import { t } from "../../i18n/i18n";

/** The text of the SVG tile, escaped for XML: a display name may hold any character. */
function xml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A tile of the overlay: the viewer's name and delivery code, diagonal; repeated over the whole bubble. */
export function watermarkTile(label: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">`
    + `<text x="100" y="55" transform="rotate(-24 100 50)" text-anchor="middle" font-family="sans-serif" font-size="12" font-weight="600" fill="#7a7a7a">`
    + `${xml(label)}</text></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

/**
 * A faint tiled overlay on a classified copy: a screenshot of it names whose copy it was. It never catches a click
 * or a selection (pointer-events: none) and a screen reader skips it.
 */
export function Watermark({ name, code }: { name: string; code: string }) {
  const label = t("channels.watermark", { name, code });
  return <div class="watermark" data-testid="watermark" data-text={label} aria-hidden="true" style={{ backgroundImage: watermarkTile(label) }} />;
}
