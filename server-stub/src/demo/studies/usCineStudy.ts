// Cardiac ultrasound cine loop, Ultrasound Multi-frame Image Storage, RGB.
import { buildEquipmentModule, buildGeneralSeriesModule, buildSopCommonModule } from '../commonModules.js';
import { toDicomDateTime } from '../demoDates.js';
import type { DemoStudyContext } from '../demoStudyContext.js';
import { createDemoStudyContext } from '../demoStudyContext.js';
import { createDemoStudyGenerator } from '../createDemoStudyGenerator.js';
import type { DemoStudyGenerator } from '../demoTypes.js';
import type { DicomDataset } from '../dicomPart10.js';
import { ECHO_GEOMETRY, renderEchoFrame } from '../phantoms/echoPhantom.js';
import { SeededRandom } from '../prng.js';

export const US_MULTIFRAME_STORAGE = '1.2.840.10008.5.1.4.1.1.3.1';

const DESCRIPTION = 'US ECHO TRANSTHORACIC';
/** 25 frames per second; 30 frames make one 1.2 s heartbeat (50 bpm), so the loop is seamless. */
const FRAME_TIME_MS = 40;
/** (0018,1063) FrameTime: the attribute that says how frames are spaced. */
const FRAME_TIME_TAG = 0x00181063;
const CM_PER_PIXEL = 0.0625;

function createContext(seed: number): DemoStudyContext {
  return createDemoStudyContext({
    seed,
    studyKey: 'us-cine',
    patientKey: 'cardiac',
    description: DESCRIPTION,
    procedureCode: { CodeValue: '34552-0', CodingSchemeDesignator: 'LN', CodeMeaning: 'Cardiac 2D echo panel' },
  });
}

function renderCine(seed: number): Uint8Array {
  const { columns, rows, frameCount } = ECHO_GEOMETRY;
  const frameBytes = columns * rows * 3;
  const pixels = new Uint8Array(frameBytes * frameCount);
  for (let frame = 0; frame < frameCount; frame++) {
    pixels.set(renderEchoFrame(frame, ECHO_GEOMETRY, SeededRandom.forPath(seed, `us-cine/frame/${frame}`)), frame * frameBytes);
  }
  return pixels;
}

function buildDataset(context: DemoStudyContext, SOPInstanceUID: string): DicomDataset {
  const { columns, rows, frameCount } = ECHO_GEOMETRY;
  const acquired = toDicomDateTime(context.startMs, 90);
  return {
    ...context.patientStudyModules,
    ...buildGeneralSeriesModule(context, {
      Modality: 'US',
      SeriesInstanceUID: context.uid('series/1'),
      SeriesNumber: 1,
      SeriesDescription: 'APICAL 4 CHAMBER',
      ProtocolName: 'ADULT ECHO',
      secondsAfterStart: 60,
      OperatorsName: 'DEMO^SONOGRAPHER^US',
      BodyPartExamined: 'HEART',
    }),
    ...buildEquipmentModule({ modelName: 'DEMO US PHANTOM', stationName: 'DEMO-US1', serialNumber: 'RRUS0001' }),
    ...buildSopCommonModule(context, { SOPClassUID: US_MULTIFRAME_STORAGE, SOPInstanceUID, secondsAfterStart: 90 }),
    AcquisitionDateTime: `${acquired.date}${acquired.time}`,
    InstanceNumber: 1,
    // Type 2: a sector scan has no single patient orientation.
    PatientOrientation: '',
    // Value 3: CHEST (a transthoracic echo); value 4 is a bitmap of modes: 0001 2D, 0010 colour Doppler.
    ImageType: ['ORIGINAL', 'PRIMARY', 'CHEST', '0011'],
    BurnedInAnnotation: 'NO',
    LossyImageCompression: '00',
    SamplesPerPixel: 3,
    PhotometricInterpretation: 'RGB',
    PlanarConfiguration: 0,
    Rows: rows,
    Columns: columns,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    NumberOfFrames: frameCount,
    FrameIncrementPointer: FRAME_TIME_TAG,
    FrameTime: FRAME_TIME_MS,
    CineRate: 1000 / FRAME_TIME_MS,
    RecommendedDisplayFrameRate: 1000 / FRAME_TIME_MS,
    PreferredPlaybackSequencing: 0,
    HeartRate: 50,
    DepthOfScanField: Math.round(ECHO_GEOMETRY.radius * CM_PER_PIXEL * 10),
    TransducerData: ['P4-2', '', ''],
    ProcessingFunction: 'CARDIAC',
    MechanicalIndex: 1.1,
    SoftTissueThermalIndex: 0.4,
    SequenceOfUltrasoundRegions: [
      {
        RegionSpatialFormat: 1,
        RegionDataType: 1,
        RegionFlags: 0,
        RegionLocationMinX0: 0,
        RegionLocationMinY0: 0,
        RegionLocationMaxX1: columns - 1,
        RegionLocationMaxY1: rows - 1,
        ReferencePixelX0: ECHO_GEOMETRY.apexX,
        ReferencePixelY0: ECHO_GEOMETRY.apexY,
        PhysicalUnitsXDirection: 3,
        PhysicalUnitsYDirection: 3,
        ReferencePixelPhysicalValueX: 0,
        ReferencePixelPhysicalValueY: 0,
        PhysicalDeltaX: CM_PER_PIXEL,
        PhysicalDeltaY: CM_PER_PIXEL,
      },
    ],
  };
}

function* generateEchoCine(seed: number): Generator<DicomDataset> {
  const context = createContext(seed);
  const SOPInstanceUID = context.uid('series/1/instance/1');
  yield { ...buildDataset(context, SOPInstanceUID), PixelData: { vr: 'OB', bytes: renderCine(seed) } };
}

export const usCineStudy: DemoStudyGenerator = createDemoStudyGenerator({
  key: 'us-cine',
  describe: seed => ({
    StudyInstanceUID: createContext(seed).StudyInstanceUID,
    description: DESCRIPTION,
    modality: 'US',
    instanceCount: 1,
  }),
  datasets: generateEchoCine,
});
