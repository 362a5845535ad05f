import type { AttributeMatch, Condition, QidoQuery } from '../../dicomweb/qido/parseQidoQuery.js';
import { normalizePersonName } from '../../dicomweb/qido/personNameMatching.js';

/** Builds the WHERE clause of a QIDO-RS query for the SQLite index (aliases: s study, se series, i instance, ri representative). */
export function buildQidoWhere(query: QidoQuery): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (query.scope.StudyInstanceUID) {
    clauses.push('s.study_uid = ?');
    params.push(query.scope.StudyInstanceUID);
  }
  if (query.scope.SeriesInstanceUID) {
    clauses.push('se.series_uid = ?');
    params.push(query.scope.SeriesInstanceUID);
  }
  for (const match of query.matches) {
    const any = match.conditions.map(condition => conditionSql(match, condition, query, params));
    clauses.push(any.length === 1 ? any[0]! : `(${any.join(' OR ')})`);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const COLUMNS: Record<string, string> = {
  '0020000D': 's.study_uid',
  '00100020': 's.patient_id',
  '00100030': 's.patient_birth_date',
  '00100040': 's.patient_sex',
  '00080020': 's.study_date',
  '00080030': 's.study_time',
  '00080050': 's.accession_number',
  '00200010': 's.study_id',
  '00081030': 's.study_description',
  '0020000E': 'se.series_uid',
  '00080060': 'se.modality',
  '00200011': 'se.series_number',
  '0008103E': 'se.series_description',
  '00080021': 'se.series_date',
  '00080031': 'se.series_time',
  '00180015': 'se.body_part_examined',
  '00400244': 'se.pps_start_date',
  '00400245': 'se.pps_start_time',
  '00080018': 'i.sop_uid',
  '00080016': 'i.sop_class_uid',
  '00200013': 'i.instance_number',
};
const PERSON_NAMES: Record<string, string> = { '00100010': 's.patient_name', '00080090': 's.referring_physician_name' };

/** DICOM `*` and `?` are GLOB's own wildcards; only `[` needs escaping. */
export function toGlob(pattern: string): string {
  return pattern.replace(/\[/g, '[[]');
}

function conditionSql(match: AttributeMatch, condition: Condition, query: QidoQuery, params: unknown[]): string {
  if (match.kind === 'modalitiesInStudy') {
    return `EXISTS (SELECT 1 FROM dicom_series m WHERE m.study_uid = s.study_uid AND ${compare('m.modality', condition, params)})`;
  }
  if (match.kind === 'personName') {
    const column = PERSON_NAMES[match.tag]!;
    return personName(column, condition, query.fuzzy, params);
  }
  const column = COLUMNS[match.tag];
  if (column) return compare(column, condition, params);
  // Any other attribute: the first value in the metadata of the level's representative instance.
  const path = match.vr === 'PN' ? `$."${match.tag}".Value[0].Alphabetic` : `$."${match.tag}".Value[0]`;
  return compare(`CAST(json_extract(ri.metadata, '${path}') AS TEXT)`, condition, params);
}

function compare(column: string, condition: Condition, params: unknown[]): string {
  switch (condition.type) {
    case 'single':
      params.push(condition.value);
      return `${column} = ?`;
    case 'list':
      params.push(...condition.values);
      return `${column} IN (${condition.values.map(() => '?').join(', ')})`;
    case 'wildcard':
      params.push(toGlob(condition.pattern));
      return `${column} GLOB ?`;
    case 'range': {
      const parts = [`${column} IS NOT NULL`, `${column} <> ''`];
      if (condition.from) {
        params.push(condition.from);
        parts.push(`${column} >= ?`);
      }
      if (condition.to) {
        // "to" is inclusive for any finer value: 20240131 matches 20240131, time 12 matches 1215.
        params.push(`${condition.to}\uffff`);
        parts.push(`${column} <= ?`);
      }
      return `(${parts.join(' AND ')})`;
    }
  }
}

function personName(column: string, condition: Condition, fuzzy: boolean, params: unknown[]): string {
  if (condition.type !== 'single' && condition.type !== 'wildcard') return compare(column, condition, params);
  const value = normalizePersonName(condition.type === 'single' ? condition.value : condition.pattern);
  const exact = condition.type === 'single' ? compare(`${column}_norm`, { type: 'single', value }, params) : compare(`${column}_norm`, { type: 'wildcard', pattern: value }, params);
  if (!fuzzy) return exact;
  params.push(`*^${toGlob(value)}*`);
  return `(${exact} OR ${column}_words GLOB ?)`;
}
