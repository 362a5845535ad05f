import { createUuidV7, type LabelSnapshot } from '@readingroom/platform-shim';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { testDialect } from '../helper.js';
import { clientId, nodule } from '../api/labelingFixtures.js';
import { lungNodulesCtSchema } from '../../src/demo/schemas/lungNodulesCtSchema.js';
import { multipartBody } from '../dicomweb/fixtures/multipartHelpers.js';
import { buildAccessWorld, CR_STUDY, dicomInstance, EVERYONE, LUNG, LUNG_STUDY, PEOPLE, STOW_TYPE, type AccessWorld, type Person } from './accessWorld.js';

jest.setTimeout(60_000);

let world: AccessWorld;
beforeAll(async () => {
  world = await buildAccessWorld();
});
afterAll(() => world?.close());

type Outcome = 'allowed' | { denied: string };

interface Endpoint {
  /** The action named in the refusal and in the ledger. */
  action: string;
  request(n: number): InjectOptions;
  /** Who may; everyone else is refused with 403. */
  allowed: Person[];
}

const json = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object): InjectOptions => ({ method, url, ...(payload ? { payload } : {}) });

const lungLabel = (): LabelSnapshot =>
  nodule(createUuidV7(), 6, { projectId: LUNG, StudyInstanceUID: LUNG_STUDY, SeriesInstanceUID: `${LUNG_STUDY}.1`, SOPInstanceUID: `${LUNG_STUDY}.1.1` } as Partial<LabelSnapshot>);

// The access rules of docs/identity.md, endpoint by endpoint, on the lung project and its study.
const ENDPOINTS: Record<string, Endpoint> = {
  'read the project': {
    action: 'project.read',
    request: () => json('GET', `/api/v1/projects/${LUNG}`),
    allowed: ['labeler', 'reviewer', 'adjudicator', 'project-admin', 'site-admin', 'auditor'],
  },
  "read the study's labels in the project": {
    action: 'labels.read',
    request: () => json('GET', `/api/v1/studies/${LUNG_STUDY}/labels?projectId=${LUNG}`),
    allowed: ['labeler', 'reviewer', 'adjudicator', 'project-admin', 'auditor'],
  },
  'create a schema version': {
    action: 'schema.write',
    request: () => json('POST', `/api/v1/projects/${LUNG}/schemas`, lungNodulesCtSchema),
    allowed: ['project-admin', 'site-admin'],
  },
  "read the project's members": {
    action: 'members.read',
    request: () => json('GET', `/api/v1/projects/${LUNG}/members`),
    allowed: ['project-admin', 'site-admin'],
  },
  'make someone a labeler of the project': {
    action: 'members.write',
    request: n => json('PUT', `/api/v1/projects/${LUNG}/members/u-new-${n}`, { roles: ['labeler'] }),
    allowed: ['project-admin', 'site-admin'],
  },
  "read the project's case assignments": {
    action: 'assignments.read',
    request: () => json('GET', `/api/v1/projects/${LUNG}/assignments`),
    allowed: ['labeler', 'reviewer', 'adjudicator', 'project-admin', 'site-admin'],
  },
  'assign the case to its labeler': {
    action: 'assignments.write',
    request: () => json('PUT', `/api/v1/projects/${LUNG}/cases/${LUNG_STUDY}/assignees/${PEOPLE.labeler.sub}`),
    allowed: ['project-admin', 'site-admin'],
  },
  "read the study's audit trail": {
    action: 'audit.read',
    request: () => json('GET', `/api/v1/audit/trail?studyInstanceUid=${LUNG_STUDY}`),
    allowed: ['site-admin', 'auditor'],
  },
  'retrieve the study (WADO-RS)': {
    action: 'dicomweb.retrieve',
    request: () => ({ method: 'GET', url: `/dicomweb/studies/${LUNG_STUDY}/metadata`, headers: { accept: 'application/dicom+json' } }),
    allowed: ['labeler', 'reviewer', 'adjudicator', 'project-admin'],
  },
  'search for the study by its UID (QIDO-RS, as the viewer opens a study)': {
    action: 'dicomweb.query',
    request: () => ({ method: 'GET', url: `/dicomweb/studies?StudyInstanceUID=${LUNG_STUDY}`, headers: { accept: 'application/dicom+json' } }),
    allowed: ['labeler', 'reviewer', 'adjudicator', 'project-admin', 'site-admin'],
  },
  "list the study's series (QIDO-RS)": {
    action: 'dicomweb.query',
    request: () => ({ method: 'GET', url: `/dicomweb/studies/${LUNG_STUDY}/series`, headers: { accept: 'application/dicom+json' } }),
    allowed: ['labeler', 'reviewer', 'adjudicator', 'project-admin', 'site-admin'],
  },
  'store an instance (STOW-RS)': {
    action: 'dicomweb.store',
    request: n => ({ method: 'POST', url: '/dicomweb/studies', headers: { 'content-type': STOW_TYPE, accept: 'application/dicom+json' }, payload: multipartBody([dicomInstance(LUNG_STUDY, 100 + n)]) }),
    allowed: ['project-admin', 'site-admin'],
  },
  'take break-glass access to a study': {
    action: 'break-glass.request',
    request: () => json('POST', '/api/v1/break-glass', { StudyInstanceUID: CR_STUDY, reason: 'Matrix test: incident review' }),
    allowed: ['auditor'],
  },
};

