import type { Label, LabelSnapshot, StudyProject } from '@readingroom/platform-shim';
import { nodulesTestSchema } from '../testing/testSchema';
import { EMPTY_LABELS_STATE, labelsReducers as r, selectActiveSchema, selectProjectLabels, type LabelsState } from './labelsStore';

const snapshot = (labelId: string, projectId = 'lung'): LabelSnapshot => ({
  labelId,
  projectId,
  schemaVersion: 1,
  findingTypeId: 'mass',
  attributes: {},
  status: 'draft',
  scope: 'study',
  StudyInstanceUID: '1.2',
  geometry: { kind: 'classification' },
});
const saved = (labelId: string, projectId = 'lung'): Label => ({
  ...snapshot(labelId, projectId),
  version: 3,
  contentHash: 'a'.repeat(64),
  createdBy: 'u',
  updatedAt: '2026-11-28T10:00:00Z',
  updatedBy: 'u',
});
const project = (projectId: string, withSchema: boolean): StudyProject => ({
  project: { projectId, title: projectId },
  schema: withSchema ? { projectId, version: 2, createdAt: '2026-11-28T10:00:00Z', createdBy: 'admin', definition: nodulesTestSchema } : null,
});

describe('labels store', () => {
  it('makes the first project with a schema the active one, and lists only its labels', () => {
    let state: LabelsState = r.projectsLoaded(r.caseOpened(EMPTY_LABELS_STATE, '1.2'), [project('draft-project', false), project('lung', true)]);
    expect(state.activeProjectId).toBe('lung');
    expect(r.projectsLoaded(EMPTY_LABELS_STATE, [project('lung', true), project('other', true)], 'other').activeProjectId).toBe('other');
    expect(selectActiveSchema(state)?.version).toBe(2);
    state = r.studyLoaded(r.studyLoading(state, '1.2'), '1.2', [saved('a'), saved('b', 'other')]);
    expect(selectProjectLabels(state).map(e => [e.snapshot.labelId, e.origin, e.version])).toEqual([['a', 'server', 3]]);
    expect(state.loadingStudies).toEqual([]);
  });

  it('keeps a label changed here over an older server copy that arrives later', () => {
    let state = r.labelChanged({ ...EMPTY_LABELS_STATE, activeProjectId: 'lung' }, { kind: 'upsert', snapshot: { ...snapshot('a'), findingTypeId: 'nodule' }, change: 'modified' }, 0, 5000);
    state = r.studyLoaded(state, '1.2', [saved('a')]);
    expect(state.labels[0]!.snapshot.findingTypeId).toBe('nodule');
  });

  it('offers to undo a deletion until its time runs out', () => {
    let state = r.labelChanged({ ...EMPTY_LABELS_STATE, activeProjectId: 'lung' }, { kind: 'upsert', snapshot: snapshot('a'), change: 'created' }, 0, 5000);
    state = r.labelSelected(state, 'a');
    state = r.labelChanged(state, { kind: 'removed', labelId: 'a', StudyInstanceUID: '1.2', snapshot: snapshot('a') }, 1000, 5000);
    expect(state.labels).toEqual([]);
    expect(state.selectedLabelId).toBeUndefined();
    expect(state.undo).toEqual({ snapshot: snapshot('a'), until: 6000 });
    expect(r.undoExpired(state, 5999).undo).toBeDefined();
    expect(r.undoExpired(state, 6000).undo).toBeUndefined();
    // Brought back (undo): the offer goes.
    expect(r.labelChanged(state, { kind: 'upsert', snapshot: snapshot('a'), change: 'created' }, 2000, 5000).undo).toBeUndefined();
  });

  it("marks the active project's drafts submitted once the case is submitted", () => {
    let state: LabelsState = { ...EMPTY_LABELS_STATE, activeProjectId: 'lung' };
    state = r.studyLoaded(state, '1.2', [saved('a'), saved('b', 'other')]);
    state = r.submissionChanged(state, { state: 'submitted', nextStudyUid: null });
    expect(state.labels.map(e => e.snapshot.status)).toEqual(['submitted', 'draft']);
  });
  it("replaces a study's labels with the server's on reload, even those changed here", () => {
    let state = r.labelChanged({ ...EMPTY_LABELS_STATE, activeProjectId: 'lung' }, { kind: 'upsert', snapshot: { ...snapshot('a'), findingTypeId: 'nodule' }, change: 'modified' }, 0, 5000);
    state = r.labelChanged(state, { kind: 'upsert', snapshot: snapshot('gone'), change: 'created' }, 0, 5000);
    state = r.labelChanged(state, { kind: 'upsert', snapshot: { ...snapshot('prior'), StudyInstanceUID: '9.9' }, change: 'created' }, 0, 5000);
    state = r.labelChanged(state, { kind: 'removed', labelId: 'b', StudyInstanceUID: '1.2', snapshot: snapshot('b') }, 0, 5000);
    state = r.labelSelected(state, 'gone');
    state = r.studyReloaded(state, '1.2', [saved('a'), saved('b')]);
    expect(state.labels.map(e => [e.snapshot.labelId, e.snapshot.findingTypeId, e.origin, e.version])).toEqual([
      ['prior', 'mass', 'local', undefined],
      ['a', 'mass', 'server', 3],
      ['b', 'mass', 'server', 3],
    ]);
    expect(state.selectedLabelId).toBeUndefined();
    // The deleted label is back from the server: nothing to undo.
    expect(state.undo).toBeUndefined();
  });
});
