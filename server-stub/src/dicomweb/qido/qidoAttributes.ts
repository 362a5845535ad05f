/** QIDO-RS query levels and what each returns by default (PS3.18 Tables 10.6.3-3 to 10.6.3-5). */
export type QidoLevel = 'study' | 'series' | 'instance';

/** How the values of a matching key are compared (PS3.4 C.2.2.2). */
export type MatchKind = 'uid' | 'string' | 'personName' | 'date' | 'time' | 'number' | 'modalitiesInStudy';

export interface MatchableAttribute {
  keyword: string;
  tag: string;
  level: QidoLevel;
  kind: MatchKind;
}

const a = (keyword: string, tag: string, level: QidoLevel, kind: MatchKind): MatchableAttribute => ({ keyword, tag, level, kind });

/** Matching keys the index has columns for; other attributes match against stored metadata. */
export const matchableAttributes: MatchableAttribute[] = [
  a('StudyInstanceUID', '0020000D', 'study', 'uid'),
  a('PatientName', '00100010', 'study', 'personName'),
  a('PatientID', '00100020', 'study', 'string'),
  a('PatientBirthDate', '00100030', 'study', 'date'),
  a('PatientSex', '00100040', 'study', 'string'),
  a('StudyDate', '00080020', 'study', 'date'),
  a('StudyTime', '00080030', 'study', 'time'),
  a('AccessionNumber', '00080050', 'study', 'string'),
  a('StudyID', '00200010', 'study', 'string'),
  a('StudyDescription', '00081030', 'study', 'string'),
  a('ReferringPhysicianName', '00080090', 'study', 'personName'),
  a('ModalitiesInStudy', '00080061', 'study', 'modalitiesInStudy'),
  a('SeriesInstanceUID', '0020000E', 'series', 'uid'),
  a('Modality', '00080060', 'series', 'string'),
  a('SeriesNumber', '00200011', 'series', 'number'),
  a('SeriesDescription', '0008103E', 'series', 'string'),
  a('SeriesDate', '00080021', 'series', 'date'),
  a('SeriesTime', '00080031', 'series', 'time'),
  a('BodyPartExamined', '00180015', 'series', 'string'),
  a('PerformedProcedureStepStartDate', '00400244', 'series', 'date'),
  a('PerformedProcedureStepStartTime', '00400245', 'series', 'time'),
  a('SOPInstanceUID', '00080018', 'instance', 'uid'),
  a('SOPClassUID', '00080016', 'instance', 'uid'),
  a('InstanceNumber', '00200013', 'instance', 'number'),
];
export const matchableByTag = new Map(matchableAttributes.map(m => [m.tag, m]));

/** Attributes computed from the index rather than read from an instance. */
export const ComputedTags = {
  ModalitiesInStudy: '00080061',
  SOPClassesInStudy: '00080062',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
  NumberOfSeriesRelatedInstances: '00201209',
  InstanceAvailability: '00080056',
  RetrieveURL: '00081190',
} as const;

/** Default return attributes; computed ones are marked and filled from the index. */
export const defaultReturnTags: Record<QidoLevel, string[]> = {
  study: [
    '00080005', '00080020', '00080030', '00080050', '00080056', '00080061', '00080090', '00080201', '00081190',
    '00100010', '00100020', '00100030', '00100040', '0020000D', '00200010', '00201206', '00201208',
  ],
  series: ['00080005', '00080060', '00080201', '0008103E', '00081190', '0020000E', '00200011', '00201209', '00400244', '00400245', '00400275'],
  instance: ['00080005', '00080016', '00080018', '00080056', '00080201', '00081190', '00200013', '00280010', '00280011', '00280100', '00280008'],
};

/**
 * Returned only when the instance has them (a missing value carries no information);
 * every other default attribute is returned empty when absent, as Orthanc does.
 */
export const returnedOnlyWhenPresent = new Set(['00080005', '00080201', '00400244', '00400245', '00400275', '00280010', '00280011', '00280100', '00280008']);

/** What `includefield=all` adds at study and series level (Patient, General Study, Patient Study, General Series, ...). */
export const allFieldsTags: Record<Exclude<QidoLevel, 'instance'>, string[]> = {
  study: [
    '00080020', '00080030', '00080050', '00080051', '00080090', '00080096', '00081030', '00081032', '00081060', '00081080',
    '00100010', '00100020', '00100021', '00100030', '00100032', '00100040', '00101000', '00101001', '00101002', '00101010',
    '00101020', '00101030', '00102160', '00104000', '0020000D', '00200010', '00321032', '00321060',
  ],
  series: [
    '00080021', '00080031', '00080060', '00080070', '00080080', '00081010', '0008103E', '00081040', '00081050', '00081070',
    '00081090', '00081111', '00180015', '00181030', '00185100', '0020000E', '00200011', '00200060', '00400244', '00400245',
    '00400254', '00400275',
  ],
};
