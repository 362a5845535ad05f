import { nodulesTestSchema as schema } from '../testing/testSchema';
import { listPickerOptions } from '../schema/listPickerOptions';
import { createPickerState, readPickedTerms, reducePicker, visibleOptions, type PickerAction, type PickerRequest, type PickerState } from './pickerModel';

const create: PickerRequest = { mode: 'create', labelId: 'l1', subject: { kind: 'drawn', geometryKind: 'length' } };
const start = (request: PickerRequest = create) => createPickerState(request, listPickerOptions(schema, request.subject), schema);
const run = (state: PickerState, ...actions: PickerAction[]) => actions.reduce((s, a) => reducePicker(s, a, schema), state);

describe('label picker model', () => {
  it('filters as the labeler types and keeps the highlight on a visible option', () => {
    const state = run(start(), { type: 'filter', text: 'mass' });
    expect(visibleOptions(state).map(o => o.findingTypeId)).toEqual(['mass']);
    expect(state.highlighted).toBe(0);
    expect(visibleOptions(run(state, { type: 'filter', text: 'zzz' }))).toEqual([]);
  });

  it('moves the highlight with the arrow keys, wrapping around', () => {
    const state = start();
    expect(run(state, { type: 'move', delta: 1 }).highlighted).toBe(1);
    expect(run(state, { type: 'move', delta: -1 }).highlighted).toBe(visibleOptions(state).length - 1);
  });

  it('chooses by number (index) and goes on to the attributes the type has', () => {
    const state = run(start(), { type: 'choose', index: 0 });
    expect(state.chosen?.findingTypeId).toBe('nodule');
    expect(state.step).toBe('attributes');
  });

  it('accepts a type without attributes at once', () => {
    const state = run(start(), { type: 'filter', text: 'mass' }, { type: 'choose' });
    expect(state.step).toBe('type');
    expect(readPickedTerms(state, schema)).toEqual({ ok: true, terms: { option: expect.objectContaining({ findingTypeId: 'mass' }), attributes: {} } });
  });

  it('asks for required attributes and checks every field with the schema rules', () => {
    let state = run(start(), { type: 'choose', index: 0 }, { type: 'setValue', attributeId: 'diameter', text: '150' });
    const refused = readPickedTerms(state, schema);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.state.errors).toEqual({ composition: 'Composition is required', diameter: 'Diameter must be at most 100 mm' });
    state = run(refused.state, { type: 'setValue', attributeId: 'composition', text: 'solid' }, { type: 'setValue', attributeId: 'diameter', text: '4,5' });
    expect(state.errors).toEqual({});
    expect(readPickedTerms(state, schema)).toMatchObject({ ok: true, terms: { attributes: { composition: 'solid', diameter: 4.5 } } });
  });

  it.each(['4.5mm', '1e', '--1', 'four'])('refuses %p as a number rather than guessing', text => {
    const state = run(start(), { type: 'choose', index: 0 }, { type: 'setValue', attributeId: 'composition', text: 'solid' }, { type: 'setValue', attributeId: 'diameter', text });
    const result = readPickedTerms(state, schema);
    expect(!result.ok && result.state.errors['diameter']).toBe('Diameter must be a number');
  });

  it('leaves optional blank fields out of the label', () => {
    const state = run(start(), { type: 'choose', index: 0 }, { type: 'setValue', attributeId: 'composition', text: 'part-solid' }, { type: 'setValue', attributeId: 'comment', text: '  ' });
    expect(readPickedTerms(state, schema)).toMatchObject({ ok: true, terms: { attributes: { composition: 'part-solid' } } });
  });

  it('opens an edit on the attributes of the current type, values filled in', () => {
    const state = start({ ...create, mode: 'edit', initial: { findingTypeId: 'nodule', attributes: { composition: 'solid', diameter: 6 } } });
    expect(state.step).toBe('attributes');
    expect(state.values).toEqual({ composition: 'solid', diameter: '6' });
  });

  it('keeps values when the same type is chosen again, clears them for another type', () => {
    const withValues = run(start(), { type: 'choose', index: 0 }, { type: 'setValue', attributeId: 'composition', text: 'solid' }, { type: 'back' });
    expect(run(withValues, { type: 'choose', index: 0 }).values).toEqual({ composition: 'solid' });
    expect(run(withValues, { type: 'choose', index: 1 }).values).toEqual({});
  });

  it('shows problems the whole label has until the labeler changes something', () => {
    const state = run(start(), { type: 'rejected', errors: ['/geometry: Nodule cannot be a point'] });
    expect(state.formErrors).toEqual(['/geometry: Nodule cannot be a point']);
    expect(run(state, { type: 'filter', text: 'n' }).formErrors).toEqual([]);
  });
});
