/**
 * Remembers where the last pointer release over an image happened, so the label picker can
 * open at the annotation just finished.
 */
export function trackPointer(target: Window = window) {
  let last: { x: number; y: number } | undefined;
  const onPointerUp = (event: PointerEvent) => {
    if (event.target instanceof Element && event.target.closest('.cornerstone-viewport-element, .cornerstone-canvas, canvas')) {
      last = { x: event.clientX, y: event.clientY };
    }
  };
  target.addEventListener('pointerup', onPointerUp, { capture: true, passive: true });
  return {
    last: () => last,
    stop: () => target.removeEventListener('pointerup', onPointerUp, { capture: true }),
  };
}
