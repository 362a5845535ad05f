import { extractIndexAttributes } from '../../dicomweb/qido/extractIndexAttributes.js';
import type { QidoQuery } from '../../dicomweb/qido/parseQidoQuery.js';
import type { Database, SqlValue, Transaction } from '../db/Database.js';
import { buildQidoWhere } from './buildQidoWhere.js';
import type { DicomIndex, IndexOutcome, InstanceScope, InstanceToIndex, QidoRow, StoredInstance } from './DicomIndex.js';

interface InstanceRow {
  sop_uid: string;
  series_uid: string;
  study_uid: string;
  sop_class_uid: string;
  transfer_syntax_uid: string;
  sha256: string;
  size: number;
  storage_key: string;
  frames: string;
  bulk: string;
}

const INSTANCE_COLUMNS = 'i.sop_uid, i.series_uid, i.study_uid, i.sop_class_uid, i.transfer_syntax_uid, i.sha256, i.size, i.storage_key, i.frames, i.bulk';
const SELECT_BY_SOP = `SELECT ${INSTANCE_COLUMNS} FROM dicom_instances i WHERE i.sop_uid = ?`;
const SELECT_SERIES_STUDY = 'SELECT study_uid FROM dicom_series WHERE series_uid = ?';
const INSERT_STUDY = `
  INSERT INTO dicom_studies (study_uid, rep_sop_uid, patient_name, patient_name_norm, patient_name_words, patient_id,
    patient_birth_date, patient_sex, study_date, study_time, accession_number, study_id, study_description,
    referring_physician_name, referring_physician_name_norm, referring_physician_name_words, created_seq)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (study_uid) DO NOTHING`;
const INSERT_SERIES = `
  INSERT INTO dicom_series (series_uid, study_uid, rep_sop_uid, modality, series_number, series_description,
    series_date, series_time, body_part_examined, pps_start_date, pps_start_time, created_seq)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (series_uid) DO NOTHING`;
const INSERT_INSTANCE = `
  INSERT INTO dicom_instances (sop_uid, series_uid, study_uid, sop_class_uid, instance_number, transfer_syntax_uid,
    sha256, size, storage_key, metadata, frames, bulk, stored_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (sop_uid) DO NOTHING`;
const ORDER = 'ORDER BY se.series_number IS NULL, se.series_number, se.created_seq, i.instance_number IS NULL, i.instance_number, i.seq';

/** Ends a transaction without its changes and with this outcome. */
class Refused extends Error {
  constructor(readonly outcome: IndexOutcome) {
    super('refused');
  }
}

/**
 * The DICOM index on either backend. On PostgreSQL, several server processes may store the same
 * instance or series at once: inserts do nothing on conflict and the outcome is decided by what
 * is committed, so a race ends as "duplicate" or "conflict", never as an error.
 */
