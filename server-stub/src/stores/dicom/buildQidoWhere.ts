import type { AttributeMatch, Condition, QidoQuery } from '../../dicomweb/qido/parseQidoQuery.js';
import { normalizePersonName } from '../../dicomweb/qido/personNameMatching.js';
import type { Dialect, SqlValue } from '../db/Database.js';

type Params = SqlValue[];

/**
 * Builds the WHERE clause of a QIDO-RS query for the index, in either dialect
 * (aliases: s study, se series, i instance, ri representative).
 */
export function buildQidoWhere(query: QidoQuery, dialect: Dialect): { sql: string; params: Params } {
  const clauses: string[] = [];
  const params: Params = [];
  const sql = new QidoSql(dialect, params);
  if (query.scope.StudyInstanceUID) {
    clauses.push('s.study_uid = ?');
    params.push(query.scope.StudyInstanceUID);
  }
  if (query.scope.SeriesInstanceUID) {
    clauses.push('se.series_uid = ?');
    params.push(query.scope.SeriesInstanceUID);
  }
  for (const match of query.matches) {
    const any = match.conditions.map(condition => sql.condition(match, condition, query.fuzzy));
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

/** DICOM `*` and `?` as LIKE's `%` and `_`, with `\\`, `%` and `_` of the value escaped (ESCAPE '\\'). */
export function toLike(pattern: string): string {
  return pattern.replace(/[\\%_]/g, '\\$&').replace(/\*/g, '%').replace(/\?/g, '_');
}

const TAG = /^[0-9A-F]{8}$/;

class QidoSql {
  constructor(
    private readonly dialect: Dialect,
    private readonly params: Params,
  ) {}

  condition(match: AttributeMatch, condition: Condition, fuzzy: boolean): string {
    if (match.kind === 'modalitiesInStudy') {
      return `EXISTS (SELECT 1 FROM dicom_series m WHERE m.study_uid = s.study_uid AND ${this.compare('m.modality', condition)})`;
    }
    if (match.kind === 'personName') return this.personName(PERSON_NAMES[match.tag]!, condition, fuzzy);
    const column = COLUMNS[match.tag];
    if (column) return this.compare(column, condition);
    // Any other attribute: the first value in the metadata of the level's representative instance.
    if (!TAG.test(match.tag)) throw new Error(`Not a tag: ${match.tag}`);
    return this.compare(this.firstValue(match.tag, match.vr === 'PN'), condition);
  }

  private firstValue(tag: string, personName: boolean): string {
    if (this.dialect === 'postgres') {
      const value = personName ? `-> 'Value' -> 0 ->> 'Alphabetic'` : `-> 'Value' ->> 0`;
      return `((ri.metadata::jsonb -> '${tag}' ${value}) COLLATE "C")`;
    }
    const path = personName ? `$."${tag}".Value[0].Alphabetic` : `$."${tag}".Value[0]`;
    return `CAST(json_extract(ri.metadata, '${path}') AS TEXT)`;
  }

  private compare(column: string, condition: Condition): string {
    switch (condition.type) {
      case 'single':
        this.params.push(condition.value);
        return `${column} = ?`;
      case 'list':
        this.params.push(...condition.values);
        return `${column} IN (${condition.values.map(() => '?').join(', ')})`;
      case 'wildcard':
        return this.wildcard(column, condition.pattern);
      case 'range': {
        const parts = [`${column} IS NOT NULL`, `${column} <> ''`];
        if (condition.from) {
          this.params.push(condition.from);
          parts.push(`${column} >= ?`);
        }
        if (condition.to) {
          // "to" is inclusive for any finer value: 20240131 matches 20240131, time 12 matches 1215.
          this.params.push(`${condition.to}\uffff`);
          parts.push(`${column} <= ?`);
        }
        return `(${parts.join(' AND ')})`;
      }
    }
  }

  /** A DICOM wildcard pattern (`*`, `?`), case-sensitive in both dialects. */
  private wildcard(column: string, pattern: string): string {
    if (this.dialect === 'postgres') {
      this.params.push(toLike(pattern));
      return `${column} LIKE ? ESCAPE '\\'`;
    }
    this.params.push(toGlob(pattern));
    return `${column} GLOB ?`;
  }

  private personName(column: string, condition: Condition, fuzzy: boolean): string {
    if (condition.type !== 'single' && condition.type !== 'wildcard') return this.compare(column, condition);
    const value = normalizePersonName(condition.type === 'single' ? condition.value : condition.pattern);
    const exact = this.compare(`${column}_norm`, condition.type === 'single' ? { type: 'single', value } : { type: 'wildcard', pattern: value });
    if (!fuzzy) return exact;
    return `(${exact} OR ${this.wildcard(`${column}_words`, `*^${value}*`)})`;
  }
}
