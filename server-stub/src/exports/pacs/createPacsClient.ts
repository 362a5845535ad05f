import { Readable } from 'node:stream';
import type { DicomJsonDataset } from '../../dicomweb/dicom/dicomJson.js';
import { parseMediaType } from '../../dicomweb/multipart/parseMediaType.js';
import { parseMultipartRelated } from '../../dicomweb/multipart/parseMultipartRelated.js';
import { createBoundary, writeMultipartRelated } from '../../dicomweb/multipart/writeMultipartRelated.js';

export interface PacsSettings {
  /** The PACS's DICOMweb root, e.g. https://pacs.example.org/dicom-web. */
  url: string;
  /** Authorization header value sent with every request (never logged). */
  authorization?: string;
  timeoutMs?: number;
}

/** What the PACS said about one stored instance. */
export interface PacsStoreResult {
  SOPInstanceUID: string;
  status: 'stored' | 'failed';
  message?: string;
}

/** An instance the PACS lists for a study (QIDO-RS). */
export interface PacsInstance {
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
  SOPClassUID: string;
}

export interface PacsClient {
  /** STOW-RS of Part 10 files to the study; one result per file, failures with their reason. */
  store(StudyInstanceUID: string, files: Array<{ SOPInstanceUID: string; bytes: Uint8Array }>): Promise<PacsStoreResult[]>;
  /** QIDO-RS: the study's instances. */
  listInstances(StudyInstanceUID: string): Promise<PacsInstance[]>;
  /** WADO-RS: the study's metadata. */
  readMetadata(StudyInstanceUID: string): Promise<DicomJsonDataset[]>;
  /** WADO-RS: one instance as Part 10 bytes. */
  readInstance(instance: PacsInstance & { StudyInstanceUID: string }): Promise<Uint8Array>;
}

export class PacsError extends Error {
  override name = 'PacsError';
}

const TAG = { SOPClassUID: '00080016', SOPInstanceUID: '00080018', SeriesInstanceUID: '0020000E', ReferencedSOPSequence: '00081199', FailedSOPSequence: '00081198', ReferencedSOPInstanceUID: '00081155', FailureReason: '00081197' };

const first = (dataset: DicomJsonDataset | undefined, tag: string) => dataset?.[tag]?.Value?.[0];

/**
 * A DICOMweb client for the site's PACS (STOW-RS, QIDO-RS, WADO-RS, PS3.18). Errors name the
 * HTTP status or network failure, never values from the request or the answer.
 */
export function createPacsClient(settings: PacsSettings): PacsClient {
  const root = settings.url.replace(/\/+$/, '');
  const timeoutMs = settings.timeoutMs ?? 60_000;

  async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method: init.method ?? 'GET',
        headers: { ...init.headers, ...(settings.authorization ? { authorization: settings.authorization } : {}) },
        body: init.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new PacsError(`the PACS could not be reached (${cause})`);
    }
    return response;
  }

  async function json<T>(path: string): Promise<T> {
    const response = await call(path, { headers: { accept: 'application/dicom+json' } });
    if (response.status === 204) return [] as T;
    if (!response.ok) throw new PacsError(`the PACS answered ${response.status} to ${path.split('?')[0]!.replace(/[0-9.]{8,}/g, '…')}`);
    return (await response.json()) as T;
  }

  return {
    async store(StudyInstanceUID, files) {
      const boundary = createBoundary();
      const chunks: Uint8Array[] = [];
      for await (const chunk of writeMultipartRelated(files.map(f => ({ contentType: 'application/dicom', body: f.bytes })), boundary)) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      const response = await call(`/studies/${encodeURIComponent(StudyInstanceUID)}`, {
        method: 'POST',
        headers: { 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`, accept: 'application/dicom+json' },
        body,
      });
      let answer: DicomJsonDataset | undefined;
      try {
        answer = (await response.json()) as DicomJsonDataset;
      } catch {
        answer = undefined;
      }
      return files.map(file => storeResult(file.SOPInstanceUID, response.status, answer));
    },
    async listInstances(StudyInstanceUID) {
      const rows = await json<DicomJsonDataset[]>(`/studies/${encodeURIComponent(StudyInstanceUID)}/instances?includefield=${TAG.SOPClassUID}`);
      return rows.flatMap(row => {
        const [SeriesInstanceUID, SOPInstanceUID, SOPClassUID] = [first(row, TAG.SeriesInstanceUID), first(row, TAG.SOPInstanceUID), first(row, TAG.SOPClassUID)];
        return typeof SeriesInstanceUID === 'string' && typeof SOPInstanceUID === 'string' && typeof SOPClassUID === 'string' ? [{ SeriesInstanceUID, SOPInstanceUID, SOPClassUID }] : [];
      });
    },
    readMetadata: StudyInstanceUID => json<DicomJsonDataset[]>(`/studies/${encodeURIComponent(StudyInstanceUID)}/metadata`),
    async readInstance(instance) {
      const path = `/studies/${encodeURIComponent(instance.StudyInstanceUID)}/series/${encodeURIComponent(instance.SeriesInstanceUID)}/instances/${encodeURIComponent(instance.SOPInstanceUID)}`;
      const response = await call(path, { headers: { accept: 'multipart/related; type="application/dicom"' } });
      if (!response.ok || !response.body) throw new PacsError(`the PACS answered ${response.status} to a WADO-RS instance request`);
      const boundary = parseMediaType(response.headers.get('content-type') ?? '')?.params.boundary;
      if (!boundary) throw new PacsError('the PACS answered without a multipart boundary');
      for await (const part of parseMultipartRelated(Readable.fromWeb(response.body as never), boundary)) {
        const chunks: Uint8Array[] = [];
        for await (const chunk of part.body) chunks.push(chunk);
        return Buffer.concat(chunks);
      }
      throw new PacsError('the PACS answered with no instance');
    },
  };
}

/** One file's STOW-RS outcome: listed under Referenced SOP Sequence, or failed with a reason. */
function storeResult(SOPInstanceUID: string, status: number, answer: DicomJsonDataset | undefined): PacsStoreResult {
  const items = (tag: string) => (answer?.[tag]?.Value ?? []) as DicomJsonDataset[];
  if (items(TAG.ReferencedSOPSequence).some(item => first(item, TAG.ReferencedSOPInstanceUID) === SOPInstanceUID)) return { SOPInstanceUID, status: 'stored' };
  const failed = items(TAG.FailedSOPSequence).find(item => first(item, TAG.ReferencedSOPInstanceUID) === SOPInstanceUID);
  if (failed) return { SOPInstanceUID, status: 'failed', message: `the PACS refused it (STOW-RS failure reason ${first(failed, TAG.FailureReason) ?? 'not given'})` };
  if (status >= 200 && status < 300 && !answer) return { SOPInstanceUID, status: 'stored' };
  return { SOPInstanceUID, status: 'failed', message: status >= 200 && status < 300 ? 'the PACS did not list it as stored' : `the PACS answered ${status}` };
}
