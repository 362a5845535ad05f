import { createUuidV7 } from '@readingroom/platform-shim';
import { buildTestApp, type TestApp } from '../helper.js';
import { OTHER_STUDY, PROJECT, STUDY, at, createLungProject, labelEvent, nodule, postEvents, removedEvent, studyLabels, submittedEvent } from './labelingFixtures.js';

const THIRD_STUDY = '1.2.826.0.1.3680043.8.498.30';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
  await createLungProject(t.app, PROJECT, [STUDY, OTHER_STUDY, THIRD_STUDY]);
});
afterEach(() => t.close());

const cases = async () => (await t.app.inject({ url: `/api/v1/projects/${PROJECT}/cases` })).json().cases;
const next = async (after?: string) => (await t.app.inject({ url: `/api/v1/projects/${PROJECT}/cases/next${after ? `?after=${after}` : ''}` })).json().case;
const versionChanges = async (labelId: string) => (await t.app.inject({ url: `/api/v1/labels/${labelId}/versions` })).json().versions.map((v: { change: string }) => v.change);

describe('case submission', () => {
  it('submits every draft label of the labeler in that case, a new version each', async () => {
    const [a, b, removed] = [createUuidV7(), createUuidV7(), createUuidV7()];
    await postEvents(t.app, [
      labelEvent('label.created', nodule(a, 10), at(0)),
      labelEvent('label.created', nodule(b, 11), at(1)),
      labelEvent('label.created', nodule(removed, 12), at(2)),
      removedEvent(removed, at(3)),
    ]);
    const submission = submittedEvent(at(10));
    expect((await postEvents(t.app, [submission]))[0]!.status).toBe('stored');
    // Both now carry the submission's time; the list breaks that tie by label id.
    expect((await studyLabels(t.app)).map(l => [l.labelId, l.status, l.version])).toEqual(
      [a, b].sort().map(id => [id, 'submitted', 2]),
    );
    expect(await versionChanges(a)).toEqual(['created', 'submitted']);
    expect(await versionChanges(removed)).toEqual(['created', 'removed']);
    const versions = (await t.app.inject({ url: `/api/v1/labels/${a}/versions` })).json().versions;
    expect(versions[1]).toMatchObject({ eventId: submission.eventId, occurredAt: at(10), snapshot: { status: 'submitted' } });
    expect(versions[1].contentHash).not.toBe(versions[0].contentHash);
  });

  it('submits a draft made before the submission that arrives after it', async () => {
    const late = createUuidV7();
    await postEvents(t.app, [submittedEvent(at(10))]);
    await postEvents(t.app, [labelEvent('label.created', nodule(late, 10), at(5))]);
    expect((await studyLabels(t.app)).map(l => l.status)).toEqual(['submitted']);
    expect(await versionChanges(late)).toEqual(['created', 'submitted']);
  });

  it('leaves a label edited after the submission a draft, and the case in progress', async () => {
    const labelId = createUuidV7();
    await postEvents(t.app, [labelEvent('label.created', nodule(labelId, 10), at(0)), submittedEvent(at(10)), labelEvent('label.modified', nodule(labelId, 12), at(20))]);
    expect((await studyLabels(t.app)).map(l => l.status)).toEqual(['draft']);
    expect((await cases())[0]).toMatchObject({ StudyInstanceUID: STUDY, status: 'in-progress', labelCount: 1 });
  });

  it('ignores a replayed submission', async () => {
    const labelId = createUuidV7();
    const submission = submittedEvent(at(10));
    await postEvents(t.app, [labelEvent('label.created', nodule(labelId, 10), at(0)), submission]);
    expect((await postEvents(t.app, [submission]))[0]!.status).toBe('duplicate');
    expect(await versionChanges(labelId)).toEqual(['created', 'submitted']);
  });
});

describe('GET /projects/{projectId}/cases and /cases/next', () => {
  it("lists the caller's status per study in the project's order, and the next case to open", async () => {
    expect((await cases()).map((c: { status: string }) => c.status)).toEqual(['not-started', 'not-started', 'not-started']);
    await postEvents(t.app, [labelEvent('label.created', nodule(createUuidV7(), 10), at(0))]);
    expect((await cases())[0]).toEqual({ projectId: PROJECT, StudyInstanceUID: STUDY, status: 'in-progress', labelCount: 1 });

    await postEvents(t.app, [submittedEvent(at(10))]);
    expect((await cases())[0]).toEqual({ projectId: PROJECT, StudyInstanceUID: STUDY, status: 'submitted', labelCount: 1, submittedAt: at(10) });
    expect((await next(STUDY)).StudyInstanceUID).toBe(OTHER_STUDY);
    expect((await next()).StudyInstanceUID).toBe(OTHER_STUDY);

    // "No nodule" is a case with an answer and no drawn finding: it is submitted like any other.
    await postEvents(t.app, [submittedEvent(at(20), PROJECT, THIRD_STUDY)]);
    expect((await next(OTHER_STUDY))).toBeNull();
    expect((await next(THIRD_STUDY)).StudyInstanceUID).toBe(OTHER_STUDY);
    await postEvents(t.app, [submittedEvent(at(30), PROJECT, OTHER_STUDY)]);
    expect(await next(OTHER_STUDY)).toBeNull();
  });

  it('answers 404 for an unknown project and 400 for a malformed "after"', async () => {
    expect((await t.app.inject({ url: '/api/v1/projects/nope/cases' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/projects/${PROJECT}/cases/next?after=x` })).statusCode).toBe(400);
  });
});
