import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadIdentityConfig } from '../../src/identity/identityConfig.js';
import { parseCanonicalRecord, type LedgerRecord } from '../../src/ledger/core/index.js';
import { lungNodulesCtSchema } from '../../src/demo/schemas/lungNodulesCtSchema.js';
import { buildTestApp, type TestApp } from '../helper.js';
import { buildTestInstance } from '../dicomweb/fixtures/dicomFixtures.js';
import { multipartBody } from '../dicomweb/fixtures/multipartHelpers.js';
import { readAllRecords } from '../ledger/ledgerTestSupport.js';
import { startTestTokenIssuer, type TestTokenIssuer, type TokenClaims } from './testTokenIssuer.js';

// Synthetic UIDs (2.25 root); no patient data.
export const LUNG = 'lung';
export const CR = 'cr';
export const LUNG_STUDY = '2.25.4001';
export const CR_STUDY = '2.25.4002';
export const STOW_TYPE = 'multipart/related; type="application/dicom"; boundary=test-boundary-1234';

/** Who is who: the token's roles, and (set up below) their project memberships. */
export const PEOPLE = {
  labeler: { sub: 'u-labeler', roles: ['labeler'] },
  reviewer: { sub: 'u-reviewer', roles: ['reviewer'] },
  adjudicator: { sub: 'u-adjudicator', roles: ['adjudicator'] },
  'project-admin': { sub: 'u-project-admin', roles: ['project-admin'] },
  'site-admin': { sub: 'u-site-admin', roles: ['site-admin'] },
  auditor: { sub: 'u-auditor', roles: ['auditor'] },
  /** A labeler of the other project: no role in the lung project. */
  'non-member': { sub: 'u-outsider', roles: ['labeler'] },
} satisfies Record<string, TokenClaims>;
export type Person = keyof typeof PEOPLE;
export const EVERYONE = Object.keys(PEOPLE) as Person[];

/** The lung project's members (appointed by the site admin through the API). */
const LUNG_MEMBERS: Array<[Person, string]> = [
  ['labeler', 'labeler'],
  ['reviewer', 'reviewer'],
  ['adjudicator', 'adjudicator'],
  ['project-admin', 'project-admin'],
];

export interface AccessWorld {
  t: TestApp;
  issuer: TestTokenIssuer;
  /** An API or DICOMweb request with `person`'s access token. */
  as(person: Person, request: InjectOptions): Promise<LightMyRequestResponse>;
  /** Every ledger record so far (after flushing the recorder). */
  ledger(): Promise<LedgerRecord[]>;
  close(): Promise<void>;
}

export function dicomInstance(StudyInstanceUID: string, n: number): Uint8Array {
  return buildTestInstance({ StudyInstanceUID, SeriesInstanceUID: `${StudyInstanceUID}.1`, SOPInstanceUID: `${StudyInstanceUID}.1.${n}`, PatientName: 'Synthetic^Case' });
}

/** The server with the site's own identity provider (IDENTITY=oidc, read by the real config loader). */
export async function buildOidcTestApp(): Promise<AccessWorld> {
  const issuer = await startTestTokenIssuer();
  let t: TestApp;
  try {
    t = await buildTestApp({
      identity: loadIdentityConfig({ IDENTITY: 'oidc', OIDC_ISSUER: issuer.issuer, OIDC_AUDIENCE: issuer.audience, OIDC_CLIENT_ID: 'test-viewer' }),
    });
  } catch (error) {
    await issuer.close();
    throw error;
  }
  const as = async (person: Person, request: InjectOptions) =>
    t.app.inject({ ...request, headers: { ...request.headers, authorization: `Bearer ${await issuer.sign(PEOPLE[person])}` } });
  return {
    t,
    issuer,
    as,
    async ledger() {
      await t.app.auditRecorder.flush();
      return (await readAllRecords(t.app.database)).map(parseCanonicalRecord);
    },
    async close() {
      await t.close();
      await issuer.close();
    },
  };
}

/**
 * buildOidcTestApp and a small world built through the API by the site admin: two projects with
 * a study each, the lung project's members, and each study assigned to its project's labeler.
 */
export async function buildAccessWorld(): Promise<AccessWorld> {
  const world = await buildOidcTestApp();
  try {
    await seedWorld(world.as);
  } catch (error) {
    await world.close();
    throw error;
  }
  return world;
}

async function seedWorld(as: AccessWorld['as']): Promise<void> {
  const expectStatus = async (request: InjectOptions, status: number) => {
    const response = await as('site-admin', request);
    if (response.statusCode !== status) throw new Error(`setup ${request.method} ${request.url}: ${response.statusCode} ${response.body}`);
  };
  const stow = { method: 'POST', url: '/dicomweb/studies', headers: { 'content-type': STOW_TYPE, accept: 'application/dicom+json' } } as const;
  await expectStatus({ ...stow, payload: multipartBody([dicomInstance(LUNG_STUDY, 1), dicomInstance(CR_STUDY, 1)]) }, 200);
  for (const [projectId, study] of [[LUNG, LUNG_STUDY], [CR, CR_STUDY]] as const) {
    await expectStatus({ method: 'PUT', url: `/api/v1/projects/${projectId}`, payload: { title: projectId } }, 201);
    await expectStatus({ method: 'POST', url: `/api/v1/projects/${projectId}/schemas`, payload: lungNodulesCtSchema }, 201);
    await expectStatus({ method: 'PUT', url: `/api/v1/projects/${projectId}/studies/${study}` }, 200);
  }
  for (const [person, role] of LUNG_MEMBERS) await expectStatus({ method: 'PUT', url: `/api/v1/projects/${LUNG}/members/${PEOPLE[person].sub}`, payload: { roles: [role] } }, 200);
  await expectStatus({ method: 'PUT', url: `/api/v1/projects/${CR}/members/${PEOPLE['non-member'].sub}`, payload: { roles: ['labeler'] } }, 200);
  await expectStatus({ method: 'PUT', url: `/api/v1/projects/${LUNG}/cases/${LUNG_STUDY}/assignees/${PEOPLE.labeler.sub}` }, 201);
  await expectStatus({ method: 'PUT', url: `/api/v1/projects/${CR}/cases/${CR_STUDY}/assignees/${PEOPLE['non-member'].sub}` }, 201);
}