export function createDicomIndex(db: Database, now: () => Date = () => new Date()): DicomIndex {
  const existingOutcome = async (tx: Transaction, instance: InstanceToIndex): Promise<IndexOutcome | undefined> => {
    const existing = await tx.queryOne<InstanceRow>(SELECT_BY_SOP, [instance.SOPInstanceUID]);
    if (!existing) return undefined;
    return existing.sha256 === instance.sha256 ? { outcome: 'duplicate' } : { outcome: 'conflict', reason: 'different-content' };
  };
  const seriesInOtherStudy = async (tx: Transaction, instance: InstanceToIndex) => {
    const row = await tx.queryOne<{ study_uid: string }>(SELECT_SERIES_STUDY, [instance.SeriesInstanceUID]);
    return row !== undefined && row.study_uid !== instance.StudyInstanceUID;
  };

  const add = async (tx: Transaction, instance: InstanceToIndex): Promise<IndexOutcome> => {
    const known = await existingOutcome(tx, instance);
    if (known) return known;
    if (await seriesInOtherStudy(tx, instance)) return { outcome: 'conflict', reason: 'series-in-other-study' };
    const attributes = extractIndexAttributes(instance.metadata);
    const createdSeq = (await tx.queryOne<{ next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM dicom_instances'))!.next;
    const repSopUid = instance.SOPInstanceUID;
    const study = attributes.study;
    await tx.run(INSERT_STUDY, nulls([
      instance.StudyInstanceUID, repSopUid, study.PatientName, study.PatientNameNormalized, study.PatientNameWords, study.PatientID,
      study.PatientBirthDate, study.PatientSex, study.StudyDate, study.StudyTime, study.AccessionNumber, study.StudyID, study.StudyDescription,
      study.ReferringPhysicianName, study.ReferringPhysicianNameNormalized, study.ReferringPhysicianNameWords, createdSeq,
    ]));
    const series = attributes.series;
    await tx.run(INSERT_SERIES, nulls([
      instance.SeriesInstanceUID, instance.StudyInstanceUID, repSopUid, series.Modality, series.SeriesNumber, series.SeriesDescription,
      series.SeriesDate, series.SeriesTime, series.BodyPartExamined, series.PerformedProcedureStepStartDate, series.PerformedProcedureStepStartTime, createdSeq,
    ]));
    // Another process may have stored this series (under another study) or this instance meanwhile.
    if (await seriesInOtherStudy(tx, instance)) throw new Refused({ outcome: 'conflict', reason: 'series-in-other-study' });
    const inserted = await tx.run(INSERT_INSTANCE, nulls([
      instance.SOPInstanceUID, instance.SeriesInstanceUID, instance.StudyInstanceUID, instance.SOPClassUID,
      attributes.instance.InstanceNumber, instance.TransferSyntaxUID, instance.sha256, instance.size, instance.storageKey,
      JSON.stringify(instance.metadata), JSON.stringify(instance.frames), JSON.stringify(instance.bulk), now().toISOString(),
    ]));
    if (inserted.changes === 0) throw new Refused((await existingOutcome(tx, instance))!);
    return { outcome: 'stored' };
  };

  const scopeWhere = (scope: InstanceScope) => {
    const clauses = ['i.study_uid = ?'];
    const params: string[] = [scope.StudyInstanceUID];
    if (scope.SeriesInstanceUID) {
      clauses.push('i.series_uid = ?');
      params.push(scope.SeriesInstanceUID);
    }
    if (scope.SOPInstanceUID) {
      clauses.push('i.sop_uid = ?');
      params.push(scope.SOPInstanceUID);
    }
    return { sql: clauses.join(' AND '), params };
  };

  return {
    async addInstance(instance) {
      try {
        return await db.transaction(tx => add(tx, instance));
      } catch (error) {
        if (error instanceof Refused) return error.outcome;
        throw error;
      }
    },
    async findInstance(SOPInstanceUID) {
      const row = await db.queryOne<InstanceRow>(SELECT_BY_SOP, [SOPInstanceUID]);
      return row ? toStoredInstance(row) : undefined;
    },
    async countInstances() {
      return (await db.queryOne<{ n: number }>('SELECT COUNT(*) AS n FROM dicom_instances'))!.n;
    },
    query: query => runQuery(db, query),
    async listInstances(scope) {
      const where = scopeWhere(scope);
      const rows = await db.query<InstanceRow>(
        `SELECT ${INSTANCE_COLUMNS} FROM dicom_instances i JOIN dicom_series se ON se.series_uid = i.series_uid WHERE ${where.sql} ${ORDER}`,
        where.params,
      );
      return rows.map(toStoredInstance);
    },
    async listMetadata(scope) {
      const where = scopeWhere(scope);
      const rows = await db.query<{ metadata: string }>(
        `SELECT i.metadata FROM dicom_instances i JOIN dicom_series se ON se.series_uid = i.series_uid WHERE ${where.sql} ${ORDER}`,
        where.params,
      );
      return rows.map(row => row.metadata);
    },
  };
}

function nulls(values: Array<SqlValue | undefined>): SqlValue[] {
  return values.map(value => value ?? null);
}

function toStoredInstance(row: InstanceRow): StoredInstance {
  return {
    StudyInstanceUID: row.study_uid,
    SeriesInstanceUID: row.series_uid,
    SOPInstanceUID: row.sop_uid,
    SOPClassUID: row.sop_class_uid,
    TransferSyntaxUID: row.transfer_syntax_uid,
    sha256: row.sha256,
    size: row.size,
    storageKey: row.storage_key,
    frames: JSON.parse(row.frames),
    bulk: JSON.parse(row.bulk),
  };
}

/** Values the index computes; the DISTINCT lists are joined with commas (UIDs and modalities have none). */
function studyComputed(db: Database): string {
  const distinctList = (column: string) =>
    db.dialect === 'postgres' ? `string_agg(DISTINCT ${column}, ',')` : `GROUP_CONCAT(DISTINCT ${column})`;
  return `
  (SELECT COUNT(*) FROM dicom_series x WHERE x.study_uid = s.study_uid) AS n_study_series,
  (SELECT COUNT(*) FROM dicom_instances x WHERE x.study_uid = s.study_uid) AS n_study_instances,
  (SELECT ${distinctList('x.modality')} FROM dicom_series x WHERE x.study_uid = s.study_uid) AS modalities,
  (SELECT ${distinctList('x.sop_class_uid')} FROM dicom_instances x WHERE x.study_uid = s.study_uid) AS sop_classes`;
}
const SERIES_COMPUTED = '(SELECT COUNT(*) FROM dicom_instances x WHERE x.series_uid = se.series_uid) AS n_series_instances';

interface QueryRow {
  study_uid: string;
  series_uid?: string;
  sop_uid?: string;
  n_study_series: number;
  n_study_instances: number;
  modalities: string | null;
  sop_classes: string | null;
  n_series_instances?: number;
  metadata: string;
}

async function runQuery(db: Database, query: QidoQuery): Promise<QidoRow[]> {
  const where = buildQidoWhere(query, db.dialect);
  const limit = query.limit !== undefined ? `LIMIT ${Number(query.limit)}` : db.dialect === 'sqlite' ? 'LIMIT -1' : '';
  const page = `${limit} OFFSET ${Number(query.offset)}`;
  const computed = studyComputed(db);
  let sql: string;
  switch (query.level) {
    case 'study':
      sql = `SELECT s.study_uid, ${computed}, ri.metadata FROM dicom_studies s
        JOIN dicom_instances ri ON ri.sop_uid = s.rep_sop_uid
        ${where.sql} ORDER BY s.study_date DESC, s.study_time DESC, s.created_seq ${page}`;
      break;
    case 'series':
      sql = `SELECT s.study_uid, se.series_uid, ${computed}, ${SERIES_COMPUTED}, ri.metadata FROM dicom_series se
        JOIN dicom_studies s ON s.study_uid = se.study_uid
        JOIN dicom_instances ri ON ri.sop_uid = se.rep_sop_uid
        ${where.sql} ORDER BY s.created_seq, se.series_number IS NULL, se.series_number, se.created_seq ${page}`;
      break;
    case 'instance':
      sql = `SELECT s.study_uid, se.series_uid, i.sop_uid, ${computed}, ${SERIES_COMPUTED}, ri.metadata FROM dicom_instances i
        JOIN dicom_series se ON se.series_uid = i.series_uid
        JOIN dicom_studies s ON s.study_uid = i.study_uid
        JOIN dicom_instances ri ON ri.seq = i.seq
        ${where.sql} ORDER BY s.created_seq, se.series_number IS NULL, se.series_number, se.created_seq,
          i.instance_number IS NULL, i.instance_number, i.seq ${page}`;
      break;
  }
  const rows = await db.query<QueryRow>(sql, where.params);
  return rows.map(row => ({
    StudyInstanceUID: row.study_uid,
    SeriesInstanceUID: row.series_uid ?? undefined,
    SOPInstanceUID: row.sop_uid ?? undefined,
    NumberOfStudyRelatedSeries: row.n_study_series,
    NumberOfStudyRelatedInstances: row.n_study_instances,
    ModalitiesInStudy: (row.modalities ?? '').split(',').filter(Boolean).sort(),
    SOPClassesInStudy: (row.sop_classes ?? '').split(',').filter(Boolean).sort(),
    NumberOfSeriesRelatedInstances: row.n_series_instances ?? undefined,
    metadata: JSON.parse(row.metadata),
  }));
}
