import type { Label, LabelChange, LabelSchema, LabelSnapshot, SessionUser, StudyProject } from '@readingroom/platform-shim';

/** A label as the panel shows it: where it came from and whether the server has it yet. */
export interface LabelEntry {
  snapshot: LabelSnapshot;
  /** 'server': loaded from the server; 'local': made or changed in this session. */
  origin: 'server' | 'local';
  version?: number;
  updatedBy?: string;
}

export type SubmissionState =
  | { state: 'idle' }
  | { state: 'submitting' }
  | { state: 'submitted'; nextStudyUid: string | null }
  | { state: 'failed'; message: string };

export interface LabelsState {
  user?: SessionUser;
  identity?: 'development' | 'oidc';
  sessionError?: string;
  /** The case: the first study the viewer opened in this session. */
  studyUid?: string;
  projects: StudyProject[];
  activeProjectId?: string;
  projectsLoading: boolean;
  projectError?: string;
  loadingStudies: string[];
  loadErrors: string[];
  labels: LabelEntry[];
  selectedLabelId?: string;
  /** The label deleted last, while its deletion can be undone. */
  undo?: { snapshot: LabelSnapshot; until: number };
  submission: SubmissionState;
  /** The latest things a user should know (e.g. an annotation that cannot become a label). */
  notices: string[];
  /** Label edits the session holds back until a drag settles: not with the sender yet, so not saved. */
  unsentEdits: number;
}

export const EMPTY_LABELS_STATE: LabelsState = {
  projects: [],
  projectsLoading: false,
  loadingStudies: [],
  loadErrors: [],
  labels: [],
  submission: { state: 'idle' },
  notices: [],
  unsentEdits: 0,
};

/** The schema new labels of the active project are made with. */
export function selectActiveSchema(state: LabelsState): LabelSchema | undefined {
  return state.projects.find(p => p.project.projectId === state.activeProjectId)?.schema ?? undefined;
}

/** The labels of the active project, as the panel lists them. */
export function selectProjectLabels(state: LabelsState): LabelEntry[] {
  return state.labels.filter(entry => entry.snapshot.projectId === state.activeProjectId);
}

const replaceLabel = (labels: LabelEntry[], entry: LabelEntry) => {
  const index = labels.findIndex(e => e.snapshot.labelId === entry.snapshot.labelId);
  if (index < 0) return [...labels, entry];
  const next = labels.slice();
  next[index] = entry;
  return next;
};

/** A server label without what the server adds to it (version, hash, who and when). */
export function snapshotOf({ version: _version, updatedAt: _updatedAt, updatedBy: _updatedBy, contentHash: _hash, createdBy: _createdBy, ...snapshot }: Label): LabelSnapshot {
  return snapshot;
}

function serverEntry(label: Label): LabelEntry {
  return { snapshot: snapshotOf(label), origin: 'server', version: label.version, updatedBy: label.updatedBy };
}

