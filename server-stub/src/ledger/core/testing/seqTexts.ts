/**
 * Texts for the readers of a canonical record's top-level seq (readTopLevelSeq, readFlatRecordSeq
 * and its byte scanner): records as the ledger writes them, and texts made to mislead a reader
 * (a nested or quoted "seq", leading zeros, fractions, strings, arrays, truncation).
 */
import { canonicalizeRecordContent } from '../hashRecordContent.js';

/** A record's canonical text with flat actor and detail, as most records are. */
export function flatRecordText(seq: number, detail: Record<string, unknown> = { projectId: 'lung' }): string {
  return canonicalizeRecordContent({ seq, recordedAt: '2026-11-28T11:43:57.123Z', kind: 'label.created', actor: { userId: 'user-3', role: 'labeler' }, subject: { StudyInstanceUID: '2.25.1', SOPInstanceUIDs: ['2.25.1.2'] }, detail: detail as never });
}

/** `records`' texts, then flat records of every kind of value, then the misleading texts. */
export function seqTexts(records: ReadonlyArray<{ canonicalContent: string }>): string[] {
  return [
    ...records.map(record => record.canonicalContent),
    flatRecordText(1),
    flatRecordText(42, {}),
    flatRecordText(7, { a: 1, b: true, c: null, d: -2.5e3 }),
    flatRecordText(8, { text: 'quote " and backslash \\ inside' }),
    flatRecordText(9, { nested: { seq: 1 } }),
    flatRecordText(10, { name: 'naïve 😀 ünïcödé' }),
    flatRecordText(123456789012345),
    flatRecordText(1234567890123456),
    '{"actor":{"seq":5},"detail":{},"kind":"k","recordedAt":"t","seq":6,"subject":{}}',
    '{"actor":{},"detail":{},"kind":"k","recordedAt":"t","seq":06,"subject":{}}',
    '{"actor":{},"detail":{},"kind":"k","recordedAt":"t","seq":0,"subject":{}}',
    '{"actor":{},"detail":{},"kind":"k","recordedAt":"t","seq":6}',
    '{"actor":{},"detail":{},"kind":"k","recordedAt":"t","seq":6.5,"subject":{}}',
    '{"actor":{},"detail":{},"kind":"k","recordedAt":"t","seq":"6","subject":{}}',
    '{"actor":{"a":"x,\\"seq\\":1"},"detail":{},"kind":"k","recordedAt":"t","seq":2,"subject":{}}',
    '{"actor":{"a":b:c},"detail":{},"kind":"k","recordedAt":"t","seq":3,"subject":{}}',
    '{"actor":{"a":[1]},"detail":{},"kind":"k","recordedAt":"t","seq":3,"subject":{}}',
    '{"actor":{"a":"b","c"},"detail":{},"kind":"k","recordedAt":"t","seq":3,"subject":{}}',
    '{"actor":{},"detail":{},"kind":"k","recordedAt":"t","subject":{},"seq":4}',
    '{"actor":{},"detail":{},"kind":"k","recordedAt":"t","seq":',
    '{"actor":{},"detail":{},"kind":"k","recordedAt":"t","seq":5',
    '',
  ];
}
