import { lookupKeyword, lookupTag } from '../dicom/dcmjsAdapter.js';
import { isValidUid } from '../dicom/describeDicomFile.js';
import { matchableByTag, type MatchableAttribute, type MatchKind, type QidoLevel } from './qidoAttributes.js';

export type Condition =
  | { type: 'single'; value: string }
  /** DICOM wildcards: `*` any run, `?` one character (PS3.4 C.2.2.2.4). */
  | { type: 'wildcard'; pattern: string }
  | { type: 'list'; values: string[] }
  | { type: 'range'; from?: string; to?: string };

export interface AttributeMatch {
  tag: string;
  vr: string;
  level: QidoLevel;
  kind: MatchKind | 'generic';
  /** Several conditions (a `\` list of patterns) match if any does. */
  conditions: Condition[];
}

export interface QidoQuery {
  level: QidoLevel;
  scope: { StudyInstanceUID?: string; SeriesInstanceUID?: string };
  matches: AttributeMatch[];
  /** Tags asked for with includefield, plus the matching keys (which a response always returns). */
  includeTags: string[];
  includeAll: boolean;
  fuzzy: boolean;
  limit?: number;
  offset: number;
}

export class QidoQueryError extends Error {
  override name = 'QidoQueryError';
}

const LEVEL_ORDER: Record<QidoLevel, number> = { study: 0, series: 1, instance: 2 };

/** Resolves "PatientName", "00100010" (any case) to a dictionary entry. */
export function resolveAttribute(key: string): { tag: string; vr: string } | undefined {
  if (/^[0-9A-Fa-f]{8}$/.test(key)) {
    const tag = key.toUpperCase();
    const entry = lookupTag(tag);
    if (entry) return { tag, vr: entry.vr };
    // Private and unknown public tags are valid keys; their VR is unknown.
    return { tag, vr: 'UN' };
  }
  const entry = lookupKeyword(key);
  return entry ? { tag: entry.tag, vr: entry.vr } : undefined;
}

/**
 * Parses QIDO-RS query parameters (PS3.18 8.3.4) into a typed query, or throws a
 * QidoQueryError naming the offending parameter (values are never echoed: they may be PHI).
 */
export function parseQidoQuery(
  level: QidoLevel,
  scope: QidoQuery['scope'],
  params: Record<string, string | string[] | undefined>,
): QidoQuery {
  const query: QidoQuery = { level, scope, matches: [], includeTags: [], includeAll: false, fuzzy: false, offset: 0 };
  const seen = new Set<string>();
  for (const [key, raw] of Object.entries(params)) {
    if (raw === undefined) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    switch (key) {
      case 'limit':
        query.limit = nonNegativeInteger(key, single(key, values));
        break;
      case 'offset':
        query.offset = nonNegativeInteger(key, single(key, values));
        break;
      case 'fuzzymatching': {
        const value = single(key, values);
        if (value !== 'true' && value !== 'false') throw new QidoQueryError('fuzzymatching must be "true" or "false"');
        query.fuzzy = value === 'true';
        break;
      }
      case 'includefield':
        for (const field of values.flatMap(v => v.split(',')).map(f => f.trim()).filter(Boolean)) {
          if (field === 'all') {
            query.includeAll = true;
            continue;
          }
          const attribute = resolveAttribute(field);
          if (!attribute) throw new QidoQueryError(`includefield: unknown attribute "${field}"`);
          query.includeTags.push(attribute.tag);
        }
        break;
      default: {
        if (key.includes('.')) throw new QidoQueryError(`matching on sequence attributes is not supported ("${key}")`);
        const attribute = resolveAttribute(key);
        if (!attribute) throw new QidoQueryError(`unknown query parameter "${key}"`);
        if (seen.has(attribute.tag)) throw new QidoQueryError(`matching key "${key}" given more than once`);
        seen.add(attribute.tag);
        const match = toMatch(level, scope, key, attribute, single(key, values));
        query.includeTags.push(attribute.tag);
        if (match) query.matches.push(match);
      }
    }
  }
  return query;
}

function single(key: string, values: string[]): string {
  if (values.length !== 1) throw new QidoQueryError(`"${key}" given more than once`);
  return values[0]!;
}

function nonNegativeInteger(key: string, value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new QidoQueryError(`${key} must be a non-negative integer`);
  return Number(value);
}

function toMatch(
  level: QidoLevel,
  scope: QidoQuery['scope'],
  key: string,
  attribute: { tag: string; vr: string },
  value: string,
): AttributeMatch | undefined {
  const known: MatchableAttribute | undefined = matchableByTag.get(attribute.tag);
  const attributeLevel = known?.level ?? level;
  if (LEVEL_ORDER[attributeLevel] > LEVEL_ORDER[level]) {
    throw new QidoQueryError(`"${key}" is not a matching key at ${level} level`);
  }
  if (attribute.vr === 'SQ') throw new QidoQueryError(`matching on sequence attributes is not supported ("${key}")`);
  // Empty value or a lone "*": universal matching, the key is only returned (PS3.4 C.2.2.2.3).
  if (value === '' || /^\*+$/.test(value)) return undefined;
  const kind = known?.kind ?? 'generic';
  return { tag: attribute.tag, vr: attribute.vr, level: attributeLevel, kind, conditions: parseConditions(key, kind, attribute.vr, value) };
}

const DATE = /^\d{8}$/;
const TIME = /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/;

function parseConditions(key: string, kind: MatchKind | 'generic', vr: string, value: string): Condition[] {
  switch (kind) {
    case 'uid': {
      // UID list matching: PS3.4 uses "\\", PS3.18 QIDO-RS also allows "," (the only form Orthanc 1.10 accepts).
      const uids = value.split(/[\\,]/);
      if (!uids.every(u => isValidUid(u))) throw new QidoQueryError(`"${key}" must be a UID or a list of UIDs separated by "\\" or ","`);
      return uids.length === 1 ? [{ type: 'single', value: uids[0]! }] : [{ type: 'list', values: uids }];
    }
    case 'date':
      return [range(key, value, DATE, 'a date YYYYMMDD or a range YYYYMMDD-YYYYMMDD')];
    case 'time':
      return [range(key, value, TIME, 'a time HHMMSS or a range HHMMSS-HHMMSS')];
    case 'number': {
      const numbers = value.split('\\');
      if (!numbers.every(n => /^[+-]?\d{1,10}$/.test(n.trim()))) throw new QidoQueryError(`"${key}" must be an integer`);
      return [{ type: 'list', values: numbers.map(n => String(Number(n))) }];
    }
    default: {
      if (kind === 'generic' && !['AE', 'AS', 'CS', 'DA', 'DT', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT', 'DS', 'IS'].includes(vr)) {
        throw new QidoQueryError(`matching on "${key}" (VR ${vr}) is not supported`);
      }
      return value.split('\\').map(v => (/[*?]/.test(v) ? { type: 'wildcard', pattern: v } : { type: 'single', value: v }));
    }
  }
}

function range(key: string, value: string, format: RegExp, expected: string): Condition {
  const parts = value.split('-');
  if (parts.length === 1 && format.test(value)) return { type: 'single', value };
  if (parts.length === 2) {
    const [from, to] = parts as [string, string];
    const ok = (from === '' || format.test(from)) && (to === '' || format.test(to)) && (from !== '' || to !== '');
    if (ok && (from === '' || to === '' || from <= to)) return { type: 'range', from: from || undefined, to: to || undefined };
  }
  throw new QidoQueryError(`"${key}" must be ${expected} (open ends allowed)`);
}
