import type { SqliteDatabase } from '../openSqlite.js';
import { extractIndexAttributes } from '../../dicomweb/qido/extractIndexAttributes.js';
import type { QidoQuery } from '../../dicomweb/qido/parseQidoQuery.js';
import type { DicomIndex, IndexOutcome, InstanceScope, InstanceToIndex, QidoRow, StoredInstance } from './DicomIndex.js';
import { buildQidoWhere } from './sqliteQidoSql.js';

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

/** SQLite implementation of the DICOM index (better-sqlite3 is synchronous; the interface is not). */
export function createSqliteDicomIndex(db: SqliteDatabase, now: () => Date = () => new Date()): DicomIndex {
  const selectBySop = db.prepare(`SELECT ${INSTANCE_COLUMNS} FROM dicom_instances i WHERE i.sop_uid = ?`);
  const selectSeriesStudy = db.prepare('SELECT study_uid FROM dicom_series WHERE series_uid = ?').pluck();
  const nextSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM dicom_instances').pluck();
  const insertStudy = db.prepare(`
    INSERT INTO dicom_studies (study_uid, rep_sop_uid, patient_name, patient_name_norm, patient_name_words, patient_id,
      patient_birth_date, patient_sex, study_date, study_time, accession_number, study_id, study_description,
      referring_physician_name, referring_physician_name_norm, referring_physician_name_words, created_seq)
    VALUES (@study_uid, @rep_sop_uid, @PatientName, @PatientNameNormalized, @PatientNameWords, @PatientID,
      @PatientBirthDate, @PatientSex, @StudyDate, @StudyTime, @AccessionNumber, @StudyID, @StudyDescription,
      @ReferringPhysicianName, @ReferringPhysicianNameNormalized, @ReferringPhysicianNameWords, @created_seq)
    ON CONFLICT (study_uid) DO NOTHING`);
  const insertSeries = db.prepare(`
    INSERT INTO dicom_series (series_uid, study_uid, rep_sop_uid, modality, series_number, series_description,
      series_date, series_time, body_part_examined, pps_start_date, pps_start_time, created_seq)
    VALUES (@series_uid, @study_uid, @rep_sop_uid, @Modality, @SeriesNumber, @SeriesDescription,
      @SeriesDate, @SeriesTime, @BodyPartExamined, @PerformedProcedureStepStartDate, @PerformedProcedureStepStartTime, @created_seq)
    ON CONFLICT (series_uid) DO NOTHING`);
  const insertInstance = db.prepare(`
    INSERT INTO dicom_instances (sop_uid, series_uid, study_uid, sop_class_uid, instance_number, transfer_syntax_uid,
      sha256, size, storage_key, metadata, frames, bulk, stored_at)
    VALUES (@sop_uid, @series_uid, @study_uid, @sop_class_uid, @instance_number, @transfer_syntax_uid,
      @sha256, @size, @storage_key, @metadata, @frames, @bulk, @stored_at)`);
  const count = db.prepare('SELECT COUNT(*) FROM dicom_instances').pluck();

  const add = db.transaction((instance: InstanceToIndex): IndexOutcome => {
    const existing = selectBySop.get(instance.SOPInstanceUID) as InstanceRow | undefined;
    if (existing) {
      return existing.sha256 === instance.sha256 ? { outcome: 'duplicate' } : { outcome: 'conflict', reason: 'different-content' };
    }
    const seriesStudy = selectSeriesStudy.get(instance.SeriesInstanceUID) as string | undefined;
    if (seriesStudy !== undefined && seriesStudy !== instance.StudyInstanceUID) return { outcome: 'conflict', reason: 'series-in-other-study' };
    const attributes = extractIndexAttributes(instance.metadata);
    const created_seq = nextSeq.get() as number;
    const rep_sop_uid = instance.SOPInstanceUID;
    insertStudy.run({ ...nulls(attributes.study), study_uid: instance.StudyInstanceUID, rep_sop_uid, created_seq });
    insertSeries.run({ ...nulls(attributes.series), series_uid: instance.SeriesInstanceUID, study_uid: instance.StudyInstanceUID, rep_sop_uid, created_seq });
    insertInstance.run({
      sop_uid: instance.SOPInstanceUID,
      series_uid: instance.SeriesInstanceUID,
      study_uid: instance.StudyInstanceUID,
      sop_class_uid: instance.SOPClassUID,
      instance_number: attributes.instance.InstanceNumber ?? null,
      transfer_syntax_uid: instance.TransferSyntaxUID,
      sha256: instance.sha256,
      size: instance.size,
      storage_key: instance.storageKey,
      metadata: JSON.stringify(instance.metadata),
      frames: JSON.stringify(instance.frames),
      bulk: JSON.stringify(instance.bulk),
      stored_at: now().toISOString(),
    });
    return { outcome: 'stored' };
  });

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
  const ORDER = 'ORDER BY se.series_number IS NULL, se.series_number, se.created_seq, i.instance_number IS NULL, i.instance_number, i.seq';

  return {
    async addInstance(instance) {
      return add.immediate(instance);
    },
    async findInstance(SOPInstanceUID) {
      const row = selectBySop.get(SOPInstanceUID) as InstanceRow | undefined;
      return row ? toStoredInstance(row) : undefined;
    },
    async countInstances() {
      return count.get() as number;
    },
    async query(query) {
      return runQuery(db, query);
    },
    async listInstances(scope) {
      const where = scopeWhere(scope);
      const rows = db
        .prepare(`SELECT ${INSTANCE_COLUMNS} FROM dicom_instances i JOIN dicom_series se ON se.series_uid = i.series_uid WHERE ${where.sql} ${ORDER}`)
        .all(...where.params) as InstanceRow[];
      return rows.map(toStoredInstance);
    },
    async listMetadata(scope) {
      const where = scopeWhere(scope);
      return db
        .prepare(`SELECT i.metadata FROM dicom_instances i JOIN dicom_series se ON se.series_uid = i.series_uid WHERE ${where.sql} ${ORDER}`)
        .pluck()
        .all(...where.params) as string[];
    },
  };
}

