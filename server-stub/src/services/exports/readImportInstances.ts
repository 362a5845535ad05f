import type { ImportedInstance, LabelSnapshot } from '@readingroom/platform-shim';
import { SOP_CLASSES } from '../../exports/dicom/concepts.js';
import { readString } from '../../exports/dicom/readDataset.js';
import { readDicomObject } from '../../exports/dicom/readObject.js';
import type { PacsClient } from '../../exports/pacs/createPacsClient.js';
import { decodeSegmentation } from '../../exports/seg/decodeSegmentation.js';
import type { SourceStudy } from '../../exports/source/sourceTypes.js';
import type { DecodeContext } from '../../exports/sr/decodeLabelBase.js';
import { decodeMeasurementReport } from '../../exports/sr/decodeMeasurementReport.js';
import type { DicomService } from '../dicom/createDicomService.js';

export const IMPORTABLE_CLASSES = new Set<string>([SOP_CLASSES.comprehensive3DSR, SOP_CLASSES.comprehensiveSR, SOP_CLASSES.enhancedSR, SOP_CLASSES.segmentation]);

/** An SR or SEG to read, wherever it is. */
export interface ImportCandidate {
  SOPInstanceUID: string;
  SOPClassUID: string;
  read(): Promise<Uint8Array>;
}

export async function listLocalCandidates(dicomStore: Pick<DicomService, 'listInstances' | 'openFile'>, StudyInstanceUID: string): Promise<ImportCandidate[]> {
  const instances = await dicomStore.listInstances({ StudyInstanceUID });
  return instances.filter(i => IMPORTABLE_CLASSES.has(i.SOPClassUID)).map(instance => ({
    SOPInstanceUID: instance.SOPInstanceUID,
    SOPClassUID: instance.SOPClassUID,
    async read() {
      const chunks: Buffer[] = [];
      for await (const chunk of dicomStore.openFile(instance)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  }));
}

export async function listPacsCandidates(pacs: PacsClient, StudyInstanceUID: string): Promise<ImportCandidate[]> {
  const instances = await pacs.listInstances(StudyInstanceUID);
  return instances.filter(i => IMPORTABLE_CLASSES.has(i.SOPClassUID)).map(instance => ({
    SOPInstanceUID: instance.SOPInstanceUID,
    SOPClassUID: instance.SOPClassUID,
    read: () => pacs.readInstance({ ...instance, StudyInstanceUID }),
  }));
}

/** Labels read from one instance, with when the instance was made (the newest copy of a label wins). */
export interface ReadInstance {
  report: ImportedInstance;
  labels: LabelSnapshot[];
  createdAt: string;
}

/** Reads one SR or SEG into labels; what cannot be read is in the instance's problems. */
export async function readImportInstance(candidate: ImportCandidate, source: SourceStudy, context: DecodeContext): Promise<ReadInstance> {
  const report: ImportedInstance = { SOPInstanceUID: candidate.SOPInstanceUID, SOPClassUID: candidate.SOPClassUID, labelCount: 0, problems: [] };
  let dataset;
  try {
    dataset = readDicomObject(await candidate.read());
  } catch (error) {
    report.problems.push({ item: candidate.SOPInstanceUID, message: `not readable: ${(error as Error).name}` });
    return { report, labels: [], createdAt: '' };
  }
  const decoded = candidate.SOPClassUID === SOP_CLASSES.segmentation ? decodeSegmentation(dataset, source, context) : decodeMeasurementReport(dataset, source, context);
  report.problems.push(...decoded.problems);
  const createdAt = `${readString(dataset, 'InstanceCreationDate') ?? readString(dataset, 'ContentDate') ?? ''}${readString(dataset, 'InstanceCreationTime') ?? readString(dataset, 'ContentTime') ?? ''}`;
  return { report, labels: decoded.labels, createdAt };
}
