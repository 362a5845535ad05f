import { createLabelLedger, type ClientEvent, type Label, type LabelSchema, type LabelSnapshot, type StudyProject } from '@readingroom/platform-shim';
import { createPickerController, type OpenPicker } from '../picker/createPickerController';
import { nodulesTestSchema } from '../testing/testSchema';
import { createProjectSwitcher } from './createProjectSwitcher';
import { createValueStore } from './createValueStore';
import { createLabelsStore, EMPTY_LABELS_STATE, labelsReducers, selectActiveSchema, selectProjectLabels } from './labelsStore';

const STUDY = '1.2';
const length = (labelId: string, projectId: string, x = 1): LabelSnapshot => ({
  labelId,
  projectId,
  schemaVersion: 1,
  findingTypeId: 'nodule',
  attributes: { composition: 'solid' },
  status: 'draft',
  scope: 'image',
  StudyInstanceUID: STUDY,
  SeriesInstanceUID: '1.2.3',
  SOPInstanceUID: '1.2.3.4',
  geometry: { kind: 'length', toolName: 'Length', points: [[x, 2, 3], [4, 5, 6]] },
});
const segment = (labelId: string, projectId: string): LabelSnapshot => ({
  ...length(labelId, projectId),
  scope: 'series',
  SOPInstanceUID: undefined,
  geometry: { kind: 'segmentation', segmentNumber: 1, Rows: 2, Columns: 2, frames: [] },
});
const saved = (snapshot: LabelSnapshot): Label => ({ ...snapshot, version: 1, contentHash: 'c'.repeat(64), createdBy: 'u', updatedAt: '2026-11-28T10:00:00Z', updatedBy: 'u' });
const schemaOf = (projectId: string): LabelSchema => ({ projectId, version: 1, createdAt: '2026-11-28T10:00:00Z', createdBy: 'admin', definition: nodulesTestSchema });
const project = (projectId: string): StudyProject => ({ project: { projectId, title: projectId }, schema: schemaOf(projectId) });

/**
 * A session's pieces around a real ledger, store and picker: what is drawn is a set; erasing an
 * annotation reports its removal to the ledger as the annotation forwarder does, erasing a
 * segment does not (the segmentation forwarder only reports edits).
 */
function setup(serverLabels: LabelSnapshot[]) {
  const sent: ClientEvent[] = [];
  const store = createLabelsStore(EMPTY_LABELS_STATE);
  const ledger = createLabelLedger({ sender: { send: async event => void sent.push(event) }, onChange: change => store.update(s => labelsReducers.labelChanged(s, change, 0, 5000)) });
  store.update(s => labelsReducers.projectsLoaded(labelsReducers.caseOpened(s, STUDY), [project('lung'), project('liver')], 'lung'));
  store.update(s => labelsReducers.studyLoaded(s, STUDY, serverLabels.map(saved)));
  const drawn = new Set<string>();
  const annotations = {
    erase: (labelId: string) => {
      drawn.delete(labelId);
      ledger.remove(labelId);
    },
  };
  const segmentations = { erase: (labelId: string) => void drawn.delete(labelId) };
  const restore = async (labels: LabelSnapshot[]) => {
    for (const label of labels) {
      ledger.markKnown(label);
      drawn.add(label.labelId);
    }
  };
  const pickerStore = createValueStore<OpenPicker | undefined>(undefined);
  const discarded: string[] = [];
  const picker = createPickerController(pickerStore, {
    getSchema: () => selectActiveSchema(store.getState()),
    whyNotSaving: () => undefined,
    draftShape: labelId => ({ ...length(labelId, ''), labelId }),
    create: snapshot => (ledger.create(snapshot), drawn.add(snapshot.labelId), true),
    update: snapshot => void ledger.update(snapshot),
    discard: labelId => (discarded.push(labelId), annotations.erase(labelId)),
    onClosed: () => undefined,
  });
  const calls: string[] = [];
  const chooseProject = createProjectSwitcher({
    store,
    ledger,
    picker,
    pickerOpen: () => Boolean(pickerStore.get()),
    annotations,
    segmentations,
    stopRestoring: () => void calls.push('stopRestoring'),
    restore,
    flushEdits: () => void calls.push('flushEdits'),
  });
  void restore(selectProjectLabels(store.getState()).map(e => e.snapshot));
  const drawNew = (labelId: string) => {
    drawn.add(labelId);
    picker.open({ mode: 'create', labelId, subject: { kind: 'drawn', geometryKind: 'length' } }, { kind: 'annotation' });
  };
  return { chooseProject, store, ledger, sent, drawn, picker, pickerStore, discarded, calls, drawNew };
}

