import type { ActiveTimer } from './createActiveTimer';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
/** Pointer moves come at display rate; one per this many ms is plenty to know the user is there. */
const MOVE_SAMPLE_MS = 250;

/**
 * Feeds the active timer from the window: focus and blur, visibility, and user input (keys,
 * pointer, wheel). Returns a function that stops listening.
 */
export function trackActivity(timer: ActiveTimer, target: Window = window): () => void {
  let lastMove = 0;
  const onInput = (event: Event) => {
    if (event.type === 'pointermove') {
      if (event.timeStamp - lastMove < MOVE_SAMPLE_MS) return;
      lastMove = event.timeStamp;
    }
    // A key or a click can only come from a focused window (some hosts never send 'focus').
    if (event.type === 'keydown' || event.type === 'pointerdown') timer.setFocused(true);
    timer.input();
  };
  const onFocus = () => timer.setFocused(true);
  const onBlur = () => timer.setFocused(false);
  const onVisibility = () => timer.setFocused(target.document.visibilityState === 'visible' && target.document.hasFocus());

  INPUT_EVENTS.forEach(type => target.addEventListener(type, onInput, { capture: true, passive: true }));
  target.addEventListener('focus', onFocus);
  target.addEventListener('blur', onBlur);
  target.document.addEventListener('visibilitychange', onVisibility);
  if (!target.document.hasFocus()) timer.setFocused(false);

  return () => {
    INPUT_EVENTS.forEach(type => target.removeEventListener(type, onInput, { capture: true }));
    target.removeEventListener('focus', onFocus);
    target.removeEventListener('blur', onBlur);
    target.document.removeEventListener('visibilitychange', onVisibility);
  };
}
