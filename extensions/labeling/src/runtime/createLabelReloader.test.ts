import { createLabelLedger, type ClientEvent, type Label, type LabelSnapshot } from '@readingroom/platform-shim';
import { createLabelReloader } from './createLabelReloader';
import { createLabelsStore, EMPTY_LABELS_STATE, labelsReducers } from './labelsStore';

const STUDY = '1.2';
const length = (labelId: string, x = 1, StudyInstanceUID = STUDY, projectId = 'lung'): LabelSnapshot => ({
  labelId,
  projectId,
  schemaVersion: 1,
  findingTypeId: 'nodule',
  attributes: {},
  status: 'draft',
  scope: 'image',
  StudyInstanceUID,
  SeriesInstanceUID: '1.2.3',
  SOPInstanceUID: '1.2.3.4',
  geometry: { kind: 'length', toolName: 'Length', points: [[x, 2, 3], [4, 5, 6]] },
});
const saved = (snapshot: LabelSnapshot): Label => ({ ...snapshot, version: 2, contentHash: 'b'.repeat(64), createdBy: 'u', updatedAt: '2026-11-28T10:00:00Z', updatedBy: 'u' });

/** A session's pieces around a real ledger and store; erasing a drawing reports its removal as Cornerstone does. */
function setup(serverLabels: Label[], pending = 0) {
  const sent: ClientEvent[] = [];
  const ledger = createLabelLedger({ sender: { send: async event => void sent.push(event) } });
  const store = createLabelsStore({ ...EMPTY_LABELS_STATE, studyUid: STUDY, activeProjectId: 'lung' });
  const drawn = new Set<string>();
  const show = (snapshot: LabelSnapshot) => {
    ledger.markKnown(snapshot);
    drawn.add(snapshot.labelId);
    store.update(s => labelsReducers.studyLoaded(s, snapshot.StudyInstanceUID, [saved(snapshot)]));
  };
  const annotations = {
    erase: (labelId: string) => {
      drawn.delete(labelId);
      ledger.remove(labelId);
    },
  };
  const restored: string[] = [];
  const calls: string[] = [];
  const reload = createLabelReloader({
    api: { listStudyLabels: async () => (calls.push('list'), serverLabels) },
    sender: { flush: async () => void calls.push('flush'), getStatus: () => ({ state: pending ? 'offline' : 'synced', pending, message: pending ? 'offline' : undefined }) as never },
    store,
    ledger,
    picker: { forget: () => undefined },
    annotations,
    segmentations: { erase: () => undefined },
    restore: async labels => {
      for (const label of labels) {
        ledger.markKnown(label);
        if (!drawn.has(label.labelId)) restored.push(label.labelId);
        drawn.add(label.labelId);
      }
    },
    flushEdits: () => void calls.push('flushEdits'),
  });
  return { reload, show, sent, ledger, store, drawn, restored, calls };
}

describe('reloading the labels of the case', () => {
  it('shows the server copies: changed ones redrawn, new ones drawn, gone ones erased, nothing sent', async () => {
    const { reload, show, sent, ledger, store, drawn, restored, calls } = setup([saved(length('same')), saved(length('moved', 9)), saved(length('new'))]);
    show(length('same'));
    show(length('moved'));
    show(length('gone'));
    await reload();
    expect(calls).toEqual(['flushEdits', 'flush', 'list']);
    expect(sent).toEqual([]);
    expect([...drawn].sort()).toEqual(['moved', 'new', 'same']);
    expect(restored).toEqual(['moved', 'new']);
    expect(ledger.get('moved')?.geometry).toEqual(length('moved', 9).geometry);
    expect(ledger.has('gone')).toBe(false);
    expect(store.getState().labels.map(e => e.snapshot.labelId)).toEqual(['same', 'moved', 'new']);
    // Labels stay tracked: a later deletion is sent.
    ledger.remove('new');
    expect(sent.map(e => e.type)).toEqual(['label.removed']);
  });

  it("draws only the active project's labels; the store keeps the others", async () => {
    const { reload, show, sent, ledger, store, drawn, restored } = setup([saved(length('lung-a')), saved(length('liver-a', 1, STUDY, 'liver'))]);
    show(length('lung-a'));
    await reload();
    expect([...drawn]).toEqual(['lung-a']);
    expect(restored).toEqual([]);
    expect(ledger.has('liver-a')).toBe(false);
    expect(sent).toEqual([]);
    expect(store.getState().labels.map(e => e.snapshot.labelId).sort()).toEqual(['liver-a', 'lung-a']);
  });

  it('keeps labels of other studies known', async () => {
    const { reload, show, ledger } = setup([]);
    show(length('prior', 1, '9.9'));
    await reload();
    expect(ledger.has('prior')).toBe(true);
  });

  it('refuses while changes have not reached the server, and changes nothing', async () => {
    const { reload, show, ledger, drawn, calls } = setup([], 2);
    show(length('local'));
    await expect(reload()).rejects.toThrow('the labels are not shown again while changes are not saved (offline)');
    expect(calls).toEqual(['flushEdits', 'flush']);
    expect(ledger.has('local')).toBe(true);
    expect([...drawn]).toEqual(['local']);
  });
});
