// MR brain: axial T1, T2 and FLAIR series in one frame of reference, MR Image Storage.
import { buildEquipmentModule, buildGeneralSeriesModule, buildSopCommonModule } from '../commonModules.js';
import { toDicomDateTime } from '../demoDates.js';
import type { DemoStudyContext } from '../demoStudyContext.js';
import { createDemoStudyContext } from '../demoStudyContext.js';
import { createDemoStudyGenerator } from '../createDemoStudyGenerator.js';
import type { DemoStudyGenerator } from '../demoTypes.js';
import type { DicomDataset } from '../dicomPart10.js';
import { littleEndianBytes } from '../dicomPart10.js';
import type { MrSequence } from '../phantoms/brainMrPhantom.js';
import { getTissueSignals, renderBrainLabels, renderBrainSlice } from '../phantoms/brainMrPhantom.js';
import type { PixelGrid } from '../phantoms/pixelGrid.js';
import { SeededRandom } from '../prng.js';

export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';

/** 240 mm field of view, 20 slices of 5 mm with a 1 mm gap, inferior first. */
export const BRAIN_MR_GEOMETRY = { size: 256, fieldOfViewMm: 240, sliceCount: 20, sliceThicknessMm: 5, sliceSpacingMm: 6, firstSliceZ: -30 } as const;

const PIXEL_SPACING = BRAIN_MR_GEOMETRY.fieldOfViewMm / BRAIN_MR_GEOMETRY.size;
const FIRST_PIXEL_CENTER = -BRAIN_MR_GEOMETRY.fieldOfViewMm / 2 + PIXEL_SPACING / 2;
const GRID: PixelGrid = { columns: BRAIN_MR_GEOMETRY.size, rows: BRAIN_MR_GEOMETRY.size, originX: FIRST_PIXEL_CENTER, originY: FIRST_PIXEL_CENTER, spacing: PIXEL_SPACING };
const DESCRIPTION = 'MR BRAIN WITHOUT CONTRAST';

interface MrSeries extends MrSequence {
  readonly number: number;
  readonly description: string;
  readonly ScanningSequence: readonly string[];
  readonly SequenceVariant: readonly string[];
  readonly SequenceName: string;
  readonly echoTrainLength: number;
  /** Scales tissue signal (0..1) to stored values; chosen so the brightest tissue sits near 3000. */
  readonly gain: number;
}

const SERIES: readonly MrSeries[] = [
  { number: 3, description: 'AX T1 SE', repetitionTime: 500, echoTime: 12, ScanningSequence: ['SE'], SequenceVariant: ['NONE'], SequenceName: '*se2d1', echoTrainLength: 1, gain: 4000 },
  { number: 4, description: 'AX T2 TSE', repetitionTime: 4000, echoTime: 100, ScanningSequence: ['SE'], SequenceVariant: ['SK'], SequenceName: '*tse2d1_16', echoTrainLength: 16, gain: 5000 },
  { number: 5, description: 'AX FLAIR', repetitionTime: 9000, echoTime: 120, inversionTime: 2500, ScanningSequence: ['SE', 'IR'], SequenceVariant: ['SK', 'MP'], SequenceName: '*tir2d1_20', echoTrainLength: 20, gain: 8000 },
];

export function getBrainMrSliceZ(index: number): number {
  return BRAIN_MR_GEOMETRY.firstSliceZ + index * BRAIN_MR_GEOMETRY.sliceSpacingMm;
}

function createContext(seed: number): DemoStudyContext {
  return createDemoStudyContext({
    seed,
    studyKey: 'mr-brain',
    patientKey: 'brain',
    description: DESCRIPTION,
    procedureCode: { CodeValue: '24590-2', CodingSchemeDesignator: 'LN', CodeMeaning: 'MR Brain' },
  });
}

