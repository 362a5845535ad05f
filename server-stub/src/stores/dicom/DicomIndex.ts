import type { DescribedInstance } from '../../dicomweb/dicom/describeDicomFile.js';
import type { DicomJsonDataset } from '../../dicomweb/dicom/dicomJson.js';
import type { FrameLocations } from '../../dicomweb/dicom/computeFrameLocations.js';
import type { BulkLocation } from '../../dicomweb/dicom/scanDicomLayout.js';
import type { QidoQuery } from '../../dicomweb/qido/parseQidoQuery.js';

export interface InstanceToIndex extends DescribedInstance {
  sha256: string;
  size: number;
  /** Where the file store keeps the bytes (content-addressed key). */
  storageKey: string;
}

export type IndexOutcome =
  | { outcome: 'stored' }
  /** The same SOP Instance with the same bytes is already stored. */
  | { outcome: 'duplicate' }
  /** The SOP Instance is stored with different bytes; the stored one is kept. */
  | { outcome: 'conflict'; reason: 'different-content' }
  /** The series is already indexed under another study. */
  | { outcome: 'conflict'; reason: 'series-in-other-study' };

export interface StoredInstance {
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
  SOPClassUID: string;
  TransferSyntaxUID: string;
  sha256: string;
  size: number;
  storageKey: string;
  frames: FrameLocations;
  bulk: BulkLocation[];
}

export interface InstanceScope {
  StudyInstanceUID: string;
  SeriesInstanceUID?: string;
  SOPInstanceUID?: string;
}

/** One QIDO-RS result: identifiers, values computed by the index and a representative instance's metadata. */
export interface QidoRow {
  StudyInstanceUID: string;
  SeriesInstanceUID?: string;
  SOPInstanceUID?: string;
  NumberOfStudyRelatedSeries: number;
  NumberOfStudyRelatedInstances: number;
  ModalitiesInStudy: string[];
  SOPClassesInStudy: string[];
  NumberOfSeriesRelatedInstances?: number;
  metadata: DicomJsonDataset;
}

/**
 * The DICOM index: which instances exist, their attributes for matching, and where their bytes
 * and frames are. Async so a PostgreSQL implementation can sit behind the same interface.
 */
export interface DicomIndex {
  addInstance(instance: InstanceToIndex): Promise<IndexOutcome>;
  findInstance(SOPInstanceUID: string): Promise<StoredInstance | undefined>;
  countInstances(): Promise<number>;
  query(query: QidoQuery): Promise<QidoRow[]>;
  /** Instances in scope ordered by series, then InstanceNumber; empty if none. */
  listInstances(scope: InstanceScope): Promise<StoredInstance[]>;
  /** Stored metadata (JSON text, PS3.18 Annex F) of the instances in scope, same order as listInstances. */
  listMetadata(scope: InstanceScope): Promise<string[]>;
}
