import type { LabelSnapshot } from '@readingroom/platform-shim';
import { planLabelChanges, type LabelChange } from './planLabelChanges.js';

const labelId = '0192f0c8-0000-7000-8000-000000000001';
const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 5, 0, s)).toISOString();
const snapshot = (diameter: number, status: LabelSnapshot['status'] = 'draft'): LabelSnapshot => ({
  labelId,
  projectId: 'lung',
  schemaVersion: 1,
  findingTypeId: 'nodule',
  attributes: { 'mean-diameter': diameter },
  status,
  scope: 'image',
  StudyInstanceUID: '1.2.3',
  SeriesInstanceUID: '1.2.3.4',
  SOPInstanceUID: '1.2.3.4.5',
  geometry: { kind: 'length', toolName: 'Length', points: [[0, 0, 0], [diameter, 0, 0]] },
});
let n = 0;
const change = (seconds: number, body: Partial<LabelChange> & Pick<LabelChange, 'type'>, author = 'ann'): LabelChange =>
  ({ eventId: `0192f0c8-0000-7000-8000-${String(++n).padStart(12, '0')}`, occurredAt: at(seconds), author, ...body }) as LabelChange;
const edit = (seconds: number, diameter: number, type: 'label.created' | 'label.modified' = 'label.modified') => change(seconds, { type, snapshot: snapshot(diameter) });
const removal = (seconds: number) => change(seconds, { type: 'label.removed', removal: { labelId, projectId: 'lung', StudyInstanceUID: '1.2.3' } });
const submission = (seconds: number, author = 'ann') => change(seconds, { type: 'case.submitted', submission: { projectId: 'lung', StudyInstanceUID: '1.2.3' } }, author);
const empty = { states: new Map(), submissions: new Map(), recordedAt: at(100) };

describe('planLabelChanges', () => {
  it('records a late removal as a version without undoing a newer edit', () => {
    const plan = planLabelChanges([edit(0, 10, 'label.created'), edit(10, 12), removal(5)], empty);
    expect(plan.versions.map(v => [v.version, v.change])).toEqual([[1, 'created'], [2, 'modified'], [3, 'removed']]);
    expect(plan.states).toEqual([expect.objectContaining({ deleted: false, currentVersion: 2, lastOccurredAt: at(10) })]);
  });

  it('submits only the submitting labeler\'s drafts changed before the submission', () => {
    const plan = planLabelChanges([edit(0, 10, 'label.created'), submission(5, 'bob'), submission(5)], empty);
    expect(plan.versions.map(v => [v.change, v.author, JSON.parse(v.snapshot).status])).toEqual([
      ['created', 'ann', 'draft'],
      ['submitted', 'ann', 'submitted'],
    ]);
    expect(plan.submissions.map(s => s.userId)).toEqual(['bob', 'ann']);
  });

  it('ignores a submission older than the one it knows', () => {
    const first = planLabelChanges([submission(10)], empty);
    const known = new Map(first.submissions.map(s => [`lung 1.2.3 ann`, s]));
    expect(planLabelChanges([submission(5)], { ...empty, submissions: known }).submissions).toEqual([]);
  });

  it('rejects a label that names another study, and leaves it unchanged', () => {
    const plan = planLabelChanges([edit(0, 10, 'label.created'), change(5, { type: 'label.modified', snapshot: { ...snapshot(11), StudyInstanceUID: '9.9' } })], empty);
    expect(plan.rejections).toEqual([undefined, expect.stringContaining('cannot move')]);
    expect(plan.versions).toHaveLength(1);
  });

  it('gives the same content the same hash whoever sends it', () => {
    const plan = planLabelChanges([edit(0, 10, 'label.created'), edit(5, 10)], empty);
    expect(plan.versions[0]!.contentHash).toBe(plan.versions[1]!.contentHash);
    expect(plan.versions[0]!.snapshot).toBe(plan.versions[1]!.snapshot);
  });
});
