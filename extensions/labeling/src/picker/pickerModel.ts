import { checkAttributeValue, type AttributeDefinition, type LabelSchemaDefinition, type LabelSnapshot } from '@readingroom/platform-shim';
import { filterPickerOptions, type PickerOption, type PickerSubject } from '../schema/listPickerOptions';

/** Why the picker is open: to name something just drawn (create) or to change a label (edit). */
export interface PickerRequest {
  mode: 'create' | 'edit';
  labelId: string;
  subject: PickerSubject;
  /** Where to show it, in page pixels (at the annotation); centred when absent. */
  anchor?: { x: number; y: number };
  initial?: Pick<LabelSnapshot, 'findingTypeId' | 'attributes'>;
}

export interface PickerState {
  request: PickerRequest;
  options: PickerOption[];
  filter: string;
  /** Index into the visible (filtered) options. */
  highlighted: number;
  step: 'type' | 'attributes';
  chosen?: PickerOption;
  /** Field text by attribute id, as typed (numbers are parsed on accept). */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Problems with the label as a whole (e.g. the schema refused it). */
  formErrors: string[];
}

export type PickerAction =
  | { type: 'filter'; text: string }
  | { type: 'move'; delta: number }
  | { type: 'choose'; index?: number }
  | { type: 'back' }
  | { type: 'setValue'; attributeId: string; text: string }
  | { type: 'rejected'; errors: string[] };

/** What the picker answers when the labeler accepts. */
export interface PickedTerms {
  option: PickerOption;
  attributes: LabelSnapshot['attributes'];
}

export function createPickerState(request: PickerRequest, options: PickerOption[], schema: LabelSchemaDefinition): PickerState {
  const state: PickerState = { request, options, filter: '', highlighted: 0, step: 'type', values: {}, errors: {}, formErrors: [] };
  const initial = request.initial;
  const index = initial ? options.findIndex(o => o.findingTypeId === initial.findingTypeId) : -1;
  if (!initial || index < 0) return state;
  const values = Object.fromEntries(Object.entries(initial.attributes).map(([id, value]) => [id, String(value)]));
  const chosen = options[index]!;
  return { ...state, highlighted: index, values, chosen, step: attributesOf(schema, chosen).length > 0 ? 'attributes' : 'type' };
}

export function visibleOptions(state: PickerState): PickerOption[] {
  return filterPickerOptions(state.options, state.filter);
}

export function attributesOf(schema: LabelSchemaDefinition, option: PickerOption | undefined): AttributeDefinition[] {
  return schema.findingTypes.find(f => f.id === option?.findingTypeId)?.attributes ?? [];
}

export function reducePicker(state: PickerState, action: PickerAction, schema: LabelSchemaDefinition): PickerState {
  switch (action.type) {
    case 'filter':
      return { ...state, filter: action.text, highlighted: 0, formErrors: [] };
    case 'move': {
      const count = visibleOptions(state).length;
      return count === 0 ? state : { ...state, highlighted: (state.highlighted + action.delta + count) % count };
    }
    case 'choose': {
      const option = visibleOptions(state)[action.index ?? state.highlighted];
      if (!option) return state;
      const keep = state.chosen?.findingTypeId === option.findingTypeId;
      const step = attributesOf(schema, option).length > 0 ? 'attributes' : 'type';
      return { ...state, chosen: option, step, values: keep ? state.values : {}, errors: {}, formErrors: [] };
    }
    case 'back':
      return { ...state, step: 'type', formErrors: [] };
    case 'setValue': {
      const { [action.attributeId]: _cleared, ...errors } = state.errors;
      return { ...state, values: { ...state.values, [action.attributeId]: action.text }, errors, formErrors: [] };
    }
    case 'rejected':
      return { ...state, formErrors: action.errors };
  }
}

/**
 * The chosen finding type and its attribute values, checked field by field with the schema's own
 * rules (`checkAttributeValue`); on a problem, the state to show with each field's error.
 */
export function readPickedTerms(state: PickerState, schema: LabelSchemaDefinition): { ok: true; terms: PickedTerms } | { ok: false; state: PickerState } {
  const option = state.chosen;
  if (!option) return { ok: false, state: { ...state, formErrors: ['Choose a finding type'] } };
  const attributes: PickedTerms['attributes'] = {};
  const errors: Record<string, string> = {};
  for (const attribute of attributesOf(schema, option)) {
    const text = (state.values[attribute.id] ?? '').trim();
    if (text === '') {
      if (attribute.required) errors[attribute.id] = `${attribute.label} is required`;
      continue;
    }
    const value = attribute.kind === 'number' ? parseNumber(text) : text;
    const problem = checkAttributeValue(attribute, value);
    if (problem) errors[attribute.id] = problem;
    else attributes[attribute.id] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, state: { ...state, step: 'attributes', errors } };
  return { ok: true, terms: { option, attributes } };
}

/** Decimal numbers as radiologists type them: "4.5", "4,5", " 12 ". */
function parseNumber(text: string): number {
  const normalized = text.replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalized) ? Number(normalized) : Number.NaN;
}
