import type { AuditRecordFormat } from '@readingroom/platform-shim';
import { parseCanonicalRecord, type CanonicalLedgerRecord } from '../core/index.js';
import type { RenderingOptions } from '../renderings/AuditSource.js';
import { DICOM_AUDIT_XML_CONTENT_TYPE, toDicomAuditMessage } from '../renderings/toDicomAuditMessage.js';
import { FHIR_JSON_CONTENT_TYPE, toFhirAuditEvent } from '../renderings/toFhirAuditEvent.js';
import { toRecordView } from './toRecordView.js';

/** A response body as sent: text in its content type (JSON already serialized, so no schema reshapes it). */
export interface RenderedRecord {
  contentType: string;
  body: string;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A stored record in one of the API's formats (contract: AUDIT_RECORD_FORMATS). */
export function renderLedgerRecord(record: CanonicalLedgerRecord, format: AuditRecordFormat, options: RenderingOptions): RenderedRecord {
  if (format === 'dicom-audit-xml') return { contentType: DICOM_AUDIT_XML_CONTENT_TYPE, body: toDicomAuditMessage(parseCanonicalRecord(record), options) };
  if (format === 'fhir-audit-event') return { contentType: FHIR_JSON_CONTENT_TYPE, body: JSON.stringify(toFhirAuditEvent(parseCanonicalRecord(record), options)) };
  return { contentType: JSON_CONTENT_TYPE, body: JSON.stringify(toRecordView(record)) };
}