function buildSeriesDataset(context: DemoStudyContext, series: MrSeries, secondsAfterStart: number): DicomDataset {
  const acquired = toDicomDateTime(context.startMs, secondsAfterStart);
  const signals = getTissueSignals(series);
  const windowWidth = Math.round(Math.max(...signals) * series.gain * 1.1);
  return {
    ...context.patientStudyModules,
    ...buildGeneralSeriesModule(context, {
      Modality: 'MR',
      SeriesInstanceUID: context.uid(`series/${series.number}`),
      SeriesNumber: series.number,
      SeriesDescription: series.description,
      ProtocolName: 'BRAIN ROUTINE',
      secondsAfterStart,
      OperatorsName: 'DEMO^TECHNOLOGIST^MR',
      BodyPartExamined: 'HEAD',
    }),
    PatientPosition: 'HFS',
    FrameOfReferenceUID: context.uid('frame-of-reference'),
    PositionReferenceIndicator: '',
    ...buildEquipmentModule({ modelName: 'DEMO MR PHANTOM', stationName: 'DEMO-MR1', serialNumber: 'RRMR0001' }),
    AcquisitionDate: acquired.date,
    AcquisitionTime: acquired.time,
    AcquisitionNumber: 1,
    ImageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
    BurnedInAnnotation: 'NO',
    LossyImageCompression: '00',
    PixelSpacing: [PIXEL_SPACING, PIXEL_SPACING],
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    SliceThickness: BRAIN_MR_GEOMETRY.sliceThicknessMm,
    SpacingBetweenSlices: BRAIN_MR_GEOMETRY.sliceSpacingMm,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: BRAIN_MR_GEOMETRY.size,
    Columns: BRAIN_MR_GEOMETRY.size,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    ScanningSequence: [...series.ScanningSequence],
    SequenceVariant: [...series.SequenceVariant],
    SequenceName: series.SequenceName,
    ScanOptions: '',
    MRAcquisitionType: '2D',
    RepetitionTime: series.repetitionTime,
    EchoTime: series.echoTime,
    InversionTime: series.inversionTime,
    EchoTrainLength: series.echoTrainLength,
    NumberOfAverages: 1,
    ImagingFrequency: 63.87,
    ImagedNucleus: '1H',
    EchoNumbers: 1,
    MagneticFieldStrength: 1.5,
    NumberOfPhaseEncodingSteps: 192,
    PercentSampling: 100,
    PercentPhaseFieldOfView: 100,
    PixelBandwidth: 150,
    ReceiveCoilName: 'HEAD 8CH',
    TransmitCoilName: 'BODY',
    AcquisitionMatrix: [256, 0, 0, 192],
    InPlanePhaseEncodingDirection: 'ROW',
    FlipAngle: 90,
    WindowCenter: Math.round(windowWidth / 2),
    WindowWidth: windowWidth,
  };
}

function* generateBrainMr(seed: number): Generator<DicomDataset> {
  const context = createContext(seed);
  for (const [seriesIndex, series] of SERIES.entries()) {
    const seriesStart = 300 + seriesIndex * 240;
    const seriesDataset = buildSeriesDataset(context, series, seriesStart);
    const signals = getTissueSignals(series);
    for (let index = 0; index < BRAIN_MR_GEOMETRY.sliceCount; index++) {
      const z = getBrainMrSliceZ(index);
      const SOPInstanceUID = context.uid(`series/${series.number}/instance/${index + 1}`);
      const rng = SeededRandom.forPath(seed, `mr-brain/series/${series.number}/slice/${index}/noise`);
      const pixels = renderBrainSlice(renderBrainLabels(GRID, z), GRID, signals, series.gain, rng);
      yield {
        ...seriesDataset,
        ...buildSopCommonModule(context, { SOPClassUID: MR_IMAGE_STORAGE, SOPInstanceUID, secondsAfterStart: seriesStart + 30 + index }),
        InstanceNumber: index + 1,
        ImagePositionPatient: [FIRST_PIXEL_CENTER, FIRST_PIXEL_CENTER, z],
        SliceLocation: z,
        PixelData: { vr: 'OW', bytes: littleEndianBytes(pixels) },
      };
    }
  }
}

export const mrBrainStudy: DemoStudyGenerator = createDemoStudyGenerator({
  key: 'mr-brain',
  describe: seed => ({
    StudyInstanceUID: createContext(seed).StudyInstanceUID,
    description: DESCRIPTION,
    modality: 'MR',
    instanceCount: SERIES.length * BRAIN_MR_GEOMETRY.sliceCount,
  }),
  datasets: generateBrainMr,
});
