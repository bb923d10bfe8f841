/**
 * Fits a textarea's height to its text, up to its CSS max-height, past which it scrolls; it shrinks back as text goes.
 * Measured from scrollHeight after resetting the height, so a deleted line gives its room back.
 */
export function autoGrow(box: HTMLTextAreaElement | null) {
  if (!box) return;
  const style = getComputedStyle(box);
  const max = parseFloat(style.maxHeight) || Number.POSITIVE_INFINITY;
  // border-box sizing: the height holds the borders, scrollHeight does not.
  const borders = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
  box.style.height = "auto";
  const wanted = box.scrollHeight + borders;
  box.style.height = `${Math.min(wanted, max)}px`;
  box.style.overflowY = wanted > max ? "auto" : "hidden";
}
