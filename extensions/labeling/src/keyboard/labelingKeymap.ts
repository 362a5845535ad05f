import type { GeometryKind } from '@readingroom/platform-shim';

/** What a shortcut does in a labeling session. */
export type LabelingCommand =
  | { kind: 'tool'; geometry: GeometryKind }
  | { kind: 'eraser' }
  | { kind: 'threshold' }
  | { kind: 'classify' }
  | { kind: 'undoDelete' }
  | { kind: 'focusLabels' }
  | { kind: 'submit' };

export interface Shortcut {
  /** As KeyboardEvent.key reports it, lower case; modifiers spelled out. */
  key: string;
  ctrl?: boolean;
  alt?: boolean;
  shift?: boolean;
  command: LabelingCommand;
  label: string;
}

/**
 * The labeling shortcuts. They avoid OHIF's own default hotkeys (z r l h v c i e b a n
 * 1–4, arrows, space, [ ], ...), which keep working: W/L presets, scrolling, brush size.
 */
export const LABELING_SHORTCUTS: readonly Shortcut[] = [
  { key: 'p', command: { kind: 'tool', geometry: 'point' }, label: 'Point (probe)' },
  { key: 'd', command: { kind: 'tool', geometry: 'length' }, label: 'Length (distance)' },
  { key: 'x', command: { kind: 'tool', geometry: 'bidirectional' }, label: 'Bidirectional' },
  { key: 'o', command: { kind: 'tool', geometry: 'ellipse' }, label: 'Ellipse ROI' },
  { key: 'q', command: { kind: 'tool', geometry: 'rectangle' }, label: 'Rectangle ROI' },
  { key: 'f', command: { kind: 'tool', geometry: 'freehand' }, label: 'Freehand contour' },
  { key: 's', command: { kind: 'tool', geometry: 'segmentation' }, label: 'Brush (again: new segment)' },
  { key: 'w', command: { kind: 'eraser' }, label: 'Eraser' },
  { key: 't', command: { kind: 'threshold' }, label: 'Threshold brush' },
  { key: 'k', command: { kind: 'classify' }, label: 'Classify study / series' },
  { key: 'm', command: { kind: 'focusLabels' }, label: 'Go to the labels list' },
  { key: 'z', ctrl: true, command: { kind: 'undoDelete' }, label: 'Undo delete (while offered)' },
  { key: 'enter', ctrl: true, command: { kind: 'submit' }, label: 'Submit case & next' },
];

/** Keys that work inside the picker and the labels list (shown in the panel). */
export const PICKER_AND_LIST_KEYS: ReadonlyArray<{ keys: string; label: string }> = [
  { keys: 'type', label: 'Picker: filter finding types' },
  { keys: '1–9', label: 'Picker: choose a finding type (empty filter) or an option' },
  { keys: '↑ ↓', label: 'Picker and list: move' },
  { keys: 'Enter', label: 'Picker: accept · List: edit label' },
  { keys: 'Esc', label: 'Picker: cancel (a new drawing is removed)' },
  { keys: 'Space', label: 'List: jump to image' },
  { keys: 'Delete', label: 'List: delete label' },
];

/** The shortcut a key event means, if any. */
export function matchShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, shortcuts: readonly Shortcut[] = LABELING_SHORTCUTS): Shortcut | undefined {
  const key = event.key.toLowerCase();
  const ctrl = event.ctrlKey || event.metaKey;
  return shortcuts.find(s => s.key === key && Boolean(s.ctrl) === ctrl && Boolean(s.alt) === event.altKey && Boolean(s.shift) === event.shiftKey);
}

/** "Ctrl+Enter", "D". */
export function describeShortcut(shortcut: Shortcut): string {
  const key = shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key[0]!.toUpperCase() + shortcut.key.slice(1);
  return [shortcut.ctrl && 'Ctrl', shortcut.alt && 'Alt', shortcut.shift && 'Shift', key].filter(Boolean).join('+');
}
