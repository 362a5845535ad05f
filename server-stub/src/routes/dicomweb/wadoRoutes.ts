import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseAccept } from '../../dicomweb/multipart/parseMediaType.js';
import { createBoundary, writeMultipartRelated, type OutgoingPart } from '../../dicomweb/multipart/writeMultipartRelated.js';
import { acceptsDicomJson, negotiateBulkData, negotiateFrames, negotiateInstances } from '../../dicomweb/wado/negotiateMedia.js';
import { countReadableFrames } from '../../dicomweb/dicom/computeFrameLocations.js';
import { HttpError } from '../../plugins/errorHandling.js';
import type { InstanceScope, StoredInstance } from '../../stores/dicom/DicomIndex.js';
import { checkUids, DICOM_JSON, notAcceptable } from './dicomwebRequest.js';

interface Params {
  StudyInstanceUID: string;
  SeriesInstanceUID?: string;
  SOPInstanceUID?: string;
  frameList?: string;
  '*'?: string;
}

const STUDY = '/studies/:StudyInstanceUID';
const SERIES = `${STUDY}/series/:SeriesInstanceUID`;
const INSTANCE = `${SERIES}/instances/:SOPInstanceUID`;

function scopeOf(params: Params): InstanceScope {
  checkUids({ StudyInstanceUID: params.StudyInstanceUID, SeriesInstanceUID: params.SeriesInstanceUID, SOPInstanceUID: params.SOPInstanceUID });
  return { StudyInstanceUID: params.StudyInstanceUID, SeriesInstanceUID: params.SeriesInstanceUID, SOPInstanceUID: params.SOPInstanceUID };
}

function sendMultipart(reply: FastifyReply, partType: string, parts: AsyncIterable<OutgoingPart> | Iterable<OutgoingPart>) {
  const boundary = createBoundary();
  return reply
    .type(`multipart/related; type="${partType}"; boundary=${boundary}`)
    .send(Readable.from(writeMultipartRelated(parts, boundary), { objectMode: false }));
}

/** Parses "1,3,5" (1-based frame numbers, PS3.18 8.5.1.2); duplicates are kept in request order. */
export function parseFrameList(value: string): number[] {
  const numbers = value.split(',').map(v => v.trim());
  if (numbers.length === 0 || numbers.length > 10_000 || !numbers.every(n => /^[1-9]\d{0,8}$/.test(n))) {
    throw new HttpError(400, 'bad_request', 'frame list must be comma-separated positive integers');
  }
  return numbers.map(Number);
}

/** WADO-RS (PS3.18 10.4): Part 10 instances, metadata, frames and bulk data, all as stored. */
export async function wadoRoutes(app: FastifyInstance) {
  const instancesOr404 = async (scope: InstanceScope) => {
    const instances = await app.dicomStore.listInstances(scope);
    if (instances.length === 0) throw new HttpError(404, 'not_found', 'No such study, series or instance');
    return instances;
  };
  const oneInstance = async (params: Params): Promise<StoredInstance> => (await instancesOr404(scopeOf(params)))[0]!;

  for (const url of [STUDY, SERIES, INSTANCE]) {
    app.get<{ Params: Params }>(url, async (request, reply) => {
      const instances = await instancesOr404(scopeOf(request.params));
      const accept = parseAccept(request.headers.accept);
      if (!negotiateInstances(accept, instances.map(i => i.TransferSyntaxUID))) {
        throw notAcceptable('DICOM instances (multipart/related; type="application/dicom", stored transfer syntax)');
      }
      // Each file is opened only when its part is written, so a large study holds one descriptor at a time.
      const parts = instances.map(instance => ({
        contentType: `application/dicom; transfer-syntax=${instance.TransferSyntaxUID}`,
        body: (async function* () {
          yield* app.dicomStore.openFile(instance) as AsyncIterable<Uint8Array>;
        })(),
      }));
      return sendMultipart(reply, 'application/dicom', parts);
    });

    app.get<{ Params: Params }>(`${url}/metadata`, async (request, reply) => {
      if (!acceptsDicomJson(parseAccept(request.headers.accept))) throw notAcceptable('metadata (only application/dicom+json)');
      const metadata = await app.dicomStore.listMetadata(scopeOf(request.params));
      if (metadata.length === 0) throw new HttpError(404, 'not_found', 'No such study, series or instance');
      return reply.type(DICOM_JSON).send(`[${metadata.join(',')}]`);
    });
  }

  app.get<{ Params: Params }>(`${INSTANCE}/frames/:frameList`, async (request, reply) => {
    const frameNumbers = parseFrameList(request.params.frameList ?? '');
    const instance = await oneInstance(request.params);
    if (instance.frames.kind === 'none') throw new HttpError(404, 'not_found', 'The instance has no pixel data');
    const chosen = negotiateFrames(parseAccept(request.headers.accept), instance.TransferSyntaxUID);
    if (!chosen) throw notAcceptable('frames (the stored transfer syntax is served as is)');
    // Every frame must exist before the 200 status line goes out; then frames stream one at a time.
    const missing = frameNumbers.find(n => n > countReadableFrames(instance.frames));
    if (missing !== undefined) throw new HttpError(404, 'not_found', `frame ${missing} does not exist`);
    const contentType = `${chosen.partType}; transfer-syntax=${chosen.transferSyntaxUID}`;
    const frames = app.dicomStore.readFrames(instance, frameNumbers);
    return sendMultipart(reply, chosen.partType, (async function* () {
      for await (const body of frames) yield { contentType, body };
    })());
  });

  app.get<{ Params: Params }>(`${INSTANCE}/bulkdata/*`, async (request, reply) => {
    const path = (request.params['*'] ?? '').toUpperCase();
    if (!/^[0-9A-F]{8}(\/\d+\/[0-9A-F]{8})*$/.test(path)) throw new HttpError(400, 'bad_request', 'bulk data path must be tags and item indices');
    const instance = await oneInstance(request.params);
    const reads = await app.dicomStore.readBulkData(instance, path);
    if (!reads) throw new HttpError(404, 'not_found', 'No bulk data at this path');
    const accept = parseAccept(request.headers.accept);
    const isPixelData = path === '7FE00010' || path === '7FE00008' || path === '7FE00009';
    if (isPixelData) {
      const chosen = negotiateFrames(accept, instance.TransferSyntaxUID);
      if (!chosen) throw notAcceptable('pixel data (the stored transfer syntax is served as is)');
      const contentType = `${chosen.partType}; transfer-syntax=${chosen.transferSyntaxUID}`;
      return sendMultipart(reply, chosen.partType, reads.map(body => ({ contentType, body })));
    }
    if (!negotiateBulkData(accept)) throw notAcceptable('bulk data (multipart/related; type="application/octet-stream")');
    return sendMultipart(reply, 'application/octet-stream', reads.map(body => ({ contentType: 'application/octet-stream', body })));
  });
}
