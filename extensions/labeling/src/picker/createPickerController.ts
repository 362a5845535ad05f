import {
  composeLabelSnapshot,
  createUuidV7,
  shapeOf,
  validateLabelAgainstSchema,
  type LabelSchema,
  type LabelShape,
  type LabelSnapshot,
} from '@readingroom/platform-shim';
import { listPickerOptions, type PickerOption } from '../schema/listPickerOptions';
import type { ValueStore } from '../runtime/createValueStore';
import { createPickerState, readPickedTerms, reducePicker, type PickerAction, type PickerRequest, type PickerState } from './pickerModel';

/** What the label being named is, so accepting and cancelling know what to do with it. */
export type PickerSubjectSource =
  | { kind: 'annotation' }
  | { kind: 'segment'; segmentationId: string; segmentIndex: number; readShape: () => LabelShape }
  | { kind: 'classification'; StudyInstanceUID: string; SeriesInstanceUID?: string }
  | { kind: 'edit'; label: LabelSnapshot };

/** The side effects of the picker's answers, supplied by the labeling session. */
export interface PickerEffects {
  getSchema(): LabelSchema | undefined;
  /** Why new changes cannot be kept right now (the outbox is blocked), or undefined when they can. */
  whyNotSaving(): string | undefined;
  draftShape(labelId: string): LabelShape | undefined;
  /** Save a new label (annotation: through the forwarder; segment and classification: directly). */
  create(snapshot: LabelSnapshot, source: PickerSubjectSource): boolean;
  update(snapshot: LabelSnapshot, source: PickerSubjectSource): void;
  /** Take away what was drawn for a cancelled new label. */
  discard(labelId: string, source: PickerSubjectSource): void;
  /** The picker closed; `labelId` was named (or undefined when cancelled). */
  onClosed(request: PickerRequest, named: boolean): void;
}

export interface OpenPicker {
  state: PickerState;
  source: PickerSubjectSource;
}

/**
 * Runs the label picker: one request at a time (drafts that finish meanwhile wait their turn),
 * accept validates the whole label against the schema with the shared contract rules, cancel of
 * a new label removes what was drawn, so nothing is ever left unlabeled.
 */
export function createPickerController(store: ValueStore<OpenPicker | undefined>, effects: PickerEffects) {
  const waiting: Array<{ request: PickerRequest; source: PickerSubjectSource }> = [];

  const show = (request: PickerRequest, source: PickerSubjectSource) => {
    const schema = effects.getSchema();
    if (!schema) return false;
    const options: PickerOption[] = listPickerOptions(schema.definition, request.subject);
    store.set({ state: createPickerState(request, options, schema.definition), source });
    return true;
  };

  const close = (named: boolean) => {
    const open = store.get();
    store.set(undefined);
    if (open) effects.onClosed(open.state.request, named);
    const next = waiting.shift();
    if (next) show(next.request, next.source);
  };

  const shapeFor = (open: OpenPicker, option: PickerOption): LabelShape | undefined => {
    const { source, state } = open;
    if (source.kind === 'annotation') return effects.draftShape(state.request.labelId);
    if (source.kind === 'segment') return { ...source.readShape(), labelId: state.request.labelId };
    if (source.kind === 'edit') return shapeOf(source.label);
    const series = option.geometryKind === 'series-classification';
    return {
      labelId: state.request.labelId,
      scope: series ? 'series' : 'study',
      StudyInstanceUID: source.StudyInstanceUID,
      ...(series && source.SeriesInstanceUID ? { SeriesInstanceUID: source.SeriesInstanceUID } : {}),
      geometry: { kind: 'classification' },
    };
  };

  return {
    /** Asks for a name for something drawn or for a classification; false when no schema is loaded. */
    open(request: PickerRequest, source: PickerSubjectSource): boolean {
      if (!effects.getSchema()) return false;
      if (store.get()) {
        waiting.push({ request, source });
        return true;
      }
      return show(request, source);
    },
    dispatch(action: PickerAction) {
      const open = store.get();
      const schema = effects.getSchema();
      if (open && schema) store.set({ ...open, state: reducePicker(open.state, action, schema.definition) });
    },
    accept(): boolean {
      const open = store.get();
      const schema = effects.getSchema();
      if (!open || !schema) return false;
      const blocked = effects.whyNotSaving();
      if (blocked) {
        store.set({ ...open, state: reducePicker(open.state, { type: 'rejected', errors: [`Cannot save: ${blocked}`] }, schema.definition) });
        return false;
      }
      const picked = readPickedTerms(open.state, schema.definition);
      if (!picked.ok) {
        store.set({ ...open, state: picked.state });
        return false;
      }
      const { option, attributes } = picked.terms;
      const shape = shapeFor(open, option);
      if (!shape) {
        store.set({ ...open, state: reducePicker(open.state, { type: 'rejected', errors: ['What was drawn is no longer there'] }, schema.definition) });
        return false;
      }
      const edited = open.source.kind === 'edit' ? open.source.label : undefined;
      const snapshot = composeLabelSnapshot(shape, {
        projectId: edited?.projectId ?? schema.projectId,
        // Checked against the latest schema below, so it is made with that version (an edit too).
        schemaVersion: schema.version,
        findingTypeId: option.findingTypeId,
        attributes,
        status: edited?.status ?? 'draft',
      });
      const errors = validateLabelAgainstSchema(snapshot, schema.definition);
      if (errors.length > 0) {
        store.set({ ...open, state: reducePicker(open.state, { type: 'rejected', errors }, schema.definition) });
        return false;
      }
      if (edited) effects.update(snapshot, open.source);
      else if (!effects.create(snapshot, open.source)) return false;
      close(true);
      return true;
    },
    cancel() {
      const open = store.get();
      if (!open) return;
      if (open.source.kind !== 'edit') effects.discard(open.state.request.labelId, open.source);
      close(false);
    },
    /** What the picker was naming went away (e.g. the annotation was deleted): close without side effects. */
    forget(labelId: string) {
      const index = waiting.findIndex(w => w.request.labelId === labelId);
      if (index >= 0) waiting.splice(index, 1);
      if (store.get()?.state.request.labelId === labelId) close(false);
    },
    isOpenFor: (labelId: string) => store.get()?.state.request.labelId === labelId || waiting.some(w => w.request.labelId === labelId),
    newLabelId: () => createUuidV7(),
  };
}

export type PickerController = ReturnType<typeof createPickerController>;

