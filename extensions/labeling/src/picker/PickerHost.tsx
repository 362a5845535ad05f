import { useCallback, useEffect, useRef } from 'react';
import { useStoreState } from '../panels/useStoreState';
import type { LabelingRuntime } from '../runtime/createLabelingRuntime';
import { selectActiveSchema } from '../runtime/labelsStore';
import { LabelPicker } from './LabelPicker';

/**
 * Shows the label picker while one is open, and gives focus back when it closes: to where the
 * labeler was (a row of the labels panel) or else to the viewport they were drawing in.
 */
export function PickerHost({ runtime }: { runtime: LabelingRuntime }) {
  const open = useStoreState(runtime.picker.subscribe, runtime.picker.get);
  const subscribeSession = useCallback((listener: () => void) => runtime.session.subscribe(listener), [runtime]);
  const session = useStoreState(subscribeSession, runtime.session.get);
  const schema = useStoreState(runtime.store.subscribe, () => selectActiveSchema(runtime.store.getState()));
  const openedFrom = useRef<Element | null>(null);
  const isOpen = Boolean(open);

  // Where focus was when the picker opened, read as the picker store changes: before React
  // renders the dialog and its autofocus moves focus inside.
  useEffect(() => {
    let wasOpen = Boolean(runtime.picker.get());
    return runtime.picker.subscribe(() => {
      const nowOpen = Boolean(runtime.picker.get());
      if (nowOpen && !wasOpen) openedFrom.current = document.activeElement;
      wasOpen = nowOpen;
    });
  }, [runtime]);

  useEffect(() => {
    if (!isOpen) return undefined;
    return () => {
      const from = openedFrom.current;
      const backToPanel = from instanceof HTMLElement && from.isConnected && from.closest('[data-testid="rr-labels-panel"]');
      const target = backToPanel ? from : session?.viewportElement();
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    };
  }, [isOpen, session]);

  if (!open || !schema || !session) return null;
  return <LabelPicker key={open.state.request.labelId} state={open.state} schema={schema.definition} controller={session.picker} />;
}
