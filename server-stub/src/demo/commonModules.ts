import { toDicomDateTime } from './demoDates.js';
import type { DemoStudyContext } from './demoStudyContext.js';
import type { DicomDataset } from './dicomPart10.js';

export const DEMO_INSTITUTION_NAME = 'READINGROOM DEMO HOSPITAL';

export interface DemoEquipment {
  readonly modelName: string;
  readonly stationName: string;
  readonly serialNumber: string;
}

/** General Equipment module; the manufacturer is honestly us, since the data is synthetic. */
export function buildEquipmentModule(equipment: DemoEquipment): DicomDataset {
  return {
    Manufacturer: 'READINGROOM',
    InstitutionName: DEMO_INSTITUTION_NAME,
    InstitutionAddress: '1 DEMO STREET, NOWHERE',
    InstitutionalDepartmentName: 'RADIOLOGY',
    StationName: equipment.stationName,
    ManufacturerModelName: equipment.modelName,
    DeviceSerialNumber: equipment.serialNumber,
    SoftwareVersions: 'READINGROOM DEMO 0.1',
  };
}

/** SOP Common module plus the instance's content date and time. */
export function buildSopCommonModule(
  context: DemoStudyContext,
  sop: { readonly SOPClassUID: string; readonly SOPInstanceUID: string; readonly secondsAfterStart: number },
): DicomDataset {
  const created = toDicomDateTime(context.startMs, sop.secondsAfterStart);
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    SOPClassUID: sop.SOPClassUID,
    SOPInstanceUID: sop.SOPInstanceUID,
    InstanceCreationDate: created.date,
    InstanceCreationTime: created.time,
    ContentDate: created.date,
    ContentTime: created.time,
  };
}

export interface DemoSeries {
  readonly Modality: string;
  readonly SeriesInstanceUID: string;
  readonly SeriesNumber: number;
  readonly SeriesDescription: string;
  readonly secondsAfterStart: number;
  readonly OperatorsName: string;
  readonly BodyPartExamined: string;
  readonly ProtocolName?: string;
}

/** General Series module (Laterality and PatientPosition are added by the IOD that needs them). */
export function buildGeneralSeriesModule(context: DemoStudyContext, series: DemoSeries): DicomDataset {
  const start = toDicomDateTime(context.startMs, series.secondsAfterStart);
  return {
    Modality: series.Modality,
    SeriesInstanceUID: series.SeriesInstanceUID,
    SeriesNumber: series.SeriesNumber,
    SeriesDate: start.date,
    SeriesTime: start.time,
    SeriesDescription: series.SeriesDescription,
    ProtocolName: series.ProtocolName ?? series.SeriesDescription,
    OperatorsName: series.OperatorsName,
    BodyPartExamined: series.BodyPartExamined,
  };
}
