/**
 * Browsers that lay the page out behind the on-screen keyboard (Safari on iPhone ignores interactive-widget) shrink
 * only the visual viewport: the app takes that height, so the composer stays above the keyboard.
 */
export function followVisualViewport() {
  const vv = window.visualViewport;
  if (!vv) return;
  const apply = () => {
    const covered = window.innerHeight - vv.height > 1;
    if (covered) document.documentElement.style.setProperty("--visible-height", `${vv.height}px`);
    else document.documentElement.style.removeProperty("--visible-height");
    // The browser scrolled the page to show the focused field; the app is sized to fit, so it goes back.
    if (covered && window.scrollY !== 0) window.scrollTo(0, 0);
  };
  vv.addEventListener("resize", apply);
  apply();
}