function outcomeOf(response: LightMyRequestResponse, action: string): Outcome {
  if (response.statusCode >= 200 && response.statusCode < 300) return 'allowed';
  const body = response.json();
  if (response.statusCode !== 403 || body.error !== 'forbidden') return { denied: `unexpected ${response.statusCode}: ${response.body}` };
  const prefix = `Not allowed (${action}): `;
  if (!body.message.startsWith(prefix) || body.message.length < prefix.length + 10) return { denied: `unclear message: ${body.message}` };
  return { denied: body.message.slice(prefix.length) };
}

const expected = (allowed: Person[]) => Object.fromEntries(EVERYONE.map(p => [p, allowed.includes(p) ? 'allowed' : 'denied']));
const summary = (outcomes: Record<string, Outcome>) => Object.fromEntries(Object.entries(outcomes).map(([p, o]) => [p, o === 'allowed' ? 'allowed' : o.denied.startsWith('unexpected') || o.denied.startsWith('unclear') ? o.denied : 'denied']));

describe(`each role is allowed and refused where it should be, with real signed tokens (${testDialect})`, () => {
  let n = 0;
  it.each(Object.entries(ENDPOINTS))('%s', async (_name, endpoint) => {
    const before = (await world.ledger()).length;
    const outcomes: Record<string, Outcome> = {};
    for (const person of EVERYONE) outcomes[person] = outcomeOf(await world.as(person, endpoint.request(++n)), endpoint.action);
    expect(summary(outcomes)).toEqual(expected(endpoint.allowed));

    // Every refusal, and nothing else, is in the ledger: who, what, why, answered 403.
    const denials = (await world.ledger()).slice(before).filter(r => r.kind === 'access.denied');
    const refused = EVERYONE.filter(p => outcomes[p] !== 'allowed');
    expect(denials.map(r => [r.actor.userId, r.detail.action, r.detail.status, r.detail.reason])).toEqual(
      refused.map(p => [PEOPLE[p].sub, endpoint.action, 403, (outcomes[p] as { denied: string }).denied]),
    );
    expect(denials.map(r => r.actor.role)).toEqual(refused.map(p => PEOPLE[p].roles.join(' ')));
  });

  it('writing labels: only the labeler the case is assigned to; each refused event is rejected with the reason and recorded', async () => {
    const before = (await world.ledger()).length;
    const results: Record<string, { status: string; reason?: string }> = {};
    for (const person of EVERYONE) {
      const response = await world.as(person, json('POST', '/api/v1/events', { clientId, events: [{ eventId: createUuidV7(), type: 'label.created', occurredAt: new Date().toISOString(), payload: lungLabel() }] }));
      expect(response.statusCode).toBe(200);
      results[person] = response.json().results[0];
    }
    expect(Object.fromEntries(EVERYONE.map(p => [p, results[p]!.status]))).toEqual({ ...Object.fromEntries(EVERYONE.map(p => [p, 'rejected'])), labeler: 'stored' });
    for (const person of EVERYONE.filter(p => p !== 'labeler')) expect(results[person]!.reason).toBe(`Not allowed (labels.write): you are not a labeler of project "${LUNG}"`);
    const denials = (await world.ledger()).slice(before).filter(r => r.kind === 'access.denied');
    expect(denials.map(r => [r.actor.userId, r.detail.action, r.subject.StudyInstanceUID, r.detail.projectId])).toEqual(
      EVERYONE.filter(p => p !== 'labeler').map(p => [PEOPLE[p].sub, 'labels.write', LUNG_STUDY, LUNG]),
    );
  });

  it('a labeler may write only the cases assigned to them: unassigned, their event is refused', async () => {
    expect((await world.as('site-admin', json('PUT', `/api/v1/projects/${LUNG}/members/u-second-labeler`, { roles: ['labeler'] }))).statusCode).toBe(200);
    const second = await world.t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { authorization: `Bearer ${await world.issuer.sign({ sub: 'u-second-labeler', roles: ['labeler'] })}` },
      payload: { clientId, events: [{ eventId: createUuidV7(), type: 'label.created', occurredAt: new Date().toISOString(), payload: lungLabel() }] },
    });
    expect(second.json().results[0]).toMatchObject({ status: 'rejected', reason: `Not allowed (labels.write): this case of project "${LUNG}" is not assigned to you` });
  });

  it('an open search (QIDO-RS) shows each person the studies they may see, and is never refused', async () => {
    const seen: Record<string, string[]> = {};
    for (const person of EVERYONE) {
      const response = await world.as(person, { method: 'GET', url: '/dicomweb/studies', headers: { accept: 'application/dicom+json' } });
      expect(response.statusCode).toBe(200);
      seen[person] = (response.json() as Array<Record<string, { Value: string[] }>>).map(s => s['0020000D']!.Value[0]!).sort();
    }
    expect(seen).toEqual({
      labeler: [LUNG_STUDY],
      reviewer: [LUNG_STUDY],
      adjudicator: [LUNG_STUDY],
      // Admins pick studies for projects: they search them all.
      'project-admin': [LUNG_STUDY, CR_STUDY].sort(),
      'site-admin': [LUNG_STUDY, CR_STUDY].sort(),
      // The auditor took break-glass access to the CR study above.
      auditor: [CR_STUDY],
      'non-member': [CR_STUDY],
    });
  });

  it("a project admin may not appoint or remove a project admin (the site admin's call); refused clearly and recorded", async () => {
    const before = (await world.ledger()).length;
    const appoint = await world.as('project-admin', json('PUT', `/api/v1/projects/${LUNG}/members/u-friend`, { roles: ['project-admin'] }));
    const remove = await world.as('project-admin', { method: 'DELETE', url: `/api/v1/projects/${LUNG}/members/${PEOPLE['project-admin'].sub}` });
    for (const response of [appoint, remove]) {
      expect([response.statusCode, response.json()]).toEqual([403, { error: 'forbidden', message: 'Not allowed (project-admins.write): only a site admin may appoint or remove a project admin' }]);
    }
    const denials = (await world.ledger()).slice(before).filter(r => r.kind === 'access.denied');
    expect(denials.map(r => [r.actor.userId, r.detail.action, r.detail.projectId])).toEqual([
      [PEOPLE['project-admin'].sub, 'project-admins.write', LUNG],
      [PEOPLE['project-admin'].sub, 'project-admins.write', LUNG],
    ]);
    // Nothing changed: the friend is no member, the project admin still is one.
    const members = (await world.as('site-admin', json('GET', `/api/v1/projects/${LUNG}/members`))).json().members as Array<{ userId: string; role: string }>;
    expect(members.filter(m => m.role === 'project-admin').map(m => m.userId)).toEqual([PEOPLE['project-admin'].sub]);
  });
});

