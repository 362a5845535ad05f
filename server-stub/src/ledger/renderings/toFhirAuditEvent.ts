/**
 * A ledger record as a FHIR R4 AuditEvent following the IHE Basic Audit Log Patterns (BALP):
 * RESTful events (label changes, views, DICOMweb) as the Create / Read / Update / Delete / Query
 * patterns (type `rest`, subtype the interaction, agents user / client / server, source observer,
 * the ImagingStudy entity by Study Instance UID); security and authentication events with their
 * DICOM event codes. Pure; ids, UIDs, roles and hashes only, never label content or PHI.
 */
import type { LedgerRecordContent } from '../core/index.js';
import type { RenderingOptions } from './AuditSource.js';
import { ROLE, STUDY_ROOT_FIND_SOP_CLASS } from './auditEventCodes.js';
import { describeAuditEvent, type AuditEventDescription } from './describeAuditEvent.js';
import { APPLICATION_SERVER, BALP_PROFILE, HUMAN_USER, QUERY_ROLE, REPORT_ROLE, REST_TYPE, SYSTEM, SYSTEM_OBJECT, toCoding, type Coding } from './fhirCodings.js';

export const FHIR_JSON_CONTENT_TYPE = 'application/fhir+json; charset=utf-8';

/** The parts of FHIR R4 AuditEvent this rendering writes. */
export interface FhirAuditEvent {
  resourceType: 'AuditEvent';
  id: string;
  meta?: { profile: string[] };
  type: Coding;
  subtype: Coding[];
  action: AuditEventDescription['action'];
  recorded: string;
  outcome: '0' | '4' | '8' | '12';
  outcomeDesc?: string;
  agent: FhirAgent[];
  source: { site?: string; observer: { display: string }; type: Coding[] };
  entity?: FhirEntity[];
}

interface FhirAgent {
  type: { coding: Coding[] };
  role?: { coding: Coding[] }[];
  who: { identifier: { system?: string; value: string } } | { display: string };
  altId?: string;
  requestor: boolean;
  network?: { address: string; type: '2' };
}

interface FhirEntity {
  what: { type?: string; identifier: { system: string; value: string } };
  type: Coding;
  role: Coding;
  query?: string;
  detail?: { type: string; valueString: string }[];
}

export function toFhirAuditEvent(record: LedgerRecordContent, options: RenderingOptions): FhirAuditEvent {
  const event = describeAuditEvent(record);
  const rest = event.interaction;
  const kindAndTypes = event.eventTypes.map(toCoding);
  const entity = fhirEntities(record, options.sopClasses);
  return {
    resourceType: 'AuditEvent',
    id: String(record.seq),
    ...(rest ? { meta: { profile: [BALP_PROFILE[rest]] } } : {}),
    type: rest ? REST_TYPE : toCoding(event.eventId),
    subtype: rest ? [{ system: SYSTEM.restfulInteraction, code: rest }, toCoding(event.eventId), ...kindAndTypes] : kindAndTypes,
    action: event.action,
    recorded: record.recordedAt,
    outcome: String(event.outcome) as FhirAuditEvent['outcome'],
    ...(event.outcomeDescription ? { outcomeDesc: event.outcomeDescription } : {}),
    agent: fhirAgents(record, options, event),
    source: { ...(options.source.enterpriseSiteId ? { site: options.source.enterpriseSiteId } : {}), observer: { display: options.source.sourceId }, type: [APPLICATION_SERVER] },
    ...(entity.length > 0 ? { entity } : {}),
  };
}

/** The user (requestor), the client they used (the viewer or API client, with its address), and this server. */
function fhirAgents(record: LedgerRecordContent, options: RenderingOptions, event: AuditEventDescription): FhirAgent[] {
  const { actor, detail } = record;
  const roles = (actor.role ?? '').split(/\s+/).filter(Boolean);
  const address = typeof detail.sourceAddress === 'string' ? detail.sourceAddress : undefined;
  const agents: FhirAgent[] = [
    {
      type: { coding: [HUMAN_USER] },
      ...(roles.length > 0 ? { role: roles.map(role => ({ coding: [{ system: SYSTEM.role, code: role }] })) } : {}),
      who: { identifier: { value: actor.userId } },
      requestor: true,
      ...(address && !actor.clientId ? { network: { address, type: '2' as const } } : {}),
    },
  ];
  const clientRole = event.flow === 'to-user' ? ROLE.destination : ROLE.source;
  const serverRole = event.flow === 'to-user' ? ROLE.source : event.flow === 'from-user' ? ROLE.destination : ROLE.application;
  if (actor.clientId) {
    agents.push({ type: { coding: [toCoding(clientRole)] }, who: { display: actor.clientId }, requestor: false, ...(address ? { network: { address, type: '2' as const } } : {}) });
  }
  agents.push({ type: { coding: [toCoding(serverRole)] }, who: { display: options.source.sourceId }, requestor: false });
  return agents;
}

function fhirEntities(record: LedgerRecordContent, sopClasses?: ReadonlyMap<string, string>): FhirEntity[] {
  const { subject, detail } = record;
  const entities: FhirEntity[] = [];
  if (record.kind === 'dicomweb.query') {
    const keys = Array.isArray(detail.queryKeys) ? detail.queryKeys.filter((key): key is string => typeof key === 'string') : [];
    const route = typeof detail.route === 'string' ? detail.route : '';
    entities.push({
      what: { identifier: { system: SYSTEM.dicomUid, value: `urn:oid:${STUDY_ROOT_FIND_SOP_CLASS}` } },
      type: SYSTEM_OBJECT,
      role: QUERY_ROLE,
      query: Buffer.from(`${route}?${keys.join('&')}`, 'utf8').toString('base64'),
      ...(typeof detail.resultCount === 'number' ? { detail: [{ type: 'ResultCount', valueString: String(detail.resultCount) }] } : {}),
    });
  }
  if (subject.StudyInstanceUID) {
    const details: { type: string; valueString: string }[] = [];
    if (subject.SeriesInstanceUID) details.push({ type: 'SeriesInstanceUID', valueString: subject.SeriesInstanceUID });
    for (const uid of subject.SOPInstanceUIDs ?? []) {
      details.push({ type: 'SOPInstanceUID', valueString: uid });
      const sopClass = sopClasses?.get(uid);
      if (sopClass) details.push({ type: 'SOPClassUID', valueString: sopClass });
    }
    entities.push({
      what: { type: 'ImagingStudy', identifier: { system: SYSTEM.dicomUid, value: `urn:oid:${subject.StudyInstanceUID}` } },
      type: SYSTEM_OBJECT,
      role: REPORT_ROLE,
      ...(details.length > 0 ? { detail: details } : {}),
    });
  }
  if (subject.labelId) {
    const details: { type: string; valueString: string }[] = [];
    if (subject.labelVersion !== undefined) details.push({ type: 'LabelVersion', valueString: String(subject.labelVersion) });
    if (subject.contentHash) details.push({ type: 'ContentHash', valueString: subject.contentHash });
    entities.push({ what: { identifier: { system: SYSTEM.label, value: subject.labelId } }, type: SYSTEM_OBJECT, role: REPORT_ROLE, ...(details.length > 0 ? { detail: details } : {}) });
  }
  return entities;
}
