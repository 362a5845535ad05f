/**
 * The auditor's side of the ledger: checkpoints, proofs and trails. Read-only; every method asks
 * the access seam for `audit.read` first.
 */
import type { AuditRecordFormat, AuditTrail, AuditTrailQuery, ConsistencyProof, LatestCheckpoint, RecordInclusion, SessionUser } from '@readingroom/platform-shim';
import { HttpError } from '../../plugins/errorHandling.js';
import type { Authorize } from '../../services/labeling/authorize.js';
import type { SqlExecutor } from '../../stores/db/Database.js';
import { readCheckpoint, readLatestCheckpoint, type StoredCheckpoint } from '../checkpoints/checkpointStore.js';
import { parseCanonicalRecord, type CanonicalLedgerRecord } from '../core/index.js';
import { buildConsistencyProof, buildInclusionProof } from '../store/buildProofs.js';
import { findTrailSeqs, locateInstanceInLedger, readRecord, readRecords, type TrailTarget } from '../store/readLedgerRecords.js';
import { TreeNodeReader } from '../store/treeNodeStore.js';
import type { AuditSource } from '../renderings/AuditSource.js';
import { classifyActivity } from './classifyActivity.js';
import { renderLedgerRecord, type RenderedRecord } from './renderLedgerRecord.js';
import { toCheckpointView, toRecordView } from './toRecordView.js';

export interface AuditService {
  getLatestCheckpoint(user: SessionUser): Promise<LatestCheckpoint>;
  getInclusion(user: SessionUser, seq: number, treeSize?: number): Promise<RecordInclusion>;
  getConsistencyProof(user: SessionUser, from: number, to?: number): Promise<ConsistencyProof>;
  getTrail(user: SessionUser, query: AuditTrailQuery): Promise<AuditTrail>;
  /** One stored record (for the renderings), after the access check. */
  getRecord(user: SessionUser, seq: number): Promise<CanonicalLedgerRecord>;
  /** One record as JSON, a DICOM PS3.15 A.5 audit message or a FHIR AuditEvent (BALP). */
  renderRecord(user: SessionUser, seq: number, format: AuditRecordFormat): Promise<RenderedRecord>;
}

export interface AuditServiceDeps {
  db: SqlExecutor;
  authorize: Authorize;
  key: { origin: string; verifierKey: string };
  /** The study and series of an instance this server stores (the DICOM index), if it does. */
  locateInstance?: (SOPInstanceUID: string) => Promise<{ StudyInstanceUID: string; SeriesInstanceUID: string } | undefined>;
  /** This server as the audit source of the renderings. */
  source: AuditSource;
  /** The SOP classes of the stored instances of a study (or one of its series), by SOP Instance UID. */
  findSopClasses?: (scope: { StudyInstanceUID: string; SeriesInstanceUID?: string }) => Promise<ReadonlyMap<string, string>>;
}

const DEFAULT_TRAIL_LIMIT = 200;