describe(`break-glass (${testDialect})`, () => {
  it("gives an auditor the study's images only after the request, recorded first as a security alert", async () => {
    const metadata = () => world.as('auditor', { method: 'GET', url: `/dicomweb/studies/${LUNG_STUDY}/metadata`, headers: { accept: 'application/dicom+json' } });
    const refused = await metadata();
    expect([refused.statusCode, refused.json().message]).toEqual([403, 'Not allowed (dicomweb.retrieve): auditors see no images without break-glass: request it with the study and a reason (POST /api/v1/break-glass)']);

    const before = (await world.ledger()).length;
    const grant = await world.as('auditor', json('POST', '/api/v1/break-glass', { StudyInstanceUID: LUNG_STUDY, reason: 'Complaint 42: who saw this study' }));
    expect(grant.statusCode).toBe(201);
    const { grantId, expiresAt } = grant.json();
    const [alert] = (await world.ledger()).slice(before);
    expect(alert).toMatchObject({
      kind: 'security.break-glass',
      actor: { userId: PEOPLE.auditor.sub, role: 'auditor' },
      subject: { StudyInstanceUID: LUNG_STUDY },
      detail: { alert: true, severity: 'alert', grantId, expiresAt },
    });
    // The free-text reason stays with the grant, out of the ledger.
    expect(JSON.stringify(alert)).not.toContain('Complaint 42');

    expect((await metadata()).statusCode).toBe(200);
    const grants = (await world.as('auditor', json('GET', '/api/v1/break-glass'))).json().grants;
    expect(grants.map((g: { StudyInstanceUID: string }) => g.StudyInstanceUID).sort()).toEqual([LUNG_STUDY, CR_STUDY].sort());
  });
});
