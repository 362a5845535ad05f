import type { FastifyBaseLogger } from 'fastify';
import { nativeFrameRange, shiftBits } from '../../dicomweb/dicom/computeFrameLocations.js';
import { DicomContentError, describeDicomFile, type DescribedInstance } from '../../dicomweb/dicom/describeDicomFile.js';
import { DicomFormatError, UnsupportedTransferSyntaxError } from '../../dicomweb/dicom/scanDicomLayout.js';
import type { QidoQuery } from '../../dicomweb/qido/parseQidoQuery.js';
import { FailureReason } from '../../dicomweb/stow/stowFailureReasons.js';
import type { DicomIndex, InstanceScope, QidoRow, StoredInstance } from '../../stores/dicom/DicomIndex.js';
import type { DicomFileStore } from '../../stores/dicom/createDicomFileStore.js';

export interface StoreInstanceResult {
  /** "duplicate": the same bytes were already stored, which counts as success. */
  status: 'stored' | 'duplicate' | 'failed';
  SOPClassUID?: string;
  SOPInstanceUID?: string;
  StudyInstanceUID?: string;
  SeriesInstanceUID?: string;
  failureReason?: number;
  /** Why it failed, naming tags and offsets only (no values, no PHI). */
  message?: string;
}

export interface StoreOptions {
  /** STOW-RS to /studies/{study}: instances of another study are refused. */
  expectedStudyInstanceUID?: string;
}

export interface DicomService {
  /** Stores whole Part 10 files; one result per file, in order. */
  storeInstances(files: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options?: StoreOptions): Promise<StoreInstanceResult[]>;
  /** Stores one instance arriving as a stream of chunks (a STOW-RS part). */
  storeInstance(body: AsyncIterable<Uint8Array>, options?: StoreOptions): Promise<StoreInstanceResult>;
  countInstances(): Promise<number>;
  query(query: QidoQuery): Promise<QidoRow[]>;
  listInstances(scope: InstanceScope): Promise<StoredInstance[]>;
  listMetadata(scope: InstanceScope): Promise<string[]>;
  /** Frames (1-based numbers) as stored; undefined for a frame the instance does not have. */
  readFrames(instance: StoredInstance, frameNumbers: number[]): AsyncGenerator<Uint8Array>;
  /** The value of a bulk data element, as byte-range chunks (one entry per frame for encapsulated pixel data). */
  readBulkData(instance: StoredInstance, path: string): Promise<Array<() => Promise<Uint8Array>> | undefined>;
  openFile(instance: StoredInstance): NodeJS.ReadableStream;
}

export class FrameNotFoundError extends Error {
  override name = 'FrameNotFoundError';
}