export function createAuditService(deps: AuditServiceDeps): AuditService {
  const { db } = deps;
  const latestOrThrow = async () => {
    const latest = await readLatestCheckpoint(db);
    if (!latest) throw new HttpError(404, 'not_found', 'The ledger has no signed checkpoint yet (one is signed within a minute of the first record).');
    return latest;
  };
  const checkpointOrThrow = async (treeSize: number) => {
    const checkpoint = await readCheckpoint(db, treeSize);
    if (!checkpoint) throw new HttpError(404, 'not_found', `There is no checkpoint of tree size ${treeSize}.`);
    return checkpoint;
  };
  const recordOrThrow = async (seq: number) => {
    const record = await readRecord(db, seq);
    if (!record) throw new HttpError(404, 'not_found', `The ledger has no record ${seq}.`);
    return record;
  };

  return {
    async getLatestCheckpoint(user) {
      await deps.authorize(user, 'audit.read');
      return { origin: deps.key.origin, verifierKey: deps.key.verifierKey, checkpoint: toCheckpointView(await latestOrThrow()) };
    },

    async getInclusion(user, seq, treeSize) {
      await deps.authorize(user, 'audit.read');
      const record = await recordOrThrow(seq);
      const checkpoint = treeSize === undefined ? await readLatestCheckpoint(db) : await checkpointOrThrow(treeSize);
      if (!checkpoint || checkpoint.treeSize < seq) {
        if (treeSize !== undefined) throw new HttpError(400, 'bad_request', `Record ${seq} is not in the tree of size ${treeSize}.`);
        return { record: toRecordView(record), inclusionProof: null, checkpoint: checkpoint ? toCheckpointView(checkpoint) : null };
      }
      const hashes = await buildInclusionProof(new TreeNodeReader(db, checkpoint.treeSize), seq, checkpoint.treeSize);
      return { record: toRecordView(record), inclusionProof: { leafIndex: seq - 1, treeSize: checkpoint.treeSize, hashes }, checkpoint: toCheckpointView(checkpoint) };
    },

    async getConsistencyProof(user, from, to) {
      await deps.authorize(user, 'audit.read');
      const newer = to === undefined ? await latestOrThrow() : await checkpointOrThrow(to);
      if (from > newer.treeSize) throw new HttpError(400, 'bad_request', `from (${from}) must not exceed to (${newer.treeSize}).`);
      const older = await checkpointOrThrow(from);
      const hashes = await buildConsistencyProof(new TreeNodeReader(db, newer.treeSize), older.treeSize, newer.treeSize);
      return { from: toCheckpointView(older), to: toCheckpointView(newer), hashes };
    },

    async getTrail(user, query) {
      const target = await resolveTarget(deps, query);
      await deps.authorize(user, 'audit.read', target.StudyInstanceUID ? { StudyInstanceUID: target.StudyInstanceUID } : undefined);
      const limit = query.limit ?? DEFAULT_TRAIL_LIMIT;
      const seqs = await findTrailSeqs(db, target, query.after ?? 0, limit + 1);
      const page = seqs.slice(0, limit);
      const checkpoint = await readLatestCheckpoint(db);
      return {
        ...target,
        checkpoint: checkpoint ? toCheckpointView(checkpoint) : null,
        origin: deps.key.origin,
        verifierKey: deps.key.verifierKey,
        entries: await buildTrailEntries(db, page, checkpoint),
        ...(seqs.length > limit ? { next: page[page.length - 1]! } : {}),
      };
    },

    async getRecord(user, seq) {
      await deps.authorize(user, 'audit.read');
      return recordOrThrow(seq);
    },

    async renderRecord(user, seq, format) {
      await deps.authorize(user, 'audit.read');
      const record = await recordOrThrow(seq);
      const subject = format === 'json' ? undefined : parseCanonicalRecord(record).subject;
      const sopClasses = subject?.StudyInstanceUID && subject.SOPInstanceUIDs?.length && deps.findSopClasses
        ? await deps.findSopClasses({ StudyInstanceUID: subject.StudyInstanceUID, ...(subject.SeriesInstanceUID ? { SeriesInstanceUID: subject.SeriesInstanceUID } : {}) })
        : undefined;
      return renderLedgerRecord(record, format, { source: deps.source, sopClasses });
    },
  };
}

async function resolveTarget(deps: AuditServiceDeps, query: AuditTrailQuery): Promise<TrailTarget & { StudyInstanceUID?: string }> {
  if ((query.sopInstanceUid === undefined) === (query.studyInstanceUid === undefined)) {
    throw new HttpError(400, 'bad_request', 'Give exactly one of sopInstanceUid and studyInstanceUid.');
  }
  if (query.studyInstanceUid !== undefined) return { StudyInstanceUID: query.studyInstanceUid };
  const SOPInstanceUID = query.sopInstanceUid!;
  const located = (await deps.locateInstance?.(SOPInstanceUID)) ?? (await locateInstanceInLedger(deps.db, SOPInstanceUID));
  return { SOPInstanceUID, ...located };
}

async function buildTrailEntries(db: SqlExecutor, seqs: number[], checkpoint: StoredCheckpoint | undefined): Promise<AuditTrail['entries']> {
  const records = await readRecords(db, seqs);
  const reader = checkpoint && new TreeNodeReader(db, checkpoint.treeSize);
  const entries: AuditTrail['entries'] = [];
  for (const record of records) {
    const view = toRecordView(record);
    const anchored = reader && checkpoint && record.seq <= checkpoint.treeSize;
    const inclusionProof = anchored ? { leafIndex: record.seq - 1, treeSize: checkpoint.treeSize, hashes: await buildInclusionProof(reader, record.seq, checkpoint.treeSize) } : null;
    entries.push({ activity: classifyActivity(view.kind), record: view, inclusionProof });
  }
  return entries;
}
