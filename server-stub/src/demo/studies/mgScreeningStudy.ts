// Four-view screening mammogram (R/L x CC/MLO), Digital Mammography X-Ray
// Image Storage - For Presentation. One series per view, as OHIF's mammo
// hanging protocol matches views by display set.
import { buildEquipmentModule, buildGeneralSeriesModule, buildSopCommonModule } from '../commonModules.js';
import { toDicomDateTime } from '../demoDates.js';
import type { DemoStudyContext } from '../demoStudyContext.js';
import { createDemoStudyContext } from '../demoStudyContext.js';
import { createDemoStudyGenerator } from '../createDemoStudyGenerator.js';
import type { DemoStudyGenerator } from '../demoTypes.js';
import type { DicomDataset } from '../dicomPart10.js';
import { littleEndianBytes } from '../dicomPart10.js';
import type { MammogramView } from '../phantoms/breastPhantom.js';
import { renderMammogram } from '../phantoms/breastPhantom.js';
import { SeededRandom } from '../prng.js';

export const MG_FOR_PRESENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.1.2';

const COLUMNS = 1024;
const ROWS = 1280;
const PIXEL_SPACING = 0.234375;
const DESCRIPTION = 'MG SCREENING BILATERAL';

// View codes from CID 4014 "View for Mammography" (SNOMED CT).
const VIEW_CODES = {
  CC: { CodeValue: '399162004', CodingSchemeDesignator: 'SCT', CodeMeaning: 'cranio-caudal' },
  MLO: { CodeValue: '399368009', CodingSchemeDesignator: 'SCT', CodeMeaning: 'medio-lateral oblique' },
} as const;
const BREAST = { CodeValue: '76752008', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Breast' } as const;

interface ViewSettings extends MammogramView {
  /** Row then column direction, as hung back to back (PS3.3 C.8.11.7.1). */
  readonly PatientOrientation: readonly [string, string];
  readonly positionerPrimaryAngle: number;
}

const VIEWS: readonly ViewSettings[] = [
  { laterality: 'R', view: 'CC', PatientOrientation: ['P', 'L'], positionerPrimaryAngle: 0 },
  { laterality: 'L', view: 'CC', PatientOrientation: ['A', 'R'], positionerPrimaryAngle: 0 },
  { laterality: 'R', view: 'MLO', PatientOrientation: ['P', 'FL'], positionerPrimaryAngle: 45 },
  { laterality: 'L', view: 'MLO', PatientOrientation: ['A', 'FR'], positionerPrimaryAngle: -45 },
];

function createContext(seed: number): DemoStudyContext {
  return createDemoStudyContext({
    seed,
    studyKey: 'mg-screening',
    patientKey: 'mammo',
    description: DESCRIPTION,
    procedureCode: { CodeValue: '24606-6', CodingSchemeDesignator: 'LN', CodeMeaning: 'MG Breast Screening' },
  });
}

function buildInstance(context: DemoStudyContext, index: number, view: ViewSettings): DicomDataset {
  const seconds = 120 + index * 75;
  const acquired = toDicomDateTime(context.startMs, seconds);
  const pixels = renderMammogram(view, { columns: COLUMNS, rows: ROWS, spacing: PIXEL_SPACING }, SeededRandom.forPath(context.seed, `mg-screening/view/${index}`));
  const seriesNumber = index + 1;
  return {
    ...context.patientStudyModules,
    ...buildGeneralSeriesModule(context, {
      Modality: 'MG',
      SeriesInstanceUID: context.uid(`series/${seriesNumber}`),
      SeriesNumber: seriesNumber,
      SeriesDescription: `${view.laterality} ${view.view}`,
      ProtocolName: 'SCREENING MAMMOGRAPHY',
      secondsAfterStart: seconds,
      OperatorsName: 'DEMO^TECHNOLOGIST^MG',
      BodyPartExamined: 'BREAST',
    }),
    PresentationIntentType: 'FOR PRESENTATION',
    ...buildEquipmentModule({ modelName: 'DEMO MG PHANTOM', stationName: 'DEMO-MG1', serialNumber: 'RRMG0001' }),
    ...buildSopCommonModule(context, { SOPClassUID: MG_FOR_PRESENTATION_STORAGE, SOPInstanceUID: context.uid(`series/${seriesNumber}/instance/1`), secondsAfterStart: seconds }),
    AcquisitionDate: acquired.date,
    AcquisitionTime: acquired.time,
    InstanceNumber: 1,
    PatientOrientation: [...view.PatientOrientation],
    ImageType: ['ORIGINAL', 'PRIMARY'],
    ImageLaterality: view.laterality,
    AnatomicRegionSequence: [BREAST],
    ViewPosition: view.view,
    ViewCodeSequence: [{ ...VIEW_CODES[view.view], ViewModifierCodeSequence: [] }],
    PositionerType: 'MAMMOGRAPHIC',
    PositionerPrimaryAngle: view.positionerPrimaryAngle,
    OrganExposed: 'BREAST',
    BreastImplantPresent: 'NO',
    PartialView: 'NO',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: ROWS,
    Columns: COLUMNS,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    PixelIntensityRelationship: 'LOG',
    PixelIntensityRelationshipSign: 1,
    RescaleIntercept: 0,
    RescaleSlope: 1,
    RescaleType: 'US',
    PresentationLUTShape: 'IDENTITY',
    LossyImageCompression: '00',
    BurnedInAnnotation: 'NO',
    DetectorType: 'DIRECT',
    DetectorConfiguration: 'AREA',
    DetectorID: 'RRMGDET01',
    ImagerPixelSpacing: [PIXEL_SPACING, PIXEL_SPACING],
    KVP: 29,
    XRayTubeCurrent: 100,
    ExposureTime: 1200,
    Exposure: 120,
    BodyPartThickness: view.view === 'CC' ? 52 : 56,
    CompressionForce: view.view === 'CC' ? 110 : 125,
    DistanceSourceToDetector: 660,
    AnodeTargetMaterial: 'TUNGSTEN',
    FilterMaterial: 'RHODIUM',
    WindowCenter: 1700,
    WindowWidth: 2800,
    AcquisitionContextSequence: [],
    PixelData: { vr: 'OW', bytes: littleEndianBytes(pixels) },
  };
}

function* generateMammograms(seed: number): Generator<DicomDataset> {
  const context = createContext(seed);
  for (const [index, view] of VIEWS.entries()) yield buildInstance(context, index, view);
}

export const mgScreeningStudy: DemoStudyGenerator = createDemoStudyGenerator({
  key: 'mg-screening',
  describe: seed => ({
    StudyInstanceUID: createContext(seed).StudyInstanceUID,
    description: DESCRIPTION,
    modality: 'MG',
    instanceCount: VIEWS.length,
  }),
  datasets: generateMammograms,
});
