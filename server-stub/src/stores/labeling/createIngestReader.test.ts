import { openTestDatabase, testDialect } from '../../../test/testDatabase.js';
import type { Database } from '../db/Database.js';
import { storedEventKey } from './createClientEventStore.js';
import type { CaseSubmissionRecord, LabelState } from './labelRecords.js';
import { createLabelingStores, type LabelingStores } from './createLabelingStores.js';
import { membershipKey } from './createProjectStore.js';

const NOW = '2026-11-28T10:00:00.000Z';
const STUDY = '2.25.100';
const OTHER_STUDY = '2.25.200';
const submission = (projectId: string, StudyInstanceUID: string, userId: string): CaseSubmissionRecord => ({ projectId, StudyInstanceUID, userId, occurredAt: NOW, eventId: `submitted-${userId}`, recordedAt: NOW });
/** Two labelers' submissions in the study asked about, one in another project's study (not asked about). */
const SUBMISSIONS = [submission('lung', STUDY, 'u'), submission('lung', STUDY, 'v'), submission('liver', OTHER_STUDY, 'u')];
const snapshot = { labelId: 'label-1', projectId: 'lung', findingTypeId: 'nodule', attributes: { note: 'a "quoted" \\ value' } };

describe(`ingest reader (${testDialect})`, () => {
  let db: Database;
  let close: () => Promise<void>;
  let stores: LabelingStores;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    stores = createLabelingStores(db);
    for (const projectId of ['lung', 'liver']) await stores.projects.saveProject({ projectId, title: projectId }, 'admin', NOW);
    await stores.projects.addStudy('lung', STUDY, 'admin', NOW);
    await stores.projects.addStudy('liver', STUDY, 'admin', NOW);
    await stores.projects.addStudy('liver', OTHER_STUDY, 'admin', NOW);
    await stores.events.append([{ clientId: 'client-a', eventId: 'event-1', type: 'label.created', occurredAt: NOW, receivedAt: NOW, userId: 'u', StudyInstanceUID: STUDY, payload: '{}' }]);
    await stores.labels.insertVersions([
      { labelId: 'label-1', version: 1, change: 'created', projectId: 'lung', StudyInstanceUID: STUDY, schemaVersion: 1, snapshot: JSON.stringify(snapshot), contentHash: 'h', author: 'u', recordedAt: NOW, occurredAt: NOW, eventId: 'event-1' },
    ]);
    await stores.labels.saveStates([
      { labelId: 'label-1', projectId: 'lung', StudyInstanceUID: STUDY, createdBy: 'u', currentVersion: 1, lastVersion: 1, snapshot: snapshot as unknown as LabelState['snapshot'], deleted: false, lastOccurredAt: NOW, lastEventId: 'event-1', lastAuthor: 'u' },
    ]);
    await stores.cases.saveSubmissions(SUBMISSIONS);
  });
  afterAll(() => close());

  it('reads in one call what findStored, findMemberships and loadStates read, inside a transaction', async () => {
    const reads = {
      events: [
        { clientId: 'client-a', eventId: 'event-1' },
        { clientId: 'client-b', eventId: 'event-1' },
        { clientId: 'client-a', eventId: 'event-2' },
      ],
      pairs: [
        { projectId: 'lung', StudyInstanceUID: STUDY },
        { projectId: 'lung', StudyInstanceUID: '2.25.999' },
      ],
      labelIds: ['label-1', 'label-2', 'label-1'],
    };
    const [{ submissions, ...inputs }, separate] = await stores.transaction(async tx => [
      await tx.ingestInputs.read(reads),
      { stored: await tx.events.findStored(reads.events), memberships: await tx.projects.findMemberships(reads.pairs), states: await tx.labels.loadStates(reads.labelIds) },
    ]);
    expect(inputs.stored).toEqual(new Set([storedEventKey('client-a', 'event-1')]));
    expect(inputs.memberships).toEqual(new Set([membershipKey('lung', STUDY), membershipKey('liver', STUDY)]));
    expect(inputs.states).toEqual([expect.objectContaining({ labelId: 'label-1', currentVersion: 1, deleted: false, snapshot })]);
    expect(inputs).toEqual(separate);
    // PostgreSQL reads every submission of the asked studies' cases in the same statement; SQLite
    // leaves them to loadPlanInput (the case store).
    if (testDialect === 'postgres') expect(sortSubmissions(submissions ?? [])).toEqual(SUBMISSIONS.slice(0, 2));
    else expect(submissions).toBeUndefined();
  });

  it('reads nothing for nothing asked', async () => {
    const inputs = await stores.transaction(tx => tx.ingestInputs.read({ events: [], pairs: [], labelIds: [] }));
    expect(inputs).toEqual({ stored: new Set(), memberships: new Set(), states: [], ...(testDialect === 'postgres' ? { submissions: [] } : {}) });
  });
});

function sortSubmissions(submissions: readonly CaseSubmissionRecord[]): CaseSubmissionRecord[] {
  return [...submissions].sort((a, b) => `${a.projectId} ${a.StudyInstanceUID} ${a.userId}`.localeCompare(`${b.projectId} ${b.StudyInstanceUID} ${b.userId}`));
}
