import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { API_BASE, AuditLedgerRecord, AuditRecordQuery, AuditTrail, AuditTrailQuery, ConsistencyProof, ConsistencyProofQuery, ErrorResponse, LatestCheckpoint, RecordInclusion } from '@readingroom/platform-shim';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const Seq = Type.Object({ seq: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

/** The auditor's API over the tamper-evident ledger (docs/auditor-guide.md; formats in docs/audit-ledger.md). */
export const auditRoutes: FastifyPluginAsyncTypebox = async app => {
  const tags = ['audit'];
  app.get(
    `${API_BASE}/audit/checkpoints/latest`,
    { schema: { tags, summary: 'The latest signed checkpoint, with the ledger origin and verifier key', response: { 200: LatestCheckpoint, ...errors } } },
    async request => app.auditService.getLatestCheckpoint(request.user),
  );

  app.get(
    `${API_BASE}/audit/records/:seq`,
    {
      schema: {
        tags,
        summary: 'One record: as JSON, as a DICOM PS3.15 A.5 audit message, or as a FHIR R4 AuditEvent (IHE BALP)',
        description: 'format=json (default, application/json), dicom-audit-xml (application/xml) or fhir-audit-event (application/fhir+json). Mapping of kinds to event codes: docs/audit-ledger.md, "Renderings".',
        params: Seq,
        querystring: AuditRecordQuery,
        response: {
          200: {
            description: 'The record in the requested format',
            content: {
              'application/json': { schema: AuditLedgerRecord },
              'application/xml': { schema: Type.String({ description: 'DICOM PS3.15 A.5.1 AuditMessage' }) },
              'application/fhir+json': { schema: Type.Object({ resourceType: Type.Literal('AuditEvent') }, { additionalProperties: true, description: 'FHIR R4 AuditEvent' }) },
            },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const rendered = await app.auditService.renderRecord(request.user, request.params.seq, request.query.format ?? 'json');
      return reply.type(rendered.contentType).send(rendered.body);
    },
  );

  app.get(
    `${API_BASE}/audit/records/:seq/inclusion-proof`,
    {
      schema: {
        tags,
        summary: 'A record with its inclusion proof against a checkpoint (the latest by default)',
        params: Seq,
        querystring: Type.Object({ treeSize: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
        response: { 200: RecordInclusion, ...errors },
      },
    },
    async request => app.auditService.getInclusion(request.user, request.params.seq, request.query.treeSize),
  );

  app.get(
    `${API_BASE}/audit/consistency-proof`,
    { schema: { tags, summary: 'Proof that a later checkpoint extends an earlier one (RFC 9162 §2.1.4)', querystring: ConsistencyProofQuery, response: { 200: ConsistencyProof, ...errors } } },
    async request => app.auditService.getConsistencyProof(request.user, request.query.from, request.query.to),
  );

  app.get(
    `${API_BASE}/audit/trail`,
    {
      schema: {
        tags,
        summary: "Who viewed, labeled, reviewed and exported an instance or a study: the ledger's records, each with its inclusion proof",
        description: 'Give sopInstanceUid or studyInstanceUid. Pages of `limit` records (200 by default); pass `next` as `after` for the next page.',
        querystring: AuditTrailQuery,
        response: { 200: AuditTrail, ...errors },
      },
    },
    async request => app.auditService.getTrail(request.user, request.query),
  );
};
