/**
 * A ledger record as a DICOM PS3.15 Annex A.5 audit message (the RFC 3881-derived XML schema of
 * A.5.1), for ATNA audit record repositories. Pure: the same record and options give the same
 * bytes. Carries ids, UIDs, roles, hashes and fixed reasons only: never label content, never PHI.
 */
import type { LedgerRecordContent } from '../core/index.js';
import type { RenderingOptions } from './AuditSource.js';
import { ROLE, roleCode, type CodedValue } from './auditEventCodes.js';
import { describeAuditEvent, type AuditEventDescription } from './describeAuditEvent.js';
import { dicomParticipantObjects } from './dicomParticipantObjects.js';
import { escapeXmlText } from './escapeXml.js';
import { codedElement, xmlElement } from './xmlElement.js';

export const DICOM_AUDIT_XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

/** AuditSourceTypeCode 4: Application Server Process (tier in a multi-tier system). */
const APPLICATION_SERVER = { code: '4', codeSystemName: 'DCM', displayName: 'Application Server Process' } satisfies CodedValue;
/** NetworkAccessPointTypeCode 2: an IP address. */
const IP_ADDRESS = 2;

export function toDicomAuditMessage(record: LedgerRecordContent, options: RenderingOptions): string {
  const event = describeAuditEvent(record);
  const body = [
    eventIdentification(record, event),
    userParticipant(record, event),
    serverParticipant(options, event),
    xmlElement('AuditSourceIdentification', { AuditEnterpriseSiteID: options.source.enterpriseSiteId, AuditSourceID: options.source.sourceId }, [codedElement('AuditSourceTypeCode', APPLICATION_SERVER)]),
    ...dicomParticipantObjects(record, options.sopClasses),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlElement('AuditMessage', {}, body)}\n`;
}

function eventIdentification(record: LedgerRecordContent, event: AuditEventDescription): string {
  const children = [codedElement('EventID', event.eventId), ...event.eventTypes.map(type => codedElement('EventTypeCode', type))];
  if (event.outcomeDescription) children.push(`<EventOutcomeDescription>${escapeXmlText(event.outcomeDescription)}</EventOutcomeDescription>`);
  return xmlElement('EventIdentification', { EventActionCode: event.action, EventDateTime: record.recordedAt, EventOutcomeIndicator: event.outcome }, children);
}

/** The user (the requestor): the source of data they sent, the destination of data they received. */
function userParticipant(record: LedgerRecordContent, event: AuditEventDescription): string {
  const { actor, detail } = record;
  const flowRole = event.flow === 'to-user' ? [ROLE.destination] : event.flow === 'from-user' ? [ROLE.source] : [];
  const roles = (actor.role ?? '').split(/\s+/).filter(Boolean).map(roleCode);
  const address = typeof detail.sourceAddress === 'string' ? detail.sourceAddress : undefined;
  return xmlElement(
    'ActiveParticipant',
    { UserID: actor.userId, AlternativeUserID: actor.clientId, UserIsRequestor: true, NetworkAccessPointID: address, NetworkAccessPointTypeCode: address ? IP_ADDRESS : undefined },
    [...flowRole, ...roles].map(role => codedElement('RoleIDCode', role)),
  );
}

/** This server: the other end of the data flow, or the application that noted the event. */
function serverParticipant(options: RenderingOptions, event: AuditEventDescription): string {
  const role = event.flow === 'to-user' ? ROLE.source : event.flow === 'from-user' ? ROLE.destination : ROLE.application;
  return xmlElement('ActiveParticipant', { UserID: options.source.sourceId, UserIsRequestor: false }, [codedElement('RoleIDCode', role)]);
}
