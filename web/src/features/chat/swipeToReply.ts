import { useRef, useState } from "preact/hooks";

/** How far a finger drags a message to the right before letting go replies to it. */
export const replyDistance = 64;
const maxDrag = 96;

/**
 * Swipe right on a message with a finger to reply, as on a phone messenger: the bubble follows the finger (at most
 * a little), and lets go back into place. A mostly vertical move is a scroll and is left to the browser; a mouse or
 * pen never swipes (they have the reply button and R).
 */
export function useSwipeToReply(onSwipe: () => void, enabled: boolean) {
  const start = useRef<{ id: number; x: number; y: number } | null>(null);
  const [dx, setDx] = useState(0);
  const reset = () => {
    start.current = null;
    setDx(0);
  };
  const handlers = {
    onPointerDown: (e: PointerEvent) => {
      if (!enabled || e.pointerType !== "touch" || !e.isPrimary) return;
      start.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
    },
    onPointerMove: (e: PointerEvent) => {
      const s = start.current;
      if (!s || s.id !== e.pointerId) return;
      const x = e.clientX - s.x;
      const y = e.clientY - s.y;
      if (Math.abs(y) > Math.abs(x) && Math.abs(y) > 10) return reset();
      setDx(Math.max(0, Math.min(maxDrag, x)));
    },
    onPointerUp: (e: PointerEvent) => {
      const s = start.current;
      if (!s || s.id !== e.pointerId) return;
      const swiped = e.clientX - s.x >= replyDistance;
      reset();
      if (swiped) onSwipe();
    },
    onPointerCancel: reset,
  };
  return { handlers, offset: dx };
}
