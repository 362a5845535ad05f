import type { DicomDataset } from '../../demo/dicomPart10.js';
import { serverVersion } from '../../serverVersion.js';
import type { SourceStudy } from '../source/sourceTypes.js';

/** Identity of a new derived instance (SR or SEG) in its own new series of the source study. */
export interface DerivedInstance {
  SOPClassUID: string;
  SOPInstanceUID: string;
  SeriesInstanceUID: string;
  SeriesNumber: number;
  InstanceNumber: number;
  Modality: 'SR' | 'SEG';
  SeriesDescription: string;
  createdAt: Date;
}

export const READINGROOM_MANUFACTURER = 'READINGROOM';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** DA and TM of an instant, in UTC (Timezone Offset From UTC says so). */
export function toDicomDateTime(at: Date): { date: string; time: string } {
  return {
    date: `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`,
    time: `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}.${pad(at.getUTCMilliseconds(), 3)}`,
  };
}

/**
 * Patient, General Study, General Series, General Equipment (and Enhanced General Equipment)
 * and SOP Common attributes of a derived object: the study's identity copied from its source
 * images, the instance's own identity, and ReadingRoom as the equipment that made it.
 */
export function buildDerivedObjectModules(source: SourceStudy, instance: DerivedInstance): DicomDataset {
  const created = toDicomDateTime(instance.createdAt);
  const { patient, study } = source;
  return {
    SOPClassUID: instance.SOPClassUID,
    SOPInstanceUID: instance.SOPInstanceUID,
    InstanceCreationDate: created.date,
    InstanceCreationTime: created.time,
    TimezoneOffsetFromUTC: '+0000',
    // Patient module.
    PatientName: patient.PatientName?.Alphabetic ?? '',
    PatientID: patient.PatientID ?? '',
    PatientBirthDate: patient.PatientBirthDate ?? '',
    PatientSex: patient.PatientSex ?? '',
    // General Study module.
    StudyInstanceUID: source.StudyInstanceUID,
    StudyDate: study.StudyDate ?? '',
    StudyTime: study.StudyTime ?? '',
    ReferringPhysicianName: study.ReferringPhysicianName?.Alphabetic ?? '',
    StudyID: study.StudyID ?? '',
    AccessionNumber: study.AccessionNumber ?? '',
    StudyDescription: study.StudyDescription,
    // General Series module (the SR Document / Segmentation Series modules refine it).
    Modality: instance.Modality,
    SeriesInstanceUID: instance.SeriesInstanceUID,
    SeriesNumber: instance.SeriesNumber,
    SeriesDate: created.date,
    SeriesTime: created.time,
    SeriesDescription: instance.SeriesDescription,
    InstanceNumber: instance.InstanceNumber,
    // General Equipment and Enhanced General Equipment modules.
    Manufacturer: READINGROOM_MANUFACTURER,
    ManufacturerModelName: 'ReadingRoom server',
    DeviceSerialNumber: '1',
    SoftwareVersions: serverVersion,
  };
}

function hasNonAscii(value: unknown): boolean {
  if (typeof value === 'string') return [...value].some(c => c.charCodeAt(0) > 0x7f);
  if (Array.isArray(value)) return value.some(hasNonAscii);
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !('bytes' in value)) return Object.values(value).some(hasNonAscii);
  return false;
}

/**
 * Declares UTF-8 (ISO_IR 192) when any text is outside the default repertoire (dcmjs writes
 * text as UTF-8); plain ASCII objects declare nothing, which every reader handles.
 */
export function declareCharacterSet(dataset: DicomDataset): DicomDataset {
  return hasNonAscii(dataset) ? { SpecificCharacterSet: 'ISO_IR 192', ...dataset } : dataset;
}
