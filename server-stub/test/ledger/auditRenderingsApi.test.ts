import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditLedgerRecord } from '@readingroom/platform-shim';
import { loadIdentityConfig } from '../../src/identity/identityConfig.js';
import { loadAuditConfig } from '../../src/ledger/auditConfig.js';
import { hashLeaf } from '../../src/ledger/core/index.js';
import { childNamed, childrenNamed, parseXml } from '../../src/ledger/renderings/testing/parseXml.js';
import { startTestTokenIssuer, type TestTokenIssuer } from '../identity/testTokenIssuer.js';
import { buildTestApp, testDialect, type TestApp } from '../helper.js';

const STUDY = '2.25.4242';
let issuer: TestTokenIssuer;
let t: TestApp;
let keyDir: string;
let auditorToken: string;

beforeAll(async () => {
  issuer = await startTestTokenIssuer();
  keyDir = mkdtempSync(join(tmpdir(), 'readingroom-renderings-'));
  t = await buildTestApp({
    identity: loadIdentityConfig({ IDENTITY: 'oidc', OIDC_ISSUER: issuer.issuer, OIDC_AUDIENCE: issuer.audience, OIDC_CLIENT_ID: 'viewer' }),
    audit: loadAuditConfig({ AUDIT_SOURCE_ID: 'rr-test-node', AUDIT_ENTERPRISE_SITE_ID: 'Test Site' }, keyDir),
  });
  auditorToken = await issuer.sign({ sub: 'aud-1', roles: ['auditor'] });
  await t.app.auditRecorder.record([
    {
      kind: 'label.created',
      actor: { userId: 'u-17', role: 'labeler', clientId: 'viewer-3' },
      subject: { StudyInstanceUID: STUDY, labelId: 'lbl-9', labelVersion: 1, contentHash: 'b'.repeat(64) },
      detail: { projectId: 'lung', outcome: 'success', finding: 'must-not-appear' },
    },
  ]);
});

afterAll(async () => {
  await t?.close();
  await issuer?.close();
  rmSync(keyDir, { recursive: true, force: true });
});

const get = (url: string, token = auditorToken) => t.app.inject({ url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` } });

describe(`audit record renderings API (${testDialect})`, () => {
  it('gives a record as a DICOM PS3.15 A.5 audit message (application/xml)', async () => {
    const response = await get('/audit/records/1?format=dicom-audit-xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.body).not.toContain('must-not-appear');
    const message = parseXml(response.body);
    expect(childNamed(childNamed(message, 'EventIdentification'), 'EventID').attributes['csd-code']).toBe('110110');
    expect(childNamed(message, 'AuditSourceIdentification').attributes).toEqual({ AuditSourceID: 'rr-test-node', AuditEnterpriseSiteID: 'Test Site' });
    expect(childrenNamed(message, 'ParticipantObjectIdentification').map(o => o.attributes.ParticipantObjectID)).toEqual([STUDY, 'lbl-9']);
  });

  it('gives a record as a FHIR R4 AuditEvent (application/fhir+json, BALP Create)', async () => {
    const response = await get('/audit/records/1?format=fhir-audit-event');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const event = response.json();
    expect(event).toMatchObject({ resourceType: 'AuditEvent', id: '1', action: 'C', outcome: '0', meta: { profile: ['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Create'] } });
    expect(event.entity).toContainEqual(expect.objectContaining({ what: { type: 'ImagingStudy', identifier: { system: 'urn:dicom:uid', value: `urn:oid:${STUDY}` } } }));
    expect(response.body).not.toContain('must-not-appear');
  });

  it('gives the record itself as JSON by default, whose canonical content hashes to its leaf hash', async () => {
    const response = await get('/audit/records/1');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const record: AuditLedgerRecord = response.json();
    expect(record).toMatchObject({ seq: 1, kind: 'label.created', subject: { labelId: 'lbl-9' } });
    expect(hashLeaf(record.canonicalContent).toString('hex')).toBe(record.leafHash);
  });

  it('refuses a labeler (403) and records the denial', async () => {
    const response = await get('/audit/records/1?format=dicom-audit-xml', await issuer.sign({ sub: 'u-17', roles: ['labeler'] }));
    expect(response.statusCode).toBe(403);
    await t.app.auditRecorder.flush();
    const denial = (await get('/audit/records/2')).json();
    expect(denial).toMatchObject({ kind: 'access.denied', actor: { userId: 'u-17' }, detail: { action: 'audit.read' } });
  });

  it.each([
    ['an unknown format', '/audit/records/1?format=hl7v2', 400],
    ['an unknown record', '/audit/records/999?format=fhir-audit-event', 404],
  ])('answers %s with a JSON error', async (_name, url, status) => {
    const response = await get(url);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual(expect.objectContaining({ error: expect.any(String), message: expect.any(String) }));
  });

  it('is in the OpenAPI document with its three content types', async () => {
    const document = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    const operation = document.paths['/api/v1/audit/records/{seq}'].get;
    expect(Object.keys(operation.responses['200'].content).sort()).toEqual(['application/fhir+json', 'application/json', 'application/xml']);
    expect(operation.parameters.find((p: { name: string }) => p.name === 'format').schema).toMatchObject({ anyOf: expect.any(Array) });
  });
});
