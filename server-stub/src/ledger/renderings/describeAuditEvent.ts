/**
 * What a ledger record means as an audit event: the DICOM EventID, event types, action and
 * outcome, which way data went between the user and this server, and the RESTful interaction
 * the IHE BALP patterns call it. Both renderings (DICOM PS3.15 A.5, FHIR AuditEvent) start here,
 * so they always agree. The table is documented in docs/audit-ledger.md ("Renderings").
 */
import type { LedgerRecordContent } from '../core/index.js';
import { EVENT, EVENT_TYPE, kindCode, type CodedValue } from './auditEventCodes.js';

/** Create, Read, Update, Delete, Execute (PS3.15 A.5.1; FHIR AuditEvent.action). */
export type EventActionCode = 'C' | 'R' | 'U' | 'D' | 'E';
/** Success, minor failure, serious failure, major failure. */
export type EventOutcome = 0 | 4 | 8 | 12;
/** Data went from this server to the user (a read), from the user to this server (a write), or neither. */
export type DataFlow = 'to-user' | 'from-user' | 'none';
/** The FHIR RESTful interaction (BALP Create / Read / Update / Delete / Query patterns). */
export type RestInteraction = 'create' | 'read' | 'update' | 'delete' | 'search';

export interface EventMapping {
  eventId: CodedValue;
  /** DCM event types; the ledger kind is added to them by describeAuditEvent. */
  eventTypes: readonly CodedValue[];
  action: EventActionCode;
  flow: DataFlow;
  interaction?: RestInteraction;
}

export interface AuditEventDescription extends EventMapping {
  outcome: EventOutcome;
  /** Why it failed or was denied (the record's fixed `reason` text; never PHI). */
  outcomeDescription?: string;
}

const labelChange = (action: EventActionCode, interaction: RestInteraction): EventMapping => ({ eventId: EVENT.patientRecord, eventTypes: [], action, flow: 'from-user', interaction });
const viewed: EventMapping = { eventId: EVENT.instancesAccessed, eventTypes: [], action: 'R', flow: 'to-user', interaction: 'read' };
const securityAlert = (type: CodedValue): EventMapping => ({ eventId: EVENT.securityAlert, eventTypes: [type], action: 'E', flow: 'none' });
const authentication = (type: CodedValue): EventMapping => ({ eventId: EVENT.userAuthentication, eventTypes: [type], action: 'E', flow: 'none' });

/** Every kind the server writes today (ledger/AuditRecorder.ts), exactly. */
export const EVENT_MAPPINGS: Readonly<Record<string, EventMapping>> = {
  'label.created': labelChange('C', 'create'),
  'label.modified': labelChange('U', 'update'),
  'label.submitted': labelChange('U', 'update'),
  'label.removed': labelChange('D', 'delete'),
  'case.submitted': labelChange('U', 'update'),
  'study.opened': viewed,
  'series.displayed': viewed,
  'dicomweb.retrieve': { eventId: EVENT.instancesTransferred, eventTypes: [], action: 'R', flow: 'to-user', interaction: 'read' },
  'dicomweb.query': { eventId: EVENT.query, eventTypes: [], action: 'E', flow: 'to-user', interaction: 'search' },
  'dicomweb.store': { eventId: EVENT.instancesTransferred, eventTypes: [], action: 'C', flow: 'from-user', interaction: 'create' },
  'export.created': { eventId: EVENT.export, eventTypes: [], action: 'R', flow: 'to-user' },
  'import.received': { eventId: EVENT.import, eventTypes: [], action: 'C', flow: 'from-user' },
  'user.login': authentication(EVENT_TYPE.login),
  'user.logout': authentication(EVENT_TYPE.logout),
  'access.denied': securityAlert(EVENT_TYPE.useOfRestrictedFunction),
  'security.break-glass': securityAlert(EVENT_TYPE.emergencyOverrideStarted),
  'ledger.records-lost': securityAlert(EVENT_TYPE.auditRecordingStopped),
};

/** Kinds not in the table, by family; anything else is Application Activity. */
function mappingByFamily(kind: string): EventMapping {
  if (kind.startsWith('label.') || kind.startsWith('review.') || kind.startsWith('adjudication.')) return labelChange('U', 'update');
  if (kind.startsWith('view.')) return viewed;
  if (kind.startsWith('export.')) return EVENT_MAPPINGS['export.created']!;
  if (kind.startsWith('import.')) return EVENT_MAPPINGS['import.received']!;
  if (kind.startsWith('security.')) return { eventId: EVENT.securityAlert, eventTypes: [], action: 'E', flow: 'none' };
  return { eventId: EVENT.applicationActivity, eventTypes: [], action: 'E', flow: 'none' };
}

const OUTCOMES: Readonly<Record<string, EventOutcome>> = { success: 0, 'minor-failure': 4, 'serious-failure': 8, 'major-failure': 12 };
const MAX_DESCRIPTION = 512;

export function describeAuditEvent(record: Pick<LedgerRecordContent, 'kind' | 'detail'>): AuditEventDescription {
  const { kind, detail } = record;
  let mapping = Object.hasOwn(EVENT_MAPPINGS, kind) ? EVENT_MAPPINGS[kind]! : mappingByFamily(kind);
  // A refused sign-in or token (401) is a failed authentication; a refused action (403) an alert.
  if (kind === 'access.denied' && detail.status === 401) mapping = authentication(EVENT_TYPE.login);
  const stated = typeof detail.outcome === 'string' ? OUTCOMES[detail.outcome] : undefined;
  const outcome = stated ?? (kind === 'access.denied' ? 4 : 0);
  const reason = typeof detail.reason === 'string' && detail.reason.length > 0 ? detail.reason.slice(0, MAX_DESCRIPTION) : undefined;
  return { ...mapping, eventTypes: [...mapping.eventTypes, kindCode(kind)], outcome, ...(reason ? { outcomeDescription: reason } : {}) };
}
