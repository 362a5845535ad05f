import type { LabelSchemaDefinition } from '@readingroom/platform-shim';
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { formatAttributes, formatGeometry } from '../runtime/groupLabels';
import type { LabelEntry } from '../runtime/labelsStore';
import { PanelButton } from '../ui/PanelButton';
import { buttonStyle, colors } from '../ui/theme';

export type RowAction = 'edit' | 'show' | 'delete';

const styles = {
  // Rows out of view are neither laid out nor painted: with hundreds of labels an update costs what is on screen.
  row: { display: 'flex', gap: 6, alignItems: 'flex-start', padding: '4px 6px', borderRadius: 4, marginBottom: 2, cursor: 'pointer', contentVisibility: 'auto', containIntrinsicSize: 'auto 44px' },
  main: { flex: 1, minWidth: 0 },
  line: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  status: { fontSize: 10, textTransform: 'uppercase', letterSpacing: '0.05em', borderRadius: 3, padding: '0 4px' },
  actions: { display: 'flex', gap: 2 },
  small: { ...buttonStyle, padding: '0 5px', fontSize: 11 },
} as const;

interface RowProps {
  entry: LabelEntry;
  schema: LabelSchemaDefinition | undefined;
  selected: boolean;
  onAction: (labelId: string, action: RowAction, event?: MouseEvent) => void;
}

/** One label: what it is (attributes), where (geometry and measurements), its status; mouse actions. */
export const LabelRow = memo(function LabelRow({ entry, schema, selected, onAction }: RowProps) {
  const { snapshot } = entry;
  const attributes = formatAttributes(snapshot, schema);
  const act = (action: RowAction) => (event: MouseEvent | KeyboardEvent) => {
    event.stopPropagation();
    onAction(snapshot.labelId, action, 'clientX' in event ? event : undefined);
  };
  return (
    <div
      id={`rr-label-${snapshot.labelId}`}
      role="option"
      aria-selected={selected}
      data-testid="rr-label-item"
      data-label-id={snapshot.labelId}
      data-origin={entry.origin}
      data-status={snapshot.status}
      onClick={() => onAction(snapshot.labelId, 'show')}
      onDoubleClick={act('edit')}
      style={{ ...styles.row, background: selected ? colors.surfaceRaised : 'rgba(255,255,255,0.03)', outline: selected ? `1px solid ${colors.accent}` : 'none' }}
    >
      <div style={styles.main}>
        <div style={styles.line} data-testid="rr-label-geometry">
          {formatGeometry(snapshot)}
        </div>
        <div style={{ ...styles.line, color: colors.muted }} data-testid="rr-label-attributes">
          {attributes || '—'}
        </div>
      </div>
      <span style={{ ...styles.status, color: snapshot.status === 'submitted' ? colors.ok : colors.warning, border: `1px solid currentColor` }}>{snapshot.status}</span>
      <span style={styles.actions}>
        <PanelButton tabIndex={-1} title="Edit (Enter)" aria-label="Edit label" onActivate={act('edit')} style={styles.small}>
          ✎
        </PanelButton>
        <PanelButton tabIndex={-1} title="Delete (Delete)" aria-label="Delete label" onActivate={act('delete')} style={styles.small}>
          ✕
        </PanelButton>
      </span>
    </div>
  );
});
