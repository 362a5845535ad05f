import type { LabelSnapshot } from '@readingroom/platform-shim';
import { fireEvent, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { CaseBar } from '../panels/CaseBar';
import { ClassifyButton } from '../panels/ClassifyButton';
import { ExportSectionView } from '../panels/ExportSectionView';
import { LabelRow } from '../panels/LabelRow';
import { UndoBar } from '../panels/UndoBar';
import { nodulesTestSchema } from '../testing/testSchema';
import { ShortcutList } from '../panels/ShortcutList';
import { PanelButton } from './PanelButton';

const snapshot: LabelSnapshot = {
  labelId: 'n1',
  projectId: 'lung',
  schemaVersion: 1,
  findingTypeId: 'nodule',
  attributes: { composition: 'solid' },
  status: 'draft',
  scope: 'image',
  StudyInstanceUID: '1.2',
  SeriesInstanceUID: '1.2.3',
  SOPInstanceUID: '1.2.3.4',
  geometry: { kind: 'length', toolName: 'Length', points: [[0, 0, 0], [1, 0, 0]] },
};

/** OHIF's hotkeys as the host binds them: on the document, cancelling the default action of the keys they see. */
function hostHotkeys() {
  const seen: string[] = [];
  const listener = (event: KeyboardEvent) => {
    seen.push(event.key);
    event.preventDefault();
  };
  document.addEventListener('keydown', listener);
  return { seen, stop: () => document.removeEventListener('keydown', listener) };
}

/** Every button of the panels, each with what it should do when run. */
const panelButtons: Array<[string, (run: (what: string) => void) => ReactElement, string]> = [
  ['Classify', run => <ClassifyButton onClassify={() => run('classify')} />, 'classify'],
  ['Submit case & next', run => <CaseBar entries={[]} submission={{ state: 'idle' }} canSubmit onSubmit={() => run('submit')} />, 'submit'],
  ['Undo', run => <UndoBar undo={{ snapshot, until: Date.now() + 60_000 }} title="Nodule" onUndo={() => run('undo')} onExpired={() => undefined} />, 'undo'],
  ['Edit label', run => <LabelRow entry={{ snapshot, origin: 'local' }} schema={nodulesTestSchema} selected={false} onAction={(id, action) => run(`${action} ${id}`)} />, 'edit n1'],
  ['Delete label', run => <LabelRow entry={{ snapshot, origin: 'local' }} schema={nodulesTestSchema} selected={false} onAction={(id, action) => run(`${action} ${id}`)} />, 'delete n1'],
  ['Export SR', run => <ExportSectionView status={{ state: 'idle' }} onRun={task => run(JSON.stringify(task))} />, '{"kind":"export","format":"sr"}'],
  ['Export SEG', run => <ExportSectionView status={{ state: 'idle' }} onRun={task => run(JSON.stringify(task))} />, '{"kind":"export","format":"seg"}'],
  ['Load from DICOM', run => <ExportSectionView status={{ state: 'idle' }} onRun={task => run(JSON.stringify(task))} />, '{"kind":"import"}'],
];

describe('panel buttons under OHIF hotkeys', () => {
  describe.each(panelButtons)('%s', (name, ui, expected) => {
    it.each(['Enter', ' '])('runs once on %j while focused, and the key does not reach the hotkeys', key => {
      const hotkeys = hostHotkeys();
      const runs: string[] = [];
      render(ui(what => runs.push(what)));
      const button = screen.getByRole('button', { name: new RegExp(`^${name.replace(/[&]/g, '\\$&')}`) });
      button.focus();
      const notCancelled = fireEvent.keyDown(button, { key });
      expect(runs).toEqual([expected]);
      // The key's own default action is cancelled too, so a browser does not click the button a second time.
      expect(notCancelled).toBe(false);
      expect(hotkeys.seen).toEqual([]);
      hotkeys.stop();
    });
  });

  it.each(['Enter', ' '])('opens and closes the keyboard shortcuts on %j, the key kept from the hotkeys', key => {
    const hotkeys = hostHotkeys();
    render(<ShortcutList />);
    const details = screen.getByTestId('rr-shortcuts') as HTMLDetailsElement;
    const summary = screen.getByText('Keyboard shortcuts');
    summary.focus();
    expect(fireEvent.keyDown(summary, { key })).toBe(false);
    expect(details.open).toBe(true);
    fireEvent.keyDown(summary, { key });
    expect(details.open).toBe(false);
    expect(hotkeys.seen).toEqual([]);
    hotkeys.stop();
  });

  it('runs on a click', () => {
    const runs: string[] = [];
    render(<PanelButton onActivate={() => runs.push('click')}>Go</PanelButton>);
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(runs).toEqual(['click']);
  });

  it('runs once when a held key repeats, never while disabled, and leaves other keys and shortcuts to the host', () => {
    const hotkeys = hostHotkeys();
    const runs: string[] = [];
    const { rerender } = render(<PanelButton onActivate={() => runs.push('run')}>Go</PanelButton>);
    const button = screen.getByRole('button', { name: 'Go' });
    fireEvent.keyDown(button, { key: 'Enter' });
    fireEvent.keyDown(button, { key: 'Enter', repeat: true });
    expect(runs).toEqual(['run']);
    fireEvent.keyDown(button, { key: 'Enter', ctrlKey: true });
    fireEvent.keyDown(button, { key: 'a' });
    expect(hotkeys.seen).toEqual(['Enter', 'a']);
    rerender(
      <PanelButton disabled onActivate={() => runs.push('run')}>
        Go
      </PanelButton>,
    );
    fireEvent.keyDown(button, { key: ' ' });
    expect(runs).toEqual(['run']);
    hotkeys.stop();
  });
});
