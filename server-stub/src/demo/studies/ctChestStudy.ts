// CT chest (current and prior of the same patient), CT Image Storage.
import { buildEquipmentModule, buildGeneralSeriesModule, buildSopCommonModule } from '../commonModules.js';
import { toDicomDateTime } from '../demoDates.js';
import { createDemoStudyContext } from '../demoStudyContext.js';
import type { DemoStudyContext } from '../demoStudyContext.js';
import { createDemoStudyGenerator } from '../createDemoStudyGenerator.js';
import type { DemoStudyGenerator } from '../demoTypes.js';
import type { DicomDataset } from '../dicomPart10.js';
import { littleEndianBytes } from '../dicomPart10.js';
import type { ChestCtPhantom, Sphere } from '../phantoms/chestCtPhantom.js';
import { createChestCtPhantom, renderChestCtSlice } from '../phantoms/chestCtPhantom.js';
import type { PixelGrid } from '../phantoms/pixelGrid.js';
import { SeededRandom } from '../prng.js';
import { hashSeedPath } from '../seedHash.js';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** Slice geometry shared by both studies: 350 mm field of view, 64 slices of 2.5 mm, superior first. */
export const CHEST_CT_GEOMETRY = {
  size: 512,
  fieldOfViewMm: 350,
  sliceCount: 64,
  sliceSpacingMm: 2.5,
  firstSliceZ: 80,
} as const;

const PIXEL_SPACING = CHEST_CT_GEOMETRY.fieldOfViewMm / CHEST_CT_GEOMETRY.size;
const FIRST_PIXEL_CENTER = -CHEST_CT_GEOMETRY.fieldOfViewMm / 2 + PIXEL_SPACING / 2;
const GRID: PixelGrid = {
  columns: CHEST_CT_GEOMETRY.size,
  rows: CHEST_CT_GEOMETRY.size,
  originX: FIRST_PIXEL_CENTER,
  originY: FIRST_PIXEL_CENTER,
  spacing: PIXEL_SPACING,
};

type ChestCtVariant = 'current' | 'prior';

interface VariantSettings {
  readonly studyKey: 'ct-chest' | 'ct-chest-prior';
  readonly daysBefore: number;
  readonly description: string;
  /** Lesion diameter range in mm; the prior shows the nodule smaller. */
  readonly lesionDiameter: readonly [number, number];
}

const VARIANTS: Readonly<Record<ChestCtVariant, VariantSettings>> = {
  current: { studyKey: 'ct-chest', daysBefore: 0, description: 'CT CHEST WITHOUT CONTRAST', lesionDiameter: [9, 11] },
  prior: { studyKey: 'ct-chest-prior', daysBefore: 392, description: 'CT CHEST WITHOUT CONTRAST (PRIOR)', lesionDiameter: [5, 6] },
};

export function getChestCtSliceZ(index: number): number {
  return CHEST_CT_GEOMETRY.firstSliceZ - index * CHEST_CT_GEOMETRY.sliceSpacingMm;
}

function createPhantom(seed: number, variant: ChestCtVariant): ChestCtPhantom {
  const [min, max] = VARIANTS[variant].lesionDiameter;
  const diameterMm = min + ((hashSeedPath(seed, 'ct-chest/lesion-size').readUInt32LE(0) % 1000) / 1000) * (max - min);
  // Same anatomy stream for both variants: same patient, nodule in the same place.
  return createChestCtPhantom(SeededRandom.forPath(seed, 'ct-chest/anatomy'), { diameterMm });
}

/** Ground truth for tests and demos: where the nodule is, in patient coordinates. */
export function getChestCtLesion(options: { seed: number; variant: ChestCtVariant }): Sphere {
  const lesion = createPhantom(options.seed, options.variant).lesion;
  if (!lesion) throw new Error('The chest CT phantom always has a lesion');
  return lesion;
}

function createContext(seed: number, settings: VariantSettings): DemoStudyContext {
  return createDemoStudyContext({
    seed,
    studyKey: settings.studyKey,
    patientKey: 'chest-ct',
    description: settings.description,
    daysBefore: settings.daysBefore,
    procedureCode: { CodeValue: '24627-2', CodingSchemeDesignator: 'LN', CodeMeaning: 'CT Chest' },
  });
}

