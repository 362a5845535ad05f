import type { LabelSchema, LabelSnapshot } from '@readingroom/platform-shim';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { createValueStore } from '../runtime/createValueStore';
import { nodulesTestSchema } from '../testing/testSchema';
import { createPickerController, type OpenPicker } from './createPickerController';
import { LabelPicker } from './LabelPicker';

const schema: LabelSchema = { projectId: 'lung', version: 1, createdAt: '2026-11-28T10:00:00Z', createdBy: 'admin', definition: nodulesTestSchema };

function renderPicker() {
  const store = createValueStore<OpenPicker | undefined>(undefined);
  const created: LabelSnapshot[] = [];
  const discarded: string[] = [];
  const controller = createPickerController(store, {
    getSchema: () => schema,
    whyNotSaving: () => undefined,
    draftShape: labelId => ({ labelId, scope: 'image', StudyInstanceUID: '1.2', SeriesInstanceUID: '1.2.3', SOPInstanceUID: '1.2.3.4', geometry: { kind: 'length', toolName: 'Length', points: [[0, 0, 0]] } }),
    create: snapshot => (created.push(snapshot), true),
    update: () => undefined,
    discard: labelId => void discarded.push(labelId),
    onClosed: () => undefined,
  });
  function Host() {
    const open = useSyncExternalStore(store.subscribe, store.get);
    return open ? <LabelPicker state={open.state} schema={schema.definition} controller={controller} /> : null;
  }
  render(<Host />);
  act(() => void controller.open({ mode: 'create', labelId: 'l1', subject: { kind: 'drawn', geometryKind: 'length' }, anchor: { x: 100, y: 100 } }, { kind: 'annotation' }));
  return { created, discarded, store };
}

const key = (key: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(document.activeElement!, { key, ...init });

describe('LabelPicker', () => {
  it('is a labelled modal dialog with focus in the filter, listing what may be drawn as a length', () => {
    renderPicker();
    const dialog = screen.getByRole('dialog', { name: 'Label this length' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Finding type' }));
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual(['1Nodule', '2Mass']);
    expect(screen.getAllByRole('option')[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('filters as the labeler types and accepts a type without attributes on Enter', () => {
    const { created } = renderPicker();
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'ma' } });
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual(['Mass']);
    key('Enter');
    expect(created.map(c => c.findingTypeId)).toEqual(['mass']);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('chooses with a number key, then asks for attributes: keys pick enum options, Enter saves', () => {
    const { created } = renderPicker();
    key('1');
    screen.getByRole('radiogroup', { name: /Composition/ });
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /Solid/ }));
    key('2');
    const partSolid = screen.getByRole('radio', { name: /Part solid/ }) as HTMLInputElement;
    expect(partSolid.checked).toBe(true);
    // Focus follows the key, so Tab goes on to the next field (not to the checked radio first).
    expect(document.activeElement).toBe(partSolid);
    fireEvent.change(screen.getByRole('textbox', { name: /Diameter/ }), { target: { value: '4.5' } });
    key('Enter');
    expect(created[0]!.attributes).toEqual({ composition: 'part-solid', diameter: 4.5 });
  });

  it('shows why a value is refused next to its field, and keeps the dialog open', () => {
    const { created } = renderPicker();
    key('1');
    fireEvent.change(screen.getByRole('textbox', { name: /Diameter/ }), { target: { value: '400' } });
    key('Enter');
    expect(created).toEqual([]);
    expect(screen.getAllByRole('alert').map(a => a.textContent)).toEqual(['Composition is required', 'Diameter must be at most 100 mm']);
    expect(screen.getByRole('textbox', { name: /Diameter/ }).getAttribute('aria-invalid')).toBe('true');
  });

  it('cancels on Esc, removing the drawing rather than leaving it unlabeled', () => {
    const { discarded, created } = renderPicker();
    key('Escape');
    expect(discarded).toEqual(['l1']);
    expect(created).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps Tab inside the dialog', () => {
    renderPicker();
    key('1');
    const save = screen.getByRole('button', { name: /Save/ });
    save.focus();
    key('Tab');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Change' }));
    key('Tab', { shiftKey: true });
    expect(document.activeElement).toBe(save);
  });

  it('keeps its keys from OHIF’s hotkeys (which listen on the document)', () => {
    renderPicker();
    const onDocument = jest.fn();
    document.addEventListener('keydown', onDocument);
    key('2');
    document.removeEventListener('keydown', onDocument);
    expect(onDocument).not.toHaveBeenCalled();
  });
  it.each(['Enter', ' '])('runs Change and Cancel on %j even when the host cancels the key first', pressed => {
    const { discarded, created } = renderPicker();
    const cancelOnDocument = (event: KeyboardEvent) => event.preventDefault();
    document.addEventListener('keydown', cancelOnDocument, true);
    key('1');
    screen.getByRole('button', { name: 'Change' }).focus();
    key(pressed);
    expect(screen.getByRole('combobox', { name: 'Finding type' })).toBeTruthy();
    key('1');
    screen.getByRole('button', { name: /Cancel/ }).focus();
    key(pressed);
    document.removeEventListener('keydown', cancelOnDocument, true);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(discarded).toEqual(['l1']);
    expect(created).toEqual([]);
  });
});
