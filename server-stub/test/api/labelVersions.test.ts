import { createHash } from 'node:crypto';
import { createUuidV7 } from '@readingroom/platform-shim';
import { canonicalizeJson } from '../../src/ledger/core/index.js';
import { hashLabelSnapshot } from '../../src/services/labeling/hashLabelSnapshot.js';
import { buildTestApp, type TestApp } from '../helper.js';
import { STUDY, at, createLungProject, labelEvent, nodule, postEvents, removedEvent, studyLabels } from './labelingFixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
  await createLungProject(t.app);
});
afterEach(() => t.close());

interface Version {
  labelId: string;
  version: number;
  change: string;
  snapshot: Record<string, unknown>;
  contentHash: string;
  schemaVersion: number;
  author: string;
  recordedAt: string;
  occurredAt: string;
  eventId: string;
}

const versionsOf = async (labelId: string): Promise<Version[]> => (await t.app.inject({ url: `/api/v1/labels/${labelId}/versions` })).json().versions;

describe('label versions', () => {
  it('makes an immutable version of every create, modify and remove, with hash, author, times, schema and event', async () => {
    const labelId = createUuidV7();
    const events = [labelEvent('label.created', nodule(labelId, 10), at(0)), labelEvent('label.modified', nodule(labelId, 12), at(5)), removedEvent(labelId, at(9))];
    await postEvents(t.app, events);
    const versions = await versionsOf(labelId);
    expect(versions.map(v => [v.version, v.change, v.eventId, v.occurredAt, v.author, v.schemaVersion])).toEqual([
      [1, 'created', events[0]!.eventId, at(0), 'dev-labeler', 1],
      [2, 'modified', events[1]!.eventId, at(5), 'dev-labeler', 1],
      [3, 'removed', events[2]!.eventId, at(9), 'dev-labeler', 1],
    ]);
    // A removal keeps the label as it was when removed.
    expect(versions[2]!.snapshot).toEqual(versions[1]!.snapshot);
    for (const v of versions) {
      expect(v.contentHash).toBe(createHash('sha256').update(canonicalizeJson(v.snapshot)).digest('hex'));
      expect(Date.parse(v.recordedAt)).not.toBeNaN();
    }
    expect(versions[0]!.contentHash).not.toBe(versions[1]!.contentHash);
  });

  it('hashes the content, not the key order or number spelling', () => {
    const snapshot = nodule('0192f0c8-0000-7000-8000-000000000001', 10);
    const reordered = Object.fromEntries(Object.entries(snapshot).reverse()) as typeof snapshot;
    expect(hashLabelSnapshot(reordered)).toEqual(hashLabelSnapshot(snapshot));
    expect(hashLabelSnapshot(JSON.parse(JSON.stringify(snapshot).replace('"mean-diameter":10', '"mean-diameter":10.0')))).toEqual(hashLabelSnapshot(snapshot));
    expect(hashLabelSnapshot(nodule('0192f0c8-0000-7000-8000-000000000001', 11)).contentHash).not.toBe(hashLabelSnapshot(snapshot).contentHash);
  });

  it('serves the current label with the hash of its current version', async () => {
    const labelId = createUuidV7();
    await postEvents(t.app, [labelEvent('label.created', nodule(labelId, 10), at(0)), labelEvent('label.modified', nodule(labelId, 14), at(3))]);
    const [label] = await studyLabels(t.app);
    const versions = await versionsOf(labelId);
    expect(label!.version).toBe(2);
    expect(label!.contentHash).toBe(versions[1]!.contentHash);
  });

  it('lists every version of every label of a study', async () => {
    const [a, b] = [createUuidV7(), createUuidV7()];
    await postEvents(t.app, [labelEvent('label.created', nodule(a, 10), at(0)), labelEvent('label.created', nodule(b, 11), at(1)), removedEvent(a, at(2))]);
    const response = await t.app.inject({ url: `/api/v1/studies/${STUDY}/label-versions` });
    const versions: Version[] = response.json().versions;
    expect(versions.map(v => `${v.labelId === a ? 'a' : 'b'}${v.version}:${v.change}`).sort()).toEqual(['a1:created', 'a2:removed', 'b1:created']);
  });

  it('answers 404 for a label without versions and 400 for a malformed id', async () => {
    expect((await t.app.inject({ url: `/api/v1/labels/${createUuidV7()}/versions` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/labels/nope/versions' })).statusCode).toBe(400);
  });
});