function nulls<T extends object>(values: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? null]));
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

const STUDY_COMPUTED = `
  (SELECT COUNT(*) FROM dicom_series x WHERE x.study_uid = s.study_uid) AS n_study_series,
  (SELECT COUNT(*) FROM dicom_instances x WHERE x.study_uid = s.study_uid) AS n_study_instances,
  (SELECT GROUP_CONCAT(DISTINCT x.modality) FROM dicom_series x WHERE x.study_uid = s.study_uid) AS modalities,
  (SELECT GROUP_CONCAT(DISTINCT x.sop_class_uid) FROM dicom_instances x WHERE x.study_uid = s.study_uid) AS sop_classes`;
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

function runQuery(db: SqliteDatabase, query: QidoQuery): QidoRow[] {
  const where = buildQidoWhere(query);
  const page = query.limit !== undefined ? `LIMIT ${query.limit} OFFSET ${query.offset}` : `LIMIT -1 OFFSET ${query.offset}`;
  let sql: string;
  switch (query.level) {
    case 'study':
      sql = `SELECT s.study_uid, ${STUDY_COMPUTED}, ri.metadata FROM dicom_studies s
        JOIN dicom_instances ri ON ri.sop_uid = s.rep_sop_uid
        ${where.sql} ORDER BY s.study_date DESC, s.study_time DESC, s.created_seq ${page}`;
      break;
    case 'series':
      sql = `SELECT s.study_uid, se.series_uid, ${STUDY_COMPUTED}, ${SERIES_COMPUTED}, ri.metadata FROM dicom_series se
        JOIN dicom_studies s ON s.study_uid = se.study_uid
        JOIN dicom_instances ri ON ri.sop_uid = se.rep_sop_uid
        ${where.sql} ORDER BY s.created_seq, se.series_number IS NULL, se.series_number, se.created_seq ${page}`;
      break;
    case 'instance':
      sql = `SELECT s.study_uid, se.series_uid, i.sop_uid, ${STUDY_COMPUTED}, ${SERIES_COMPUTED}, ri.metadata FROM dicom_instances i
        JOIN dicom_series se ON se.series_uid = i.series_uid
        JOIN dicom_studies s ON s.study_uid = i.study_uid
        JOIN dicom_instances ri ON ri.seq = i.seq
        ${where.sql} ORDER BY s.created_seq, se.series_number IS NULL, se.series_number, se.created_seq,
          i.instance_number IS NULL, i.instance_number, i.seq ${page}`;
      break;
  }
  const rows = db.prepare(sql).all(...where.params) as QueryRow[];
  return rows.map(row => ({
    StudyInstanceUID: row.study_uid,
    SeriesInstanceUID: row.series_uid,
    SOPInstanceUID: row.sop_uid,
    NumberOfStudyRelatedSeries: row.n_study_series,
    NumberOfStudyRelatedInstances: row.n_study_instances,
    ModalitiesInStudy: (row.modalities ?? '').split(',').filter(Boolean).sort(),
    SOPClassesInStudy: (row.sop_classes ?? '').split(',').filter(Boolean).sort(),
    NumberOfSeriesRelatedInstances: row.n_series_instances,
    metadata: JSON.parse(row.metadata),
  }));
}
