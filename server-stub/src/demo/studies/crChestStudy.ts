// Chest radiographs (PA and left lateral), Computed Radiography Image Storage,
// with patient details burned into the pixels as older CR readers do.
import type { TextBox, TextBoxOptions } from '../bitmapFont.js';
import { drawTextBox, measureTextBox } from '../bitmapFont.js';
import { buildEquipmentModule, buildGeneralSeriesModule, buildSopCommonModule } from '../commonModules.js';
import { toDicomDateTime } from '../demoDates.js';
import type { DemoStudyContext } from '../demoStudyContext.js';
import { createDemoStudyContext } from '../demoStudyContext.js';
import { createDemoStudyGenerator } from '../createDemoStudyGenerator.js';
import type { DemoStudyGenerator } from '../demoTypes.js';
import type { DicomDataset } from '../dicomPart10.js';
import { littleEndianBytes } from '../dicomPart10.js';
import type { ChestRadiographView } from '../phantoms/chestRadiographPhantom.js';
import { renderChestRadiograph } from '../phantoms/chestRadiographPhantom.js';
import type { PixelGrid } from '../phantoms/pixelGrid.js';
import { SeededRandom } from '../prng.js';

export const CR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.1';

const COLUMNS = 1024;
const ROWS = 1248;
const PIXEL_SPACING = 0.34;
const GRID: PixelGrid = { columns: COLUMNS, rows: ROWS, originX: -((COLUMNS - 1) / 2) * PIXEL_SPACING, originY: 0, spacing: PIXEL_SPACING };
const DESCRIPTION = 'XR CHEST PA AND LATERAL';
// White text on a black box in the top-left corner, as CR readers stamp it.
const TEXT_BOX_OPTIONS: TextBoxOptions = { x: 24, y: 24, scale: 3, padding: 9, text: 4095, background: 0 };

interface ViewSettings {
  readonly view: ChestRadiographView;
  /** ViewPosition defined terms (PS3.3 C.8.1.1): LL is a left lateral. */
  readonly ViewPosition: 'PA' | 'LL';
  readonly PatientOrientation: readonly [string, string];
  readonly label: string;
}

const VIEWS: readonly ViewSettings[] = [
  { view: 'PA', ViewPosition: 'PA', PatientOrientation: ['L', 'F'], label: 'PA' },
  { view: 'LATERAL', ViewPosition: 'LL', PatientOrientation: ['P', 'F'], label: 'LAT' },
];

function createContext(seed: number): DemoStudyContext {
  return createDemoStudyContext({
    seed,
    studyKey: 'cr-chest',
    patientKey: 'chest-cr',
    description: DESCRIPTION,
    procedureCode: { CodeValue: '36643-5', CodingSchemeDesignator: 'LN', CodeMeaning: 'XR Chest 2 Views' },
  });
}

function formatDisplayDate(dicomDate: string): string {
  return `${dicomDate.slice(0, 4)}-${dicomDate.slice(4, 6)}-${dicomDate.slice(6, 8)}`;
}

/** The text burned into one view, and where; exported for PHI-detection tests. */
export function getChestRadiographBurnedInText(options: { seed: number; viewIndex: number }): { lines: string[]; box: TextBox } {
  const context = createContext(options.seed);
  const view = VIEWS[options.viewIndex];
  if (!view) throw new RangeError(`No chest radiograph view ${options.viewIndex}`);
  const acquired = toDicomDateTime(context.startMs, 60 + options.viewIndex * 90);
  const lines = [
    context.patient.PatientName,
    `ID ${context.patient.PatientID}`,
    `DOB ${formatDisplayDate(context.patient.PatientBirthDate)}`,
    `${formatDisplayDate(acquired.date)} ${acquired.time.slice(0, 2)}:${acquired.time.slice(2, 4)}`,
    `CHEST ${view.label}`,
  ];
  return { lines, box: measureTextBox(lines, TEXT_BOX_OPTIONS) };
}

function buildInstance(context: DemoStudyContext, viewIndex: number, view: ViewSettings): DicomDataset {
  const acquired = toDicomDateTime(context.startMs, 60 + viewIndex * 90);
  const pixels = renderChestRadiograph(view.view, GRID, SeededRandom.forPath(context.seed, `cr-chest/view/${viewIndex}/noise`));
  const { lines } = getChestRadiographBurnedInText({ seed: context.seed, viewIndex });
  drawTextBox({ pixels, columns: COLUMNS, rows: ROWS }, lines, TEXT_BOX_OPTIONS);
  const SOPInstanceUID = context.uid(`series/1/instance/${viewIndex + 1}`);
  return {
    ...context.patientStudyModules,
    ...buildGeneralSeriesModule(context, {
      Modality: 'CR',
      SeriesInstanceUID: context.uid('series/1'),
      SeriesNumber: 1,
      SeriesDescription: 'CHEST PA AND LATERAL',
      secondsAfterStart: 30,
      OperatorsName: 'DEMO^TECHNOLOGIST^XR',
      BodyPartExamined: 'CHEST',
    }),
    ViewPosition: view.ViewPosition,
    ...buildEquipmentModule({ modelName: 'DEMO CR PHANTOM', stationName: 'DEMO-CR1', serialNumber: 'RRCR0001' }),
    ...buildSopCommonModule(context, { SOPClassUID: CR_IMAGE_STORAGE, SOPInstanceUID, secondsAfterStart: 60 + viewIndex * 90 }),
    AcquisitionDate: acquired.date,
    AcquisitionTime: acquired.time,
    InstanceNumber: viewIndex + 1,
    PatientOrientation: [...view.PatientOrientation],
    ImageType: ['ORIGINAL', 'PRIMARY'],
    BurnedInAnnotation: 'YES',
    LossyImageCompression: '00',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: ROWS,
    Columns: COLUMNS,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    KVP: view.view === 'PA' ? 120 : 125,
    PlateID: `PLATE${viewIndex + 1}`,
    DistanceSourceToDetector: 1800,
    ExposureTime: view.view === 'PA' ? 8 : 20,
    XRayTubeCurrent: 320,
    Exposure: view.view === 'PA' ? 3 : 6,
    ImagerPixelSpacing: [PIXEL_SPACING, PIXEL_SPACING],
    CassetteOrientation: 'PORTRAIT',
    CassetteSize: '35CMX43CM',
    Sensitivity: 200,
    AcquisitionDeviceProcessingDescription: `CHEST ${view.label}`,
    RescaleIntercept: 0,
    RescaleSlope: 1,
    RescaleType: 'US',
    WindowCenter: 2048,
    WindowWidth: 4096,
    PixelData: { vr: 'OW', bytes: littleEndianBytes(pixels) },
  };
}

function* generateChestRadiographs(seed: number): Generator<DicomDataset> {
  const context = createContext(seed);
  for (const [viewIndex, view] of VIEWS.entries()) yield buildInstance(context, viewIndex, view);
}

export const crChestStudy: DemoStudyGenerator = createDemoStudyGenerator({
  key: 'cr-chest',
  describe: seed => ({
    StudyInstanceUID: createContext(seed).StudyInstanceUID,
    description: DESCRIPTION,
    modality: 'CR',
    instanceCount: VIEWS.length,
  }),
  datasets: generateChestRadiographs,
});
