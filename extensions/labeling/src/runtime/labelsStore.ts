import type { Label, LabelChange, LabelSnapshot, SessionUser } from '@readingroom/platform-shim';

/** A label as the panel shows it: where it came from and whether the server has it yet. */
export interface LabelEntry {
  snapshot: LabelSnapshot;
  /** 'server': loaded from the server; 'local': drawn in this session. */
  origin: 'server' | 'local';
  version?: number;
  updatedBy?: string;
}

export interface LabelsState {
  user?: SessionUser;
  identity?: 'development' | 'oidc';
  sessionError?: string;
  studies: string[];
  loadingStudies: string[];
  loadErrors: string[];
  labels: LabelEntry[];
  /** The latest things a user should know (e.g. an annotation that cannot become a label). */
  notices: string[];
}

export const EMPTY_LABELS_STATE: LabelsState = { studies: [], loadingStudies: [], loadErrors: [], labels: [], notices: [] };

/** Pure state transitions; the store wraps them with subscribe/getSnapshot for React. */
export const labelsReducers = {
  sessionLoaded: (state: LabelsState, user: SessionUser, identity: 'development' | 'oidc'): LabelsState => ({
    ...state,
    user,
    identity,
    sessionError: undefined,
  }),
  sessionFailed: (state: LabelsState, message: string): LabelsState => ({ ...state, sessionError: message }),
  studyLoading: (state: LabelsState, StudyInstanceUID: string): LabelsState => ({
    ...state,
    studies: state.studies.includes(StudyInstanceUID) ? state.studies : [...state.studies, StudyInstanceUID],
    loadingStudies: [...state.loadingStudies.filter(uid => uid !== StudyInstanceUID), StudyInstanceUID],
  }),
  studyLoaded: (state: LabelsState, StudyInstanceUID: string, labels: Label[]): LabelsState => {
    const byId = new Map(state.labels.map(entry => [entry.snapshot.labelId, entry]));
    for (const { version, updatedAt: _updatedAt, updatedBy, ...snapshot } of labels) {
      // A label edited here since the request went out is newer than the server's copy.
      if (byId.get(snapshot.labelId)?.origin === 'local') continue;
      byId.set(snapshot.labelId, { snapshot, origin: 'server', version, updatedBy });
    }
    return {
      ...state,
      loadingStudies: state.loadingStudies.filter(uid => uid !== StudyInstanceUID),
      labels: [...byId.values()],
    };
  },
  studyFailed: (state: LabelsState, StudyInstanceUID: string, message: string): LabelsState => ({
    ...state,
    loadingStudies: state.loadingStudies.filter(uid => uid !== StudyInstanceUID),
    loadErrors: [...state.loadErrors, message],
  }),
  labelChanged: (state: LabelsState, change: LabelChange): LabelsState => {
    if (change.kind === 'removed') {
      return { ...state, labels: state.labels.filter(entry => entry.snapshot.labelId !== change.labelId) };
    }
    const others = state.labels.filter(entry => entry.snapshot.labelId !== change.snapshot.labelId);
    return { ...state, labels: [...others, { snapshot: change.snapshot, origin: 'local' }] };
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
