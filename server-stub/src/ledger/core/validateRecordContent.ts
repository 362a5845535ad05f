/**
 * The rules a record must meet before the ledger seals it. The store checks them on append
 * (via sealRecord); the verifier does not re-check them, because a record is genuine when its
 * hashes match, whatever it says.
 */
import type { LedgerRecordContent } from './ledgerRecord.js';

const RECORDED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Dotted lower-case words: `label.created`, `dicomweb.retrieve`, `access.denied`. */
const KIND = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/;
/** DICOM UID (PS3.5 §9.1): digits and dots, no leading zeros in a component, at most 64 characters. */
const DICOM_UID = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;
const MAX_TEXT = 256;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT;
const isDicomUid = (value: unknown): boolean => typeof value === 'string' && value.length <= 64 && DICOM_UID.test(value);

/** Returns every rule the record breaks, as human-readable messages; empty when it is valid. */
export function validateRecordContent(record: LedgerRecordContent): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(record.seq) || record.seq < 1) problems.push(`seq must be a positive integer, not ${String(record.seq)}`);
  if (!isUtcMillisecondTime(record.recordedAt)) {
    problems.push(`recordedAt must be UTC RFC 3339 with milliseconds (2025-01-31T08:15:00.000Z), not ${JSON.stringify(record.recordedAt)}`);
  }
  if (typeof record.kind !== 'string' || record.kind.length > 100 || !KIND.test(record.kind)) {
    problems.push(`kind must be dotted lower-case words such as label.created, not ${JSON.stringify(record.kind)}`);
  }
  problems.push(...validateActor(record.actor), ...validateSubject(record.subject));
  if (!isPlainObject(record.detail)) problems.push('detail must be a JSON object');
  return problems;
}

function isUtcMillisecondTime(value: unknown): boolean {
  if (typeof value !== 'string' || !RECORDED_AT.test(value)) return false;
  const time = new Date(value);
  // Round-tripping rejects impossible dates such as 2025-02-30, which Date would roll over.
  return !Number.isNaN(time.getTime()) && time.toISOString() === value;
}

function validateActor(actor: unknown): string[] {
  if (!isPlainObject(actor)) return ['actor must be an object'];
  const problems: string[] = [];
  if (!isText(actor.userId)) problems.push('actor.userId must be a non-empty string');
  for (const key of ['role', 'clientId'] as const) {
    if (actor[key] !== undefined && !isText(actor[key])) problems.push(`actor.${key} must be a non-empty string when present`);
  }
  return problems;
}

function validateSubject(subject: unknown): string[] {
  if (!isPlainObject(subject)) return ['subject must be an object'];
  const problems: string[] = [];
  for (const key of ['StudyInstanceUID', 'SeriesInstanceUID'] as const) {
    if (subject[key] !== undefined && !isDicomUid(subject[key])) problems.push(`subject.${key} must be a DICOM UID`);
  }
  const sops = subject.SOPInstanceUIDs;
  if (sops !== undefined && !(Array.isArray(sops) && sops.every(isDicomUid))) {
    problems.push('subject.SOPInstanceUIDs must be an array of DICOM UIDs');
  }
  for (const key of ['labelId', 'contentHash'] as const) {
    if (subject[key] !== undefined && !isText(subject[key])) problems.push(`subject.${key} must be a non-empty string when present`);
  }
  const version = subject.labelVersion;
  if (version !== undefined && !(Number.isSafeInteger(version) && (version as number) >= 1)) {
    problems.push('subject.labelVersion must be a positive integer when present');
  }
  return problems;
}
