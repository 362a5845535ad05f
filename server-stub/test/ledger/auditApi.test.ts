import { createUuidV7, type AuditTrail, type ConsistencyProof, type LatestCheckpoint, type RecordInclusion } from '@readingroom/platform-shim';
import { hashLeaf, openCheckpoint, parseVerifierKey, verifyConsistencyProof, verifyInclusionProof } from '../../src/ledger/core/index.js';
import { buildTestApp, testDialect, type TestApp } from '../helper.js';
import { INSTANCE, STUDY, at, createLungProject, labelEvent, nodule, postEvents, submittedEvent } from '../api/labelingFixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
  await createLungProject(t.app);
});
afterEach(() => t.close());

const get = async (url: string) => t.app.inject({ url: `/api/v1${url}` });
const fromHex = (hex: string) => Buffer.from(hex, 'hex');

/** The checkpoint's root, after checking its signature with the verifier key the server names. */
function openRoot(latest: Pick<LatestCheckpoint, 'origin' | 'verifierKey'>, note: string) {
  return openCheckpoint(note, { verifiers: [parseVerifierKey(latest.verifierKey)], origin: latest.origin }).rootHash;
}

describe(`audit API (${testDialect})`, () => {
  it('has no checkpoint before the first one is signed', async () => {
    const response = await get('/audit/checkpoints/latest');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'not_found' });
  });

  it("gives an instance's trail: who labeled and viewed it, each record with an inclusion proof that verifies against the signed checkpoint", async () => {
    const labelId = createUuidV7();
    const opened = { eventId: createUuidV7(), type: 'audit', occurredAt: at(0), payload: { action: 'study.opened', StudyInstanceUID: STUDY } };
    await postEvents(t.app, [opened, labelEvent('label.created', nodule(labelId, 10), at(1)), submittedEvent(at(2))]);
    await t.app.auditLedger.checkpointer.checkpointNow();
    const latest: LatestCheckpoint = (await get('/audit/checkpoints/latest')).json();
    const root = openRoot(latest, latest.checkpoint.note);

    const response = await get(`/audit/trail?sopInstanceUid=${INSTANCE}`);
    expect(response.statusCode).toBe(200);
    const trail: AuditTrail = response.json();
    expect(trail.entries.map(e => [e.activity, e.record.kind])).toEqual([
      ['viewed', 'study.opened'],
      ['labeled', 'label.created'],
      ['labeled', 'label.submitted'],
      ['labeled', 'case.submitted'],
    ]);
    expect(trail.entries[1]!.record).toMatchObject({ actor: { userId: 'dev-labeler' }, subject: { labelId, labelVersion: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    for (const { record, inclusionProof } of trail.entries) {
      expect(hashLeaf(record.canonicalContent).toString('hex')).toBe(record.leafHash);
      expect(verifyInclusionProof({ leafIndex: record.seq - 1, treeSize: inclusionProof!.treeSize, leafHash: fromHex(record.leafHash), proof: inclusionProof!.hashes.map(fromHex), rootHash: root })).toBe(true);
    }
    // A record whose content was changed would not verify.
    const forged = { ...trail.entries[1]!.record, canonicalContent: trail.entries[1]!.record.canonicalContent.replace('label.created', 'label.removed') };
    const proof = trail.entries[1]!.inclusionProof!;
    expect(verifyInclusionProof({ leafIndex: forged.seq - 1, treeSize: proof.treeSize, leafHash: hashLeaf(forged.canonicalContent), proof: proof.hashes.map(fromHex), rootHash: root })).toBe(false);
  });

  it('pages a study trail and gives records newer than the checkpoint without a proof', async () => {
    await postEvents(t.app, Array.from({ length: 5 }, (_, i) => labelEvent('label.created', nodule(createUuidV7(), 10 + i), at(i))));
    await t.app.auditLedger.checkpointer.checkpointNow();
    await postEvents(t.app, [labelEvent('label.created', nodule(createUuidV7(), 20), at(9))]);
    const first: AuditTrail = (await get(`/audit/trail?studyInstanceUid=${STUDY}&limit=4`)).json();
    expect(first.entries).toHaveLength(4);
    const second: AuditTrail = (await get(`/audit/trail?studyInstanceUid=${STUDY}&limit=4&after=${first.next}`)).json();
    expect(second.entries.map(e => e.record.seq)).toEqual([5, 6]);
    expect(second.next).toBeUndefined();
    expect(second.entries[0]!.inclusionProof).not.toBeNull();
    expect(second.entries[1]!.inclusionProof).toBeNull();
    const inclusion: RecordInclusion = (await get('/audit/records/6/inclusion-proof')).json();
    expect(inclusion).toMatchObject({ record: { seq: 6 }, inclusionProof: null });
  });

  it('proves that a later checkpoint extends an earlier one', async () => {
    await postEvents(t.app, [labelEvent('label.created', nodule(createUuidV7(), 10), at(0))]);
    const older = (await t.app.auditLedger.checkpointer.checkpointNow())!;
    await postEvents(t.app, Array.from({ length: 6 }, (_, i) => labelEvent('label.created', nodule(createUuidV7(), 11 + i), at(i + 1))));
    await t.app.auditLedger.checkpointer.checkpointNow();
    const response = await get(`/audit/consistency-proof?from=${older.treeSize}`);
    expect(response.statusCode).toBe(200);
    const proof: ConsistencyProof = response.json();
    const key = t.app.auditLedger.key;
    expect(
      verifyConsistencyProof({ oldSize: proof.from.treeSize, newSize: proof.to.treeSize, oldRoot: openRoot(key, proof.from.note), newRoot: openRoot(key, proof.to.note), proof: proof.hashes.map(fromHex) }),
    ).toBe(true);
  });

  it.each([
    ['both targets', `/audit/trail?studyInstanceUid=${STUDY}&sopInstanceUid=${INSTANCE}`, 400],
    ['no target', '/audit/trail', 400],
    ['a malformed UID', '/audit/trail?studyInstanceUid=not-a-uid', 400],
    ['an unknown record', '/audit/records/999/inclusion-proof', 404],
    ['an unknown checkpoint', '/audit/consistency-proof?from=3&to=5', 404],
  ])('answers %s with a JSON error', async (_name, url, status) => {
    const response = await get(url);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual(expect.objectContaining({ error: expect.any(String), message: expect.any(String) }));
  });
});
