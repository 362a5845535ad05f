import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseAccept, parseMediaType } from '../../dicomweb/multipart/parseMediaType.js';
import { MultipartError, parseMultipartRelated } from '../../dicomweb/multipart/parseMultipartRelated.js';
import { buildStowResponse, type StowInstanceOutcome } from '../../dicomweb/stow/buildStowResponse.js';
import { FailureReason } from '../../dicomweb/stow/stowFailureReasons.js';
import { acceptsDicomJson } from '../../dicomweb/wado/negotiateMedia.js';
import { HttpError } from '../../plugins/errorHandling.js';
import { baseUrlOf, checkUids, DICOM_JSON, notAcceptable } from './dicomwebRequest.js';

export interface StowOptions {
  /** Largest request body accepted, in bytes. */
  maxStowBytes: number;
}

class PayloadTooLargeError extends Error {}

async function* limited(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new PayloadTooLargeError();
    yield chunk;
  }
}

/** STOW-RS (PS3.18 10.5): multipart/related; type="application/dicom", streamed part by part to disk. */
export async function stowRoutes(app: FastifyInstance, options: StowOptions) {
  const tooLarge = () => new HttpError(413, 'payload_too_large', `STOW-RS request bodies are limited to ${options.maxStowBytes} bytes`);

  const handler = async (request: FastifyRequest<{ Params: { StudyInstanceUID?: string } }>) => {
    const expectedStudyInstanceUID = request.params.StudyInstanceUID;
    checkUids({ StudyInstanceUID: expectedStudyInstanceUID });
    const contentType = parseMediaType(request.headers['content-type'] ?? '');
    if (contentType?.type !== 'multipart/related') throw new HttpError(415, 'unsupported_media_type', 'STOW-RS needs multipart/related; type="application/dicom"');
    const partType = contentType.params.type?.toLowerCase();
    if (partType !== undefined && partType !== 'application/dicom') {
      throw new HttpError(415, 'unsupported_media_type', 'Only application/dicom parts are supported (no metadata + bulk data STOW)');
    }
    if (!contentType.params.boundary) throw new HttpError(400, 'bad_request', 'multipart/related without a boundary');
    if (!acceptsDicomJson(parseAccept(request.headers.accept))) throw notAcceptable('the STOW-RS response (only application/dicom+json)');
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxStowBytes) throw tooLarge();

    const outcomes: StowInstanceOutcome[] = [];
    try {
      const body = limited(request.body as AsyncIterable<Uint8Array>, options.maxStowBytes);
      for await (const part of parseMultipartRelated(body, contentType.params.boundary)) {
        const type = part.headers['content-type'] ? parseMediaType(part.headers['content-type'])?.type : 'application/dicom';
        if (type !== 'application/dicom') {
          for await (const _ of part.body); // skip it
          outcomes.push({ status: 'failed', failureReason: FailureReason.CannotUnderstand, message: 'part is not application/dicom' });
          continue;
        }
        outcomes.push(await app.dicomStore.storeInstance(part.body, { expectedStudyInstanceUID }));
      }
    } catch (error) {
      if (error instanceof PayloadTooLargeError) throw tooLarge();
      if (error instanceof MultipartError) throw new HttpError(400, 'bad_request', `Malformed multipart body: ${error.message}`);
      throw error;
    }
    if (outcomes.length === 0) throw new HttpError(400, 'bad_request', 'The multipart body has no parts');
    return buildStowResponse(outcomes, baseUrlOf(request));
  };

  for (const url of ['/studies', '/studies/:StudyInstanceUID']) {
    app.post<{ Params: { StudyInstanceUID?: string } }>(url, async (request, reply) => {
      const { statusCode, body } = await handler(request);
      return reply.code(statusCode).type(DICOM_JSON).send(JSON.stringify(body));
    });
  }
}
