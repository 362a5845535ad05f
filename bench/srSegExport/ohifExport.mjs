// OHIF 3.13's own export, run in Node: the calls its cornerstone-dicom-sr and -seg extensions
// make (@cornerstonejs/adapters 5.6.8) and its DICOMweb data source's store.dicom serialization.
import { imageIdOf } from './inputs.mjs';

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const IMPLEMENTATION_CLASS_UID = '2.25.270695996825855179949881587723144202391';

/** Registers the study with cornerstone's metadata registry, as OHIF's metadata provider answers. */
export function registerStudy(baseline, study) {
  const { core, dcmjs } = baseline;
  const byImageId = new Map();
  for (const { dataset } of study.parsed) {
    const { PixelData: _pixels, ...naturalized } = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dataset);
    const image = study.source.images.get(naturalized.SOPInstanceUID);
    const plane = image.planes[0];
    byImageId.set(imageIdOf(image), {
      instance: naturalized,
      imagePlaneModule: {
        frameOfReferenceUID: image.FrameOfReferenceUID, rows: image.Rows, columns: image.Columns,
        imagePositionPatient: plane.ImagePositionPatient, imageOrientationPatient: [...plane.rowCosines, ...plane.columnCosines],
        rowCosines: plane.rowCosines, columnCosines: plane.columnCosines, pixelSpacing: plane.PixelSpacing,
        rowPixelSpacing: plane.PixelSpacing[0], columnPixelSpacing: plane.PixelSpacing[1], sliceThickness: image.SliceThickness,
      },
      sopCommonModule: { sopInstanceUID: image.SOPInstanceUID, sopClassUID: image.SOPClassUID },
      pixels: new Int16Array(_pixels?.[0] ?? new ArrayBuffer(image.Rows * image.Columns * 2)),
    });
  }
  core.metaData.addProvider((type, imageId) => {
    const entry = byImageId.get(imageId);
    if (!entry) return undefined;
    switch (type) {
      case 'instance':
      case 'StudyData':
      case 'SeriesData':
      case 'ImageData':
        return entry.instance;
      case 'imagePlaneModule':
        return entry.imagePlaneModule;
      case 'sopCommonModule':
        return entry.sopCommonModule;
      case 'frameNumber':
        return 1;
      default:
        return undefined;
    }
  }, 10000);
  return byImageId;
}

/** OHIF's DicomWebDataSource store.dicom: naturalized dataset → Part 10 bytes. */
function toPart10(dcmjs, dataset) {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const meta = {
    FileMetaInformationVersion: dataset._meta?.FileMetaInformationVersion?.Value,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: dataset._meta?.TransferSyntaxUID?.Value?.[0] ?? EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: 'OHIF-3.13.2',
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}

/** cornerstone-dicom-sr _generateReport (getFilteredCornerstoneToolState + MeasurementReport.generateReport) and store. */
export function exportSrOhif(baseline, annotations) {
  const { core, adapters, dcmjs } = baseline;
  const toolState = {};
  for (const a of annotations) {
    const byTool = (toolState[a.imageId] ??= {});
    (byTool[a.toolName] ??= { data: [] }).data.push({
      annotationUID: a.annotationUID,
      metadata: { toolName: a.toolName, referencedImageId: a.imageId, FrameOfReferenceUID: a.FrameOfReferenceUID },
      data: { handles: { points: a.points, textBox: {} }, cachedStats: { [`imageId:${a.imageId}`]: a.stats }, label: 'Nodule' },
      finding: undefined,
      findingSites: [{ CodeValue: 'CORNERSTONEFREETEXT', CodingSchemeDesignator: 'CORNERSTONEJS', CodeMeaning: 'Nodule' }],
    });
  }
  const { dataset } = adapters.adaptersSR.Cornerstone3D.MeasurementReport.generateReport(toolState, core.metaData, {});
  if (typeof dataset.SpecificCharacterSet === 'undefined') dataset.SpecificCharacterSet = 'ISO_IR 192';
  return toPart10(dcmjs, dataset);
}

/** cornerstone-dicom-seg generateSegmentation (one labelmap layer, OHIF's segment metadata) and store. */
export function exportSegOhif(baseline, study, byImageId, slices) {
  const { core, adapters, dcmjs } = baseline;
  const images = [...study.source.images.values()].map(image => {
    const imageId = imageIdOf(image);
    return { imageId, voxelManager: { getScalarData: () => byImageId.get(imageId).pixels } };
  });
  const { Rows: rows, Columns: columns } = [...study.source.images.values()][0];
  const labelmaps2D = slices.map(pixelData => ({ segmentsOnLabelmap: [...new Set(pixelData)].filter(v => v !== 0), pixelData, rows, columns }));
  const segment = (n, label) => ({
    SegmentNumber: String(n),
    SegmentLabel: label,
    SegmentAlgorithmType: 'MANUAL',
    SegmentAlgorithmName: 'OHIF Brush',
    RecommendedDisplayCIELabValue: dcmjs.data.Colors.rgb2DICOMLAB([0.9, 0.6, 0.1]).map(v => Math.round(v)),
    SegmentedPropertyCategoryCodeSequence: { CodeValue: 'T-D0050', CodingSchemeDesignator: 'SRT', CodeMeaning: 'Tissue' },
    SegmentedPropertyTypeCodeSequence: { CodeValue: 'T-D0050', CodingSchemeDesignator: 'SRT', CodeMeaning: 'Tissue' },
  });
  const metadata = [undefined, segment(1, 'Segment 1'), segment(2, 'Segment 2'), segment(3, 'Segment 3')];
  const labelmap3D = { segmentsOnLabelmap: [1, 2, 3], metadata, labelmaps2D };
  const { dataset } = adapters.adaptersSEG.Cornerstone3D.Segmentation.generateSegmentation(images, labelmap3D, core.metaData, {});
  return toPart10(dcmjs, dataset);
}
