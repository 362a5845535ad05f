import type { LabelSchema, LabelShape, LabelSnapshot } from '@readingroom/platform-shim';
import { createValueStore } from '../runtime/createValueStore';
import { nodulesTestSchema } from '../testing/testSchema';
import { createPickerController, type OpenPicker, type PickerEffects } from './createPickerController';

const schema: LabelSchema = { projectId: 'lung', version: 3, createdAt: '2026-11-28T10:00:00Z', createdBy: 'admin', definition: nodulesTestSchema };
const shape = (labelId: string, kind: 'length' | 'point' = 'length'): LabelShape => ({
  labelId,
  scope: 'image',
  StudyInstanceUID: '1.2',
  SeriesInstanceUID: '1.2.3',
  SOPInstanceUID: '1.2.3.4',
  geometry: { kind, toolName: kind === 'length' ? 'Length' : 'Probe', points: [[0, 0, 0]] },
});

function setup(overrides: Partial<PickerEffects> = {}) {
  const store = createValueStore<OpenPicker | undefined>(undefined);
  const calls: string[] = [];
  const created: LabelSnapshot[] = [];
  const effects: PickerEffects = {
    getSchema: () => schema,
    whyNotSaving: () => undefined,
    draftShape: labelId => shape(labelId),
    create: snapshot => (created.push(snapshot), true),
    update: snapshot => void calls.push(`update ${snapshot.labelId}`),
    discard: labelId => void calls.push(`discard ${labelId}`),
    onClosed: (request, named) => void calls.push(`closed ${request.labelId} ${named}`),
    ...overrides,
  };
  const controller = createPickerController(store, effects);
  const drawn = (labelId: string) => controller.open({ mode: 'create', labelId, subject: { kind: 'drawn', geometryKind: 'length' } }, { kind: 'annotation' });
  return { store, controller, calls, created, drawn };
}

describe('label picker controller', () => {
  it('saves a new label with the schema version and draft status, then closes', () => {
    const { store, controller, created, calls, drawn } = setup();
    drawn('a');
    controller.dispatch({ type: 'filter', text: 'mass' });
    controller.dispatch({ type: 'choose' });
    expect(controller.accept()).toBe(true);
    expect(created).toEqual([expect.objectContaining({ labelId: 'a', projectId: 'lung', schemaVersion: 3, findingTypeId: 'mass', attributes: {}, status: 'draft', geometry: expect.objectContaining({ kind: 'length' }) })]);
    expect(store.get()).toBeUndefined();
    expect(calls).toEqual(['closed a true']);
  });

  it('keeps the picker open with field errors until required attributes are given', () => {
    const { store, controller, created, drawn } = setup();
    drawn('a');
    controller.dispatch({ type: 'choose', index: 0 });
    expect(controller.accept()).toBe(false);
    expect(store.get()?.state.errors).toEqual({ composition: 'Composition is required' });
    controller.dispatch({ type: 'setValue', attributeId: 'composition', text: 'solid' });
    expect(controller.accept()).toBe(true);
    expect(created[0]!.attributes).toEqual({ composition: 'solid' });
  });

  it('refuses a label the schema does not allow, with the shared validator’s reason', () => {
    // Mass may be a length or a point; the draft turned out to be an ellipse.
    const { store, controller, created } = setup({ draftShape: labelId => ({ ...shape(labelId), geometry: { kind: 'ellipse', toolName: 'EllipticalROI', points: [[0, 0, 0]] } }) });
    controller.open({ mode: 'create', labelId: 'a', subject: { kind: 'drawn', geometryKind: 'length' } }, { kind: 'annotation' });
    controller.dispatch({ type: 'filter', text: 'mass' });
    controller.dispatch({ type: 'choose' });
    expect(controller.accept()).toBe(false);
    expect(store.get()?.state.formErrors[0]).toContain('/geometry: Mass cannot be a ellipse');
    expect(created).toEqual([]);
  });

  it('refuses to accept while the browser cannot keep changes, and says why', () => {
    const { store, controller, created, drawn } = setup({ whyNotSaving: () => 'storage full' });
    drawn('a');
    controller.dispatch({ type: 'filter', text: 'mass' });
    controller.dispatch({ type: 'choose' });
    expect(controller.accept()).toBe(false);
    expect(store.get()?.state.formErrors).toEqual(['Cannot save: storage full']);
    expect(created).toEqual([]);
  });

  it('cancelling a new label discards what was drawn; cancelling an edit changes nothing', () => {
    const { controller, calls, drawn } = setup();
    drawn('a');
    controller.cancel();
    const label = { ...shape('b'), projectId: 'lung', schemaVersion: 3, findingTypeId: 'mass', attributes: {}, status: 'submitted' } as LabelSnapshot;
    controller.open({ mode: 'edit', labelId: 'b', subject: { kind: 'drawn', geometryKind: 'length' }, initial: label }, { kind: 'edit', label });
    controller.cancel();
    expect(calls).toEqual(['discard a', 'closed a false', 'closed b false']);
  });

  it('keeps the status of an edited label and updates it in place', () => {
    const label = { ...shape('b'), projectId: 'lung', schemaVersion: 1, findingTypeId: 'nodule', attributes: { composition: 'solid' }, status: 'submitted' } as LabelSnapshot;
    const updated: LabelSnapshot[] = [];
    const { controller: editor } = setup({ update: snapshot => void updated.push(snapshot) });
    editor.open({ mode: 'edit', labelId: 'b', subject: { kind: 'drawn', geometryKind: 'length' }, initial: label }, { kind: 'edit', label });
    editor.dispatch({ type: 'setValue', attributeId: 'composition', text: 'part-solid' });
    expect(editor.accept()).toBe(true);
    expect(updated).toEqual([expect.objectContaining({ labelId: 'b', status: 'submitted', schemaVersion: 3, attributes: { composition: 'part-solid' } })]);
  });

  it('asks about drafts one at a time, in the order they were finished', () => {
    const { store, controller, drawn } = setup();
    drawn('a');
    drawn('b');
    expect(store.get()?.state.request.labelId).toBe('a');
    expect(controller.isOpenFor('b')).toBe(true);
    controller.cancel();
    expect(store.get()?.state.request.labelId).toBe('b');
  });

  it('closes without side effects when what it was naming disappears', () => {
    const { store, controller, calls, drawn } = setup();
    drawn('a');
    controller.forget('a');
    expect(store.get()).toBeUndefined();
    expect(calls).toEqual(['closed a false']);
  });

  it('builds a study classification, or a series one for the series on screen', () => {
    const { controller, created } = setup();
    const source = { kind: 'classification', StudyInstanceUID: '1.2', SeriesInstanceUID: '1.2.3' } as const;
    controller.open({ mode: 'create', labelId: 'c', subject: { kind: 'classification' } }, source);
    controller.dispatch({ type: 'choose', index: 0 });
    controller.accept();
    expect(created[0]).toMatchObject({ labelId: 'c', scope: 'study', findingTypeId: 'study-assessment', geometry: { kind: 'classification' } });
    expect(created[0]!.SeriesInstanceUID).toBeUndefined();
  });

  it('offers nothing without a schema', () => {
    const { store, controller } = setup({ getSchema: () => undefined });
    expect(controller.open({ mode: 'create', labelId: 'a', subject: { kind: 'classification' } }, { kind: 'classification', StudyInstanceUID: '1.2' })).toBe(false);
    expect(store.get()).toBeUndefined();
  });
});
