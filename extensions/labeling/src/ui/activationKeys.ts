import type { KeyboardEvent } from 'react';

/** Enter or Space alone (with a modifier a key is a shortcut, e.g. Ctrl+Enter submits the case). */
export function isActivationKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (event.key === 'Enter' || event.key === ' ') && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
}

/**
 * A keydown handler that runs `activate` on Enter or Space, once per key press. OHIF's hotkeys,
 * bound on the document, cancel the default action of those keys, so a focused control of ours
 * would not activate by itself: the key is handled here, its default action cancelled (so a
 * browser does not activate the control a second time) and kept from the hotkeys.
 */
export function onActivationKey<T extends Element>(activate: (event: KeyboardEvent<T>) => void, disabled = false) {
  return (event: KeyboardEvent<T>) => {
    if (!isActivationKey(event)) return;
    event.preventDefault();
    event.stopPropagation();
    if (!event.repeat && !disabled) activate(event);
  };
}