export function createDicomService(deps: { index: DicomIndex; files: DicomFileStore; log?: FastifyBaseLogger }): DicomService {
  const { index, files } = deps;

  async function storeInstance(body: AsyncIterable<Uint8Array>, options: StoreOptions = {}): Promise<StoreInstanceResult> {
    const temp = await files.createTemp();
    try {
      for await (const chunk of body) {
        await temp.write(chunk);
      }
    } catch (error) {
      await temp.discard();
      throw error;
    }
    let described: DescribedInstance;
    let hashed: { sha256: string; size: number };
    try {
      hashed = await temp.finish();
      const source = await files.openTemp(temp);
      try {
        described = await describeDicomFile(source);
      } finally {
        await source.close();
      }
    } catch (error) {
      await temp.discard();
      return describeFailure(error, deps.log);
    }
    const ids = {
      SOPClassUID: described.SOPClassUID,
      SOPInstanceUID: described.SOPInstanceUID,
      StudyInstanceUID: described.StudyInstanceUID,
      SeriesInstanceUID: described.SeriesInstanceUID,
    };
    if (options.expectedStudyInstanceUID !== undefined && options.expectedStudyInstanceUID !== described.StudyInstanceUID) {
      await temp.discard();
      return { ...ids, status: 'failed', failureReason: FailureReason.StudyInstanceUIDMismatch, message: 'StudyInstanceUID does not match the request URL' };
    }
    let storageKey: string;
    try {
      storageKey = await files.commit(temp, hashed.sha256);
    } catch (error) {
      await temp.discard();
      return { ...ids, ...describeFailure(error, deps.log) };
    }
    const outcome = await index.addInstance({ ...described, ...hashed, storageKey });
    if (outcome.outcome === 'stored' || outcome.outcome === 'duplicate') return { ...ids, status: outcome.outcome };
    // Content-addressed: the file is referenced by nothing else (equal bytes would mean equal UIDs).
    await files.remove(storageKey);
    return outcome.reason === 'different-content'
      ? { ...ids, status: 'failed', failureReason: FailureReason.DuplicateSOPInstance, message: 'SOP Instance already stored with different content' }
      : { ...ids, status: 'failed', failureReason: FailureReason.SeriesInAnotherStudy, message: 'SeriesInstanceUID already belongs to another study' };
  }

  return {
    storeInstance,
    async storeInstances(input, options) {
      const results: StoreInstanceResult[] = [];
      for await (const file of input as AsyncIterable<Uint8Array>) {
        results.push(await storeInstance(single(file), options));
      }
      return results;
    },
    countInstances: () => index.countInstances(),
    query: query => index.query(query),
    listInstances: scope => index.listInstances(scope),
    listMetadata: scope => index.listMetadata(scope),
    async *readFrames(instance, frameNumbers) {
      const source = await files.openSource(instance.storageKey);
      try {
        for (const n of frameNumbers) yield await readFrame(instance, n, source.read);
      } finally {
        await source.close();
      }
    },
    async readBulkData(instance, path) {
      const location = instance.bulk.find(b => b.path === path);
      if (!location) return undefined;
      const read = async (ranges: Array<[number, number]>) => {
        const source = await files.openSource(instance.storageKey);
        try {
          return Buffer.concat(await Promise.all(ranges.map(([offset, length]) => source.read(offset, length))));
        } finally {
          await source.close();
        }
      };
      // Encapsulated pixel data comes back frame by frame, like frames/{list}.
      if (path === '7FE00010' && instance.frames.kind === 'encapsulated') {
        return instance.frames.frames.map(ranges => () => read(ranges));
      }
      return [() => read(location.ranges)];
    },
    openFile: instance => files.createReadStream(instance.storageKey),
  };
}

async function* single(bytes: Uint8Array) {
  yield bytes;
}

async function readFrame(instance: StoredInstance, frameNumber: number, read: (offset: number, length: number) => Promise<Uint8Array>) {
  const frames = instance.frames;
  if (frames.kind === 'native') {
    const range = nativeFrameRange(frames, frameNumber - 1);
    if (!range) throw new FrameNotFoundError(`frame ${frameNumber} does not exist`);
    return shiftBits(await read(range.offset, range.length), range.bitShift, range.frameBytes);
  }
  if (frames.kind === 'encapsulated') {
    const ranges = frames.frames[frameNumber - 1];
    if (!ranges) throw new FrameNotFoundError(`frame ${frameNumber} does not exist`);
    return Buffer.concat(await Promise.all(ranges.map(([offset, length]) => read(offset, length))));
  }
  throw new FrameNotFoundError('the instance has no pixel data');
}

function describeFailure(error: unknown, log?: FastifyBaseLogger): StoreInstanceResult {
  if (error instanceof UnsupportedTransferSyntaxError) {
    return { status: 'failed', failureReason: FailureReason.TransferSyntaxNotSupported, message: error.message };
  }
  if (error instanceof DicomFormatError || error instanceof DicomContentError) {
    return { status: 'failed', failureReason: FailureReason.CannotUnderstand, message: error.message };
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return { status: 'failed', failureReason: FailureReason.OutOfResources, message: 'no space left for the instance' };
  }
  // Unexpected: log the kind of error only (messages from libraries may quote values).
  log?.error({ err: { type: (error as Error)?.name, code } }, 'storing a DICOM instance failed');
  return { status: 'failed', failureReason: FailureReason.ProcessingFailure, message: 'processing failure' };
}
