import { matchShortcut, type LabelingCommand } from './labelingKeymap';

/** Where keys belong to what has focus, not to the labeling shortcuts. */
function isOwnKeyboardZone(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return Boolean(target.closest('[role="dialog"], [data-rr-keys="own"]'));
}

/**
 * Runs labeling shortcuts from anywhere in the viewer except text fields, dialogs and our
 * list (which handle their own keys). A handled key is stopped before OHIF's hotkeys see it
 * (e.g. Ctrl+Z while a deletion can be undone); `run` returns false to let it through.
 */
export function bindLabelingKeys(run: (command: LabelingCommand) => boolean, target: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.repeat || isOwnKeyboardZone(event.target)) return;
    const shortcut = matchShortcut(event);
    if (!shortcut || !run(shortcut.command)) return;
    event.preventDefault();
    event.stopPropagation();
  };
  target.addEventListener('keydown', onKeyDown, { capture: true });
  return () => target.removeEventListener('keydown', onKeyDown, { capture: true });
}