/** Pure state transitions; the store wraps them with subscribe/getSnapshot for React. */
export const labelsReducers = {
  sessionLoaded: (state: LabelsState, user: SessionUser, identity: 'development' | 'oidc'): LabelsState => ({ ...state, user, identity, sessionError: undefined }),
  sessionFailed: (state: LabelsState, message: string): LabelsState => ({ ...state, sessionError: message }),
  caseOpened: (state: LabelsState, StudyInstanceUID: string): LabelsState => ({ ...state, studyUid: StudyInstanceUID, projectsLoading: true, projectError: undefined }),
  projectsLoaded: (state: LabelsState, projects: StudyProject[], preferredProjectId?: string): LabelsState => ({
    ...state,
    projects,
    projectsLoading: false,
    // The project the link names, else the first one that has a schema to label with.
    activeProjectId:
      state.activeProjectId ??
      projects.find(p => p.project.projectId === preferredProjectId)?.project.projectId ??
      projects.find(p => p.schema)?.project.projectId ??
      projects[0]?.project.projectId,
  }),
  projectsFailed: (state: LabelsState, message: string): LabelsState => ({ ...state, projectsLoading: false, projectError: message }),
  projectChosen: (state: LabelsState, projectId: string): LabelsState => ({ ...state, activeProjectId: projectId, selectedLabelId: undefined, undo: undefined }),
  studyLoading: (state: LabelsState, StudyInstanceUID: string): LabelsState => ({
    ...state,
    loadingStudies: [...state.loadingStudies.filter(uid => uid !== StudyInstanceUID), StudyInstanceUID],
  }),
  studyLoaded: (state: LabelsState, StudyInstanceUID: string, labels: Label[]): LabelsState => {
    const byId = new Map(state.labels.map(entry => [entry.snapshot.labelId, entry]));
    for (const label of labels) {
      // A label changed here since the request went out is newer than the server's copy.
      if (byId.get(label.labelId)?.origin === 'local') continue;
      byId.set(label.labelId, serverEntry(label));
    }
    return { ...state, loadingStudies: state.loadingStudies.filter(uid => uid !== StudyInstanceUID), labels: [...byId.values()] };
  },
  /** The server's labels of a study replace the ones shown (after labels were loaded from DICOM). */
  studyReloaded: (state: LabelsState, StudyInstanceUID: string, labels: Label[]): LabelsState => {
    const ids = new Set(labels.map(label => label.labelId));
    return {
      ...state,
      labels: [...state.labels.filter(entry => entry.snapshot.StudyInstanceUID !== StudyInstanceUID && !ids.has(entry.snapshot.labelId)), ...labels.map(serverEntry)],
      selectedLabelId: state.selectedLabelId && ids.has(state.selectedLabelId) ? state.selectedLabelId : undefined,
      // A deleted label that is back cannot be brought back again.
      undo: state.undo && ids.has(state.undo.snapshot.labelId) ? undefined : state.undo,
    };
  },
  studyFailed: (state: LabelsState, StudyInstanceUID: string, message: string): LabelsState => ({
    ...state,
    loadingStudies: state.loadingStudies.filter(uid => uid !== StudyInstanceUID),
    loadErrors: [...state.loadErrors, message],
  }),
  labelChanged: (state: LabelsState, change: LabelChange, now: number, undoMs: number): LabelsState => {
    if (change.kind === 'removed') {
      return {
        ...state,
        labels: state.labels.filter(entry => entry.snapshot.labelId !== change.labelId),
        selectedLabelId: state.selectedLabelId === change.labelId ? undefined : state.selectedLabelId,
        undo: { snapshot: change.snapshot, until: now + undoMs },
      };
    }
    const undo = state.undo?.snapshot.labelId === change.snapshot.labelId ? undefined : state.undo;
    return { ...state, labels: replaceLabel(state.labels, { snapshot: change.snapshot, origin: 'local' }), undo };
  },
  /** A new label the browser could not keep: gone, with no undo offer. */
  labelRefused: (state: LabelsState, labelId: string): LabelsState => ({
    ...state,
    labels: state.labels.filter(entry => entry.snapshot.labelId !== labelId),
    selectedLabelId: state.selectedLabelId === labelId ? undefined : state.selectedLabelId,
  }),
  labelSelected: (state: LabelsState, labelId: string | undefined): LabelsState =>
    state.selectedLabelId === labelId ? state : { ...state, selectedLabelId: labelId },
  undoExpired: (state: LabelsState, now: number): LabelsState => (state.undo && state.undo.until <= now ? { ...state, undo: undefined } : state),
  unsentEditsChanged: (state: LabelsState, unsentEdits: number): LabelsState => (state.unsentEdits === unsentEdits ? state : { ...state, unsentEdits }),
  submissionChanged: (state: LabelsState, submission: SubmissionState): LabelsState => {
    if (submission.state !== 'submitted') return { ...state, submission };
    // The server marks every draft of the case submitted; show the same.
    const labels = state.labels.map(entry =>
      entry.snapshot.projectId === state.activeProjectId && entry.snapshot.status === 'draft'
        ? { ...entry, snapshot: { ...entry.snapshot, status: 'submitted' as const } }
        : entry,
    );
    return { ...state, submission, labels, undo: undefined };
  },
  notice: (state: LabelsState, message: string): LabelsState => ({ ...state, notices: [...state.notices, message].slice(-5) }),
  reset: (state: LabelsState): LabelsState => ({ ...EMPTY_LABELS_STATE, user: state.user, identity: state.identity, sessionError: state.sessionError }),
};

export interface LabelsStore {
  getState(): LabelsState;
  subscribe(listener: () => void): () => void;
  update(transition: (state: LabelsState) => LabelsState): void;
}

export function createLabelsStore(initial: LabelsState = EMPTY_LABELS_STATE): LabelsStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(transition) {
      const next = transition(state);
      if (next === state) return;
      state = next;
      listeners.forEach(listener => listener());
    },
  };
}
