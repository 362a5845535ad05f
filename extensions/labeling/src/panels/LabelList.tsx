import type { LabelSchemaDefinition } from '@readingroom/platform-shim';
import { useCallback, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { groupLabels } from '../runtime/groupLabels';
import type { LabelEntry } from '../runtime/labelsStore';
import { colors } from '../ui/theme';
import { LabelRow, type RowAction } from './LabelRow';

const styles = {
  list: { outline: 'none', borderRadius: 4, padding: 2 },
  heading: { display: 'flex', alignItems: 'center', gap: 6, fontSize: 12, textTransform: 'uppercase', letterSpacing: '0.05em', color: colors.muted, margin: '10px 0 4px' },
  swatch: { width: 10, height: 10, borderRadius: 2 },
} as const;

export interface LabelListProps {
  entries: LabelEntry[];
  schema: LabelSchemaDefinition | undefined;
  selectedLabelId: string | undefined;
  onSelect: (labelId: string) => void;
  onAction: (labelId: string, action: RowAction, anchor?: { x: number; y: number }) => void;
  onUndo: () => boolean;
}

/**
 * The labels grouped by finding type, as one listbox: ↑/↓ (Home/End) select, Space shows the
 * label on its image, Enter edits, Delete deletes, Ctrl+Z brings the last deleted one back.
 */
export function LabelList({ entries, schema, selectedLabelId, onSelect, onAction, onUndo }: LabelListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => groupLabels(entries, schema), [entries, schema]);
  const order = useMemo(() => groups.flatMap(g => g.entries.map(e => e.snapshot.labelId)), [groups]);

  const rowOf = (labelId: string) => ref.current?.ownerDocument.getElementById(`rr-label-${labelId}`);
  const anchorOf = (labelId: string) => {
    const rect = rowOf(labelId)?.getBoundingClientRect();
    // The picker opens left of the panel, level with the row.
    return rect ? { x: Math.max(0, rect.left - 340), y: rect.top - 16 } : undefined;
  };

  const onRowAction = useCallback(
    (labelId: string, action: RowAction, event?: MouseEvent) => onAction(labelId, action, event ? { x: Math.max(0, event.clientX - 340), y: event.clientY } : undefined),
    [onAction],
  );

  const select = (labelId: string | undefined) => {
    if (!labelId) return;
    onSelect(labelId);
    rowOf(labelId)?.scrollIntoView?.({ block: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = selectedLabelId ? order.indexOf(selectedLabelId) : -1;
    const handled = (() => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') return onUndo();
      if (event.ctrlKey || event.metaKey || event.altKey) return false;
      switch (event.key) {
        case 'ArrowDown':
          select(order[Math.min(order.length - 1, index + 1)]);
          return true;
        case 'ArrowUp':
          select(order[Math.max(0, index - 1)]);
          return true;
        case 'Home':
          select(order[0]);
          return true;
        case 'End':
          select(order.at(-1));
          return true;
      }
      if (!selectedLabelId) return false;
      if (event.key === 'Enter') onAction(selectedLabelId, 'edit', anchorOf(selectedLabelId));
      else if (event.key === ' ') onAction(selectedLabelId, 'show');
      else if (event.key === 'Delete' || event.key === 'Backspace') onAction(selectedLabelId, 'delete');
      else return false;
      return true;
    })();
    // Keys the list uses are not OHIF hotkeys (Space resets the viewport, arrows change image, ...).
    event.stopPropagation();
    if (handled) event.preventDefault();
  };

  return (
    <div
      ref={ref}
      role="listbox"
      tabIndex={0}
      aria-label="Labels"
      aria-describedby="rr-label-list-keys"
      aria-activedescendant={selectedLabelId ? `rr-label-${selectedLabelId}` : undefined}
      data-rr-label-list
      data-rr-keys="own"
      data-testid="rr-label-list"
      onKeyDown={onKeyDown}
      onFocus={() => (!selectedLabelId && order[0] ? onSelect(order[0]) : undefined)}
      style={styles.list}
    >
      <span id="rr-label-list-keys" hidden>
        Arrow keys select, Space shows on the image, Enter edits, Delete deletes, Control Z undoes a deletion.
      </span>
      {groups.map(group => (
        <div key={group.findingTypeId} role="group" aria-labelledby={`rr-group-${group.findingTypeId}`} data-testid="rr-label-group" data-finding-type={group.findingTypeId}>
          <div id={`rr-group-${group.findingTypeId}`} role="presentation" style={styles.heading}>
            <span aria-hidden style={{ ...styles.swatch, background: group.color ?? colors.border }} />
            {group.title} ({group.entries.length})
          </div>
          {group.entries.map(entry => (
            <LabelRow
              key={entry.snapshot.labelId}
              entry={entry}
              schema={schema}
              selected={entry.snapshot.labelId === selectedLabelId}
              onAction={onRowAction}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
