/**
 * The coded values the audit renderings are written with: DICOM PS3.16 DCM codes (as PS3.15
 * A.5.1 and A.5.3 use them), the RFC 3881 participant object codes, and ReadingRoom's own
 * private codes (coding scheme `99READINGROOM`, as DICOM private coding schemes are named).
 */

/** A coded value as PS3.15 A.5.1 writes it (csd-code, codeSystemName, originalText). */
export interface CodedValue {
  code: string;
  codeSystemName: string;
  displayName: string;
}

export const DCM = 'DCM';
/** ReadingRoom's private coding scheme: the ledger kind, roles, label ids. */
export const READINGROOM_SCHEME = '99READINGROOM';

const dcm = (code: string, displayName: string): CodedValue => ({ code, codeSystemName: DCM, displayName });

/** EventID values (PS3.15 A.5.3). */
export const EVENT = {
  applicationActivity: dcm('110100', 'Application Activity'),
  instancesAccessed: dcm('110103', 'DICOM Instances Accessed'),
  instancesTransferred: dcm('110104', 'DICOM Instances Transferred'),
  export: dcm('110106', 'Export'),
  import: dcm('110107', 'Import'),
  patientRecord: dcm('110110', 'Patient Record'),
  query: dcm('110112', 'Query'),
  securityAlert: dcm('110113', 'Security Alert'),
  userAuthentication: dcm('110114', 'User Authentication'),
} as const;

/** EventTypeCode values (PS3.16 CID 402 / 403 and the A.5.3 tables). */
export const EVENT_TYPE = {
  login: dcm('110122', 'Login'),
  logout: dcm('110123', 'Logout'),
  emergencyOverrideStarted: dcm('110127', 'Emergency Override Started'),
  useOfRestrictedFunction: dcm('110132', 'Use of Restricted Function'),
  auditRecordingStopped: dcm('110133', 'Audit Recording Stopped'),
} as const;

/** RoleIDCode values (PS3.16 CID 402). */
export const ROLE = {
  application: dcm('110150', 'Application'),
  destination: dcm('110152', 'Destination Role ID'),
  source: dcm('110153', 'Source Role ID'),
} as const;

/** ParticipantObjectIDTypeCode values. */
export const OBJECT_ID_TYPE = {
  studyInstanceUid: dcm('110180', 'Study Instance UID'),
  sopClassUid: dcm('110181', 'SOP Class UID'),
  label: { code: 'LABEL', codeSystemName: READINGROOM_SCHEME, displayName: 'ReadingRoom label id' } satisfies CodedValue,
} as const;

/** The ledger kind itself, always given as an extra EventTypeCode so nothing of the kind is lost. */
export function kindCode(kind: string): CodedValue {
  return { code: kind, codeSystemName: READINGROOM_SCHEME, displayName: kind };
}

/** A ReadingRoom role (labeler, reviewer, auditor, …) as a RoleIDCode. */
export function roleCode(role: string): CodedValue {
  return { code: role, codeSystemName: READINGROOM_SCHEME, displayName: role };
}

/** The DICOM SOP class of QIDO-RS searches: Study Root Query/Retrieve Information Model – FIND. */
export const STUDY_ROOT_FIND_SOP_CLASS = '1.2.840.10008.5.1.4.1.2.2.1';
