import * as ReactDOM from 'react-dom';
import type { LabelingRuntime } from '../runtime/createLabelingRuntime';
import { PickerHost } from './PickerHost';

// React 18's react-dom exports createRoot (the host's copy; 'react-dom/client' only re-exports it).
type CreateRoot = (container: Element) => { render(node: unknown): void; unmount(): void };

let mounted: { unmount(): void } | undefined;

/** Mounts the picker in its own root on the page, once: it must work whether the labels panel is open or not. */
export function mountPickerHost(runtime: LabelingRuntime) {
  if (mounted) return;
  const container = document.createElement('div');
  container.dataset['readingroom'] = 'picker-host';
  document.body.appendChild(container);
  const root = (ReactDOM as unknown as { createRoot: CreateRoot }).createRoot(container);
  root.render(<PickerHost runtime={runtime} />);
  mounted = root;
}