describe('choosing another project of the study', () => {
  it("takes the old project's drawings off without sending anything and draws the new project's", () => {
    const { chooseProject, store, ledger, sent, drawn, calls } = setup([length('lung-a', 'lung'), segment('lung-seg', 'lung'), length('liver-a', 'liver')]);
    expect([...drawn].sort()).toEqual(['lung-a', 'lung-seg']);
    expect(ledger.has('liver-a')).toBe(false);

    chooseProject('liver');
    expect(store.getState().activeProjectId).toBe('liver');
    expect([...drawn]).toEqual(['liver-a']);
    expect(sent).toEqual([]);
    expect(['lung-a', 'lung-seg', 'liver-a'].map(id => ledger.has(id))).toEqual([false, false, true]);
    expect(calls).toEqual(['flushEdits', 'stopRestoring']);
    // The store keeps every project's labels; the panel lists the active project's.
    expect(store.getState().labels.map(e => e.snapshot.labelId).sort()).toEqual(['liver-a', 'lung-a', 'lung-seg']);
    expect(selectProjectLabels(store.getState()).map(e => e.snapshot.labelId)).toEqual(['liver-a']);

    // The new project's labels are tracked: deleting one is sent, for that project.
    ledger.remove('liver-a');
    expect(sent.map(e => [e.type, (e.payload as { projectId: string }).projectId])).toEqual([['label.removed', 'liver']]);
  });

  it('draws the old project again as this session left it when it is chosen again', () => {
    const { chooseProject, ledger, sent, drawn } = setup([length('lung-a', 'lung'), length('liver-a', 'liver')]);
    ledger.update(length('lung-a', 'lung', 7));
    chooseProject('liver');
    chooseProject('lung');
    expect([...drawn]).toEqual(['lung-a']);
    expect(ledger.get('lung-a')?.geometry).toEqual(length('lung-a', 'lung', 7).geometry);
    expect(sent.map(e => e.type)).toEqual(['label.modified']);
  });

  it('does nothing when the active project is chosen', () => {
    const { chooseProject, drawn, calls } = setup([length('lung-a', 'lung')]);
    chooseProject('lung');
    expect([...drawn]).toEqual(['lung-a']);
    expect(calls).toEqual([]);
  });

  it('drops drawings not named yet, and names a later drawing for the project chosen now', () => {
    const { chooseProject, picker, pickerStore, discarded, drawn, sent, drawNew } = setup([]);
    drawNew('draft-1');
    drawNew('draft-2');
    chooseProject('liver');
    expect(pickerStore.get()).toBeUndefined();
    expect(discarded).toEqual(['draft-1', 'draft-2']);
    expect([...drawn]).toEqual([]);

    drawNew('new');
    picker.dispatch({ type: 'choose', index: 0 });
    picker.dispatch({ type: 'setValue', attributeId: 'composition', text: 'solid' });
    expect(picker.accept()).toBe(true);
    expect(sent.map(e => [e.type, (e.payload as { labelId: string; projectId: string }).labelId, (e.payload as { projectId: string }).projectId])).toEqual([['label.created', 'new', 'liver']]);
  });
});
