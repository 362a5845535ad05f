import { lookupKeyword } from '../../dicomweb/dicom/dcmjsAdapter.js';
import type { DicomJsonDataset, DicomJsonPersonName, DicomJsonValue } from '../../dicomweb/dicom/dicomJson.js';
import type { FramePlane, SourceImage, SourceStudy, Vec3 } from './sourceTypes.js';

export class SourceStudyError extends Error {
  override name = 'SourceStudyError';
}

const tagCache = new Map<string, string>();

function tagOf(keyword: string): string {
  let tag = tagCache.get(keyword);
  if (!tag) {
    tag = lookupKeyword(keyword)?.tag;
    if (!tag) throw new Error(`unknown DICOM keyword ${keyword}`);
    tagCache.set(keyword, tag);
  }
  return tag;
}

/** All values of an element in a PS3.18 JSON dataset (empty when absent). */
export function jsonValues(dataset: DicomJsonDataset | undefined, keyword: string): DicomJsonValue[] {
  return dataset?.[tagOf(keyword)]?.Value ?? [];
}

function text(dataset: DicomJsonDataset, keyword: string): string | undefined {
  const value = jsonValues(dataset, keyword)[0];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function numbers(dataset: DicomJsonDataset | undefined, keyword: string): number[] {
  return jsonValues(dataset, keyword).map(v => (typeof v === 'string' ? Number(v) : v)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

function personName(dataset: DicomJsonDataset, keyword: string): DicomJsonPersonName | undefined {
  const value = jsonValues(dataset, keyword)[0];
  return value && typeof value === 'object' && 'Alphabetic' in value ? (value as DicomJsonPersonName) : undefined;
}

function firstItem(dataset: DicomJsonDataset | undefined, keyword: string): DicomJsonDataset | undefined {
  const value = jsonValues(dataset, keyword)[0];
  return value && typeof value === 'object' && !('Alphabetic' in value) ? (value as DicomJsonDataset) : undefined;
}

function vec3(values: number[]): Vec3 | undefined {
  return values.length >= 3 ? [values[0]!, values[1]!, values[2]!] : undefined;
}

/**
 * Plane of frame `index`: classic images carry it at the top level, enhanced multi-frame images
 * in their shared and per-frame functional groups. Images without patient geometry (projection
 * radiographs, ultrasound) get the plane a viewer assumes for them: origin 0, rows along x,
 * columns along y, spacing from Pixel Spacing, else Imager Pixel Spacing, else 1 mm.
 */
function readPlane(dataset: DicomJsonDataset, index: number): FramePlane {
  const shared = firstItem(dataset, 'SharedFunctionalGroupsSequence');
  const perFrame = jsonValues(dataset, 'PerFrameFunctionalGroupsSequence')[index] as DicomJsonDataset | undefined;
  const group = (keyword: string) => firstItem(perFrame, keyword) ?? firstItem(shared, keyword);
  const position = vec3(numbers(dataset, 'ImagePositionPatient')) ?? vec3(numbers(group('PlanePositionSequence'), 'ImagePositionPatient'));
  const orientation = numbers(dataset, 'ImageOrientationPatient').length === 6
    ? numbers(dataset, 'ImageOrientationPatient')
    : numbers(group('PlaneOrientationSequence'), 'ImageOrientationPatient');
  const spacing = [numbers(dataset, 'PixelSpacing'), numbers(group('PixelMeasuresSequence'), 'PixelSpacing'), numbers(dataset, 'ImagerPixelSpacing')]
    .find(s => s.length === 2 && s[0]! > 0 && s[1]! > 0);
  const isPatientSpace = !!position && orientation.length === 6;
  return {
    ImagePositionPatient: isPatientSpace ? position! : [0, 0, 0],
    rowCosines: isPatientSpace ? [orientation[0]!, orientation[1]!, orientation[2]!] : [1, 0, 0],
    columnCosines: isPatientSpace ? [orientation[3]!, orientation[4]!, orientation[5]!] : [0, 1, 0],
    PixelSpacing: spacing ? [spacing[0]!, spacing[1]!] : [1, 1],
    isPatientSpace,
  };
}

function readImage(dataset: DicomJsonDataset): SourceImage | undefined {
  const SOPClassUID = text(dataset, 'SOPClassUID');
  const SOPInstanceUID = text(dataset, 'SOPInstanceUID');
  const SeriesInstanceUID = text(dataset, 'SeriesInstanceUID');
  const Rows = numbers(dataset, 'Rows')[0];
  const Columns = numbers(dataset, 'Columns')[0];
  if (!SOPClassUID || !SOPInstanceUID || !SeriesInstanceUID || !Rows || !Columns) return undefined;
  const NumberOfFrames = Math.max(1, numbers(dataset, 'NumberOfFrames')[0] ?? 1);
  const planes = Array.from({ length: NumberOfFrames }, (_, i) => readPlane(dataset, i));
  const SliceThickness = numbers(dataset, 'SliceThickness')[0] ?? numbers(firstItem(firstItem(dataset, 'SharedFunctionalGroupsSequence'), 'PixelMeasuresSequence'), 'SliceThickness')[0];
  return {
    SOPClassUID,
    SOPInstanceUID,
    SeriesInstanceUID,
    Modality: text(dataset, 'Modality'),
    FrameOfReferenceUID: text(dataset, 'FrameOfReferenceUID'),
    Rows,
    Columns,
    NumberOfFrames,
    SliceThickness,
    planes,
  };
}

/**
 * The study as derived objects need it, from the WADO-RS metadata of its instances (ours or a
 * PACS's). Instances without pixels (SR, SEG, ...) are not images and are left out.
 */
export function readSourceStudy(StudyInstanceUID: string, metadata: DicomJsonDataset[]): SourceStudy {
  const first = metadata.find(ds => text(ds, 'StudyInstanceUID') === StudyInstanceUID);
  if (!first) throw new SourceStudyError('the study has no instances');
  const images = new Map<string, SourceImage>();
  let maxSeriesNumber = 0;
  for (const dataset of metadata) {
    if (text(dataset, 'StudyInstanceUID') !== StudyInstanceUID) continue;
    maxSeriesNumber = Math.max(maxSeriesNumber, numbers(dataset, 'SeriesNumber')[0] ?? 0);
    const image = readImage(dataset);
    if (image) images.set(image.SOPInstanceUID, image);
  }
  const procedure = firstItem(first, 'ProcedureCodeSequence');
  const procedureCode = procedure && text(procedure, 'CodeValue') && text(procedure, 'CodingSchemeDesignator') && text(procedure, 'CodeMeaning')
    ? { CodeValue: text(procedure, 'CodeValue')!, CodingSchemeDesignator: text(procedure, 'CodingSchemeDesignator')!, CodeMeaning: text(procedure, 'CodeMeaning')! }
    : undefined;
  return {
    StudyInstanceUID,
    patient: {
      PatientName: personName(first, 'PatientName'),
      PatientID: text(first, 'PatientID'),
      PatientBirthDate: text(first, 'PatientBirthDate'),
      PatientSex: text(first, 'PatientSex'),
    },
    study: {
      StudyDate: text(first, 'StudyDate'),
      StudyTime: text(first, 'StudyTime'),
      ReferringPhysicianName: personName(first, 'ReferringPhysicianName'),
      StudyID: text(first, 'StudyID'),
      AccessionNumber: text(first, 'AccessionNumber'),
      StudyDescription: text(first, 'StudyDescription'),
    },
    procedureCode,
    images,
    maxSeriesNumber,
  };
}
