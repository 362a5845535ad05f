/** The FHIR code systems of the AuditEvent rendering (R4 terminology, IHE BALP) and ReadingRoom's own. */
import type { CodedValue } from './auditEventCodes.js';
import { DCM } from './auditEventCodes.js';

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export const SYSTEM = {
  dcm: 'http://dicom.nema.org/resources/ontology/DCM',
  auditEventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  restfulInteraction: 'http://hl7.org/fhir/restful-interaction',
  securityRoleType: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type',
  sourceType: 'http://terminology.hl7.org/CodeSystem/security-source-type',
  entityType: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
  objectRole: 'http://terminology.hl7.org/CodeSystem/object-role',
  dicomUid: 'urn:dicom:uid',
  /** ReadingRoom's own: the ledger kind, roles, label ids. */
  kind: 'urn:readingroom:audit-kind',
  role: 'urn:readingroom:role',
  label: 'urn:readingroom:label',
} as const;

/** The BALP profile of each RESTful pattern (IHE ITI Basic Audit Log Patterns). */
export const BALP_PROFILE = {
  create: 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Create',
  read: 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Read',
  update: 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Update',
  delete: 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Delete',
  search: 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Query',
} as const;

export const REST_TYPE: Coding = { system: SYSTEM.auditEventType, code: 'rest', display: 'Restful Operation' };
export const HUMAN_USER: Coding = { system: SYSTEM.securityRoleType, code: 'humanuser', display: 'human user' };
export const APPLICATION_SERVER: Coding = { system: SYSTEM.sourceType, code: '4', display: 'Application Server' };
export const SYSTEM_OBJECT: Coding = { system: SYSTEM.entityType, code: '2', display: 'System Object' };
export const REPORT_ROLE: Coding = { system: SYSTEM.objectRole, code: '3', display: 'Report' };
export const QUERY_ROLE: Coding = { system: SYSTEM.objectRole, code: '24', display: 'Query' };

/** A DCM or ReadingRoom coded value as a FHIR Coding. */
export function toCoding(value: CodedValue): Coding {
  return { system: value.codeSystemName === DCM ? SYSTEM.dcm : SYSTEM.kind, code: value.code, display: value.displayName };
}
