import { getNumber, getString, type DicomJsonDataset } from '../dicom/dicomJson.js';
import { normalizePersonName, personNameWords } from './personNameMatching.js';

/** The values an index keeps in columns for matching, read from an instance's metadata. */
export interface IndexAttributes {
  study: {
    PatientName?: string;
    PatientNameNormalized?: string;
    PatientNameWords?: string;
    PatientID?: string;
    PatientBirthDate?: string;
    PatientSex?: string;
    StudyDate?: string;
    StudyTime?: string;
    AccessionNumber?: string;
    StudyID?: string;
    StudyDescription?: string;
    ReferringPhysicianName?: string;
    ReferringPhysicianNameNormalized?: string;
    ReferringPhysicianNameWords?: string;
  };
  series: {
    Modality?: string;
    SeriesNumber?: number;
    SeriesDescription?: string;
    SeriesDate?: string;
    SeriesTime?: string;
    BodyPartExamined?: string;
    PerformedProcedureStepStartDate?: string;
    PerformedProcedureStepStartTime?: string;
  };
  instance: { InstanceNumber?: number };
}

export function extractIndexAttributes(m: DicomJsonDataset): IndexAttributes {
  const patientName = getString(m, '00100010');
  const referring = getString(m, '00080090');
  const integer = (tag: string) => {
    const n = getNumber(m, tag);
    return n !== undefined && Number.isInteger(n) ? n : undefined;
  };
  return {
    study: {
      PatientName: patientName,
      PatientNameNormalized: patientName === undefined ? undefined : normalizePersonName(patientName),
      PatientNameWords: patientName === undefined ? undefined : personNameWords(patientName),
      PatientID: getString(m, '00100020'),
      PatientBirthDate: getString(m, '00100030'),
      PatientSex: getString(m, '00100040'),
      StudyDate: getString(m, '00080020'),
      StudyTime: getString(m, '00080030'),
      AccessionNumber: getString(m, '00080050'),
      StudyID: getString(m, '00200010'),
      StudyDescription: getString(m, '00081030'),
      ReferringPhysicianName: referring,
      ReferringPhysicianNameNormalized: referring === undefined ? undefined : normalizePersonName(referring),
      ReferringPhysicianNameWords: referring === undefined ? undefined : personNameWords(referring),
    },
    series: {
      Modality: getString(m, '00080060'),
      SeriesNumber: integer('00200011'),
      SeriesDescription: getString(m, '0008103E'),
      SeriesDate: getString(m, '00080021'),
      SeriesTime: getString(m, '00080031'),
      BodyPartExamined: getString(m, '00180015'),
      PerformedProcedureStepStartDate: getString(m, '00400244'),
      PerformedProcedureStepStartTime: getString(m, '00400245'),
    },
    instance: { InstanceNumber: integer('00200013') },
  };
}
