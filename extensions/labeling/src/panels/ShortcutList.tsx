import { LABELING_SHORTCUTS, PICKER_AND_LIST_KEYS, describeShortcut } from '../keyboard/labelingKeymap';
import { PanelSummary } from '../ui/PanelSummary';
import { colors, kbdStyle } from '../ui/theme';

/** Every labeling shortcut, from the same table the keyboard handler uses. */
export function ShortcutList() {
  const rows = [...LABELING_SHORTCUTS.map(s => ({ keys: describeShortcut(s), label: s.label })), ...PICKER_AND_LIST_KEYS];
  return (
    <details style={{ marginTop: 10, color: colors.muted }} data-testid="rr-shortcuts">
      <PanelSummary style={{ cursor: 'pointer' }}>Keyboard shortcuts</PanelSummary>
      <table style={{ borderCollapse: 'collapse', marginTop: 4, fontSize: 12 }}>
        <tbody>
          {rows.map(row => (
            <tr key={`${row.keys}-${row.label}`}>
              <td style={{ padding: '1px 8px 1px 0', whiteSpace: 'nowrap' }}>
                <kbd style={kbdStyle}>{row.keys}</kbd>
              </td>
              <td style={{ padding: '1px 0' }}>{row.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
