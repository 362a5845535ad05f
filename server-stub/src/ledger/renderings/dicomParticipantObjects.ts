/**
 * The ParticipantObjectIdentification elements of a DICOM audit message: the study (Study
 * Instance UID, with its instances grouped by SOP class where this server knows the class), the
 * label (id, version and content hash; never its content) and a query (the names of its keys;
 * never their values, which may hold patient names).
 */
import type { LedgerRecordContent } from '../core/index.js';
import { OBJECT_ID_TYPE, STUDY_ROOT_FIND_SOP_CLASS } from './auditEventCodes.js';
import { codedElement, xmlElement } from './xmlElement.js';

const SYSTEM_OBJECT = 2;
const ROLE_REPORT = 3;
const ROLE_QUERY = 24;

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const detailElement = (type: string, value: string) => xmlElement('ParticipantObjectDetail', { type, value: base64(value) });

export function dicomParticipantObjects(record: LedgerRecordContent, sopClasses?: ReadonlyMap<string, string>): string[] {
  const { subject, detail } = record;
  const objects: string[] = [];
  if (record.kind === 'dicomweb.query') objects.push(queryObject(detail));
  if (subject.StudyInstanceUID) objects.push(studyObject(record, sopClasses));
  if (subject.labelId) {
    const details: string[] = [];
    if (subject.labelVersion !== undefined) details.push(detailElement('LabelVersion', String(subject.labelVersion)));
    if (subject.contentHash) details.push(detailElement('ContentHash', subject.contentHash));
    const containsStudy = subject.StudyInstanceUID ? [xmlElement('ParticipantObjectContainsStudy', {}, [xmlElement('StudyIDs', { UID: subject.StudyInstanceUID })])] : [];
    objects.push(
      xmlElement('ParticipantObjectIdentification', { ParticipantObjectID: subject.labelId, ParticipantObjectTypeCode: SYSTEM_OBJECT, ParticipantObjectTypeCodeRole: ROLE_REPORT }, [
        codedElement('ParticipantObjectIDTypeCode', OBJECT_ID_TYPE.label),
        ...details,
        ...containsStudy,
      ]),
    );
  }
  return objects;
}

function studyObject(record: LedgerRecordContent, sopClasses?: ReadonlyMap<string, string>): string {
  const { subject, detail } = record;
  const details: string[] = [];
  if (subject.SeriesInstanceUID) details.push(detailElement('SeriesInstanceUID', subject.SeriesInstanceUID));
  if (typeof detail.projectId === 'string') details.push(detailElement('ProjectID', detail.projectId));
  return xmlElement('ParticipantObjectIdentification', { ParticipantObjectID: subject.StudyInstanceUID, ParticipantObjectTypeCode: SYSTEM_OBJECT, ParticipantObjectTypeCodeRole: ROLE_REPORT }, [
    codedElement('ParticipantObjectIDTypeCode', OBJECT_ID_TYPE.studyInstanceUid),
    ...details,
    ...sopClassElements(subject.SOPInstanceUIDs ?? [], sopClasses),
  ]);
}

/** The instances grouped by SOP class; instances of a class this server does not know go in a SOPClass without UID. */
function sopClassElements(instances: readonly string[], sopClasses?: ReadonlyMap<string, string>): string[] {
  const byClass = new Map<string | undefined, string[]>();
  for (const uid of instances) {
    const sopClass = sopClasses?.get(uid);
    byClass.set(sopClass, [...(byClass.get(sopClass) ?? []), uid]);
  }
  return [...byClass].map(([sopClass, uids]) =>
    xmlElement('SOPClass', { UID: sopClass, NumberOfInstances: uids.length }, uids.map(uid => xmlElement('Instance', { UID: uid }))),
  );
}

function queryObject(detail: LedgerRecordContent['detail']): string {
  const keys = Array.isArray(detail.queryKeys) ? detail.queryKeys.filter((key): key is string => typeof key === 'string') : [];
  const route = typeof detail.route === 'string' ? detail.route : '';
  return xmlElement('ParticipantObjectIdentification', { ParticipantObjectID: STUDY_ROOT_FIND_SOP_CLASS, ParticipantObjectTypeCode: SYSTEM_OBJECT, ParticipantObjectTypeCodeRole: ROLE_QUERY }, [
    codedElement('ParticipantObjectIDTypeCode', OBJECT_ID_TYPE.sopClassUid),
    xmlElement('ParticipantObjectQuery', {}, [base64(`${route}?${keys.join('&')}`)]),
    ...(typeof detail.resultCount === 'number' ? [detailElement('ResultCount', String(detail.resultCount))] : []),
  ]);
}
