import type { LabelSnapshot } from '@readingroom/platform-shim';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { LabelEntry } from '../runtime/labelsStore';
import { nodulesTestSchema } from '../testing/testSchema';
import { LabelList } from './LabelList';

const entry = (labelId: string, findingTypeId: string, status: 'draft' | 'submitted' = 'draft'): LabelEntry => ({
  origin: 'local',
  snapshot: {
    labelId,
    projectId: 'lung',
    schemaVersion: 1,
    findingTypeId,
    attributes: findingTypeId === 'nodule' ? { composition: 'solid' } : {},
    status,
    scope: 'image',
    StudyInstanceUID: '1.2',
    SeriesInstanceUID: '1.2.3',
    SOPInstanceUID: '1.2.3.4',
    geometry: { kind: 'length', toolName: 'Length', points: [[0, 0, 0], [1, 0, 0]] },
    measurements: [{ name: 'length', value: 12.34, unit: 'mm' }],
  } as LabelSnapshot,
});

function renderList(onUndo = () => false) {
  const actions: string[] = [];
  function Host() {
    const [selected, setSelected] = useState<string | undefined>();
    return (
      <LabelList
        entries={[entry('m1', 'mass'), entry('n1', 'nodule'), entry('n2', 'nodule', 'submitted')]}
        schema={nodulesTestSchema}
        selectedLabelId={selected}
        onSelect={setSelected}
        onAction={(labelId, action) => actions.push(`${action} ${labelId}`)}
        onUndo={onUndo}
      />
    );
  }
  render(<Host />);
  const list = screen.getByRole('listbox', { name: 'Labels' });
  act(() => list.focus());
  fireEvent.focus(list); // jsdom does not send React the focusin that a browser does
  const press = (key: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(list, { key, ...init });
  return { list, press, actions };
}

describe('LabelList', () => {
  it('groups labels by finding type in schema order, with attributes, measurement and status', () => {
    renderList();
    expect(screen.getAllByRole('group').map(g => g.getAttribute('data-finding-type'))).toEqual(['nodule', 'mass']);
    const first = screen.getAllByRole('option')[0]!;
    expect(first.textContent).toContain('Length 12.3 mm');
    expect(first.textContent).toContain('Solid');
    expect(screen.getAllByRole('option').map(o => o.getAttribute('data-status'))).toEqual(['draft', 'submitted', 'draft']);
  });

  it('is one tab stop; arrows, Home and End move the selection it announces', () => {
    const { list, press } = renderList();
    expect(list.tabIndex).toBe(0);
    // Focus selects the first label.
    expect(list.getAttribute('aria-activedescendant')).toBe('rr-label-n1');
    press('ArrowDown');
    expect(list.getAttribute('aria-activedescendant')).toBe('rr-label-n2');
    press('End');
    expect(list.getAttribute('aria-activedescendant')).toBe('rr-label-m1');
    press('ArrowDown');
    expect(list.getAttribute('aria-activedescendant')).toBe('rr-label-m1');
    press('Home');
    press('ArrowUp');
    expect(list.getAttribute('aria-activedescendant')).toBe('rr-label-n1');
    expect(screen.getAllByRole('option').map(o => o.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
  });

  it('edits with Enter, shows with Space, deletes with Delete, undoes with Ctrl+Z', () => {
    const undo = jest.fn(() => true);
    const { press, actions } = renderList(undo);
    press('ArrowDown');
    press('Enter');
    press(' ');
    press('Delete');
    press('z', { ctrlKey: true });
    expect(actions).toEqual(['edit n2', 'show n2', 'delete n2']);
    expect(undo).toHaveBeenCalledTimes(1);
  });

  it('keeps the keys it uses from OHIF’s hotkeys (Space would reset the viewport)', () => {
    const { list } = renderList();
    const onDocument = jest.fn();
    document.addEventListener('keydown', onDocument);
    fireEvent.keyDown(list, { key: ' ' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    document.removeEventListener('keydown', onDocument);
    expect(onDocument).not.toHaveBeenCalled();
  });

  it('shows a label on click and edits it on the edit button', () => {
    const { actions } = renderList();
    fireEvent.click(screen.getAllByRole('option')[2]!);
    fireEvent.click(screen.getAllByRole('button', { name: 'Edit label' })[0]!);
    expect(actions).toEqual(['show m1', 'edit n1']);
  });
});