function buildSeriesDataset(context: DemoStudyContext): DicomDataset {
  const acquisition = toDicomDateTime(context.startMs, 120);
  return {
    ...context.patientStudyModules,
    ...buildGeneralSeriesModule(context, {
      Modality: 'CT',
      SeriesInstanceUID: context.uid('series/2'),
      SeriesNumber: 2,
      SeriesDescription: 'CHEST 2.5MM STANDARD',
      ProtocolName: 'CHEST ROUTINE',
      secondsAfterStart: 100,
      OperatorsName: 'DEMO^TECHNOLOGIST^CT',
      BodyPartExamined: 'CHEST',
    }),
    PatientPosition: 'HFS',
    FrameOfReferenceUID: context.uid('frame-of-reference'),
    PositionReferenceIndicator: '',
    ...buildEquipmentModule({ modelName: 'DEMO CT PHANTOM', stationName: 'DEMO-CT1', serialNumber: 'RRCT0001' }),
    AcquisitionDate: acquisition.date,
    AcquisitionTime: acquisition.time,
    AcquisitionNumber: 1,
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    ImagesInAcquisition: CHEST_CT_GEOMETRY.sliceCount,
    BurnedInAnnotation: 'NO',
    LossyImageCompression: '00',
    PixelSpacing: [PIXEL_SPACING, PIXEL_SPACING],
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    SliceThickness: CHEST_CT_GEOMETRY.sliceSpacingMm,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: CHEST_CT_GEOMETRY.size,
    Columns: CHEST_CT_GEOMETRY.size,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    RescaleIntercept: -1024,
    RescaleSlope: 1,
    RescaleType: 'HU',
    KVP: 120,
    ScanOptions: 'HELICAL MODE',
    DataCollectionDiameter: 500,
    ReconstructionDiameter: CHEST_CT_GEOMETRY.fieldOfViewMm,
    DistanceSourceToDetector: 1040,
    DistanceSourceToPatient: 570,
    GantryDetectorTilt: 0,
    TableHeight: 160,
    RotationDirection: 'CW',
    ExposureTime: 500,
    XRayTubeCurrent: 200,
    Exposure: 100,
    FilterType: 'BODY FILTER',
    GeneratorPower: 24,
    FocalSpots: 0.7,
    ConvolutionKernel: 'STANDARD',
    RevolutionTime: 0.5,
    SingleCollimationWidth: 0.625,
    TotalCollimationWidth: 40,
    TableSpeed: 78.75,
    TableFeedPerRotation: 39.375,
    SpiralPitchFactor: 0.984375,
    CTDIvol: 8.5,
    CTDIPhantomTypeCodeSequence: [{ CodeValue: '113691', CodingSchemeDesignator: 'DCM', CodeMeaning: 'IEC Body Dosimetry Phantom' }],
    // Lung and mediastinal windows, the two every chest reader flips between.
    WindowCenter: [-600, 40],
    WindowWidth: [1500, 400],
    WindowCenterWidthExplanation: ['LUNG', 'MEDIASTINUM'],
  };
}

function* generateChestCt(seed: number, variant: ChestCtVariant): Generator<DicomDataset> {
  const settings = VARIANTS[variant];
  const context = createContext(seed, settings);
  const phantom = createPhantom(seed, variant);
  const series = buildSeriesDataset(context);
  for (let index = 0; index < CHEST_CT_GEOMETRY.sliceCount; index++) {
    const z = getChestCtSliceZ(index);
    const SOPInstanceUID = context.uid(`series/2/instance/${index + 1}`);
    const pixels = renderChestCtSlice(phantom, GRID, z, SeededRandom.forPath(seed, `${settings.studyKey}/slice/${index}/noise`));
    yield {
      ...series,
      ...buildSopCommonModule(context, { SOPClassUID: CT_IMAGE_STORAGE, SOPInstanceUID, secondsAfterStart: 120 + Math.floor(index / 16) }),
      InstanceNumber: index + 1,
      ImagePositionPatient: [FIRST_PIXEL_CENTER, FIRST_PIXEL_CENTER, z],
      SliceLocation: z,
      PixelData: { vr: 'OW', bytes: littleEndianBytes(pixels) },
    };
  }
}

function createChestCtGenerator(variant: ChestCtVariant): DemoStudyGenerator {
  const settings = VARIANTS[variant];
  return createDemoStudyGenerator({
    key: settings.studyKey,
    describe: seed => ({
      StudyInstanceUID: createContext(seed, settings).StudyInstanceUID,
      description: settings.description,
      modality: 'CT',
      instanceCount: CHEST_CT_GEOMETRY.sliceCount,
    }),
    datasets: seed => generateChestCt(seed, variant),
  });
}

export const ctChestStudy = createChestCtGenerator('current');
export const ctChestPriorStudy = createChestCtGenerator('prior');
