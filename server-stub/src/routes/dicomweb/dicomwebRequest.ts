import type { FastifyRequest } from 'fastify';
import { isValidUid } from '../../dicomweb/dicom/describeDicomFile.js';
import { HttpError } from '../../plugins/errorHandling.js';

export const DICOMWEB_PREFIX = '/dicomweb';
export const DICOM_JSON = 'application/dicom+json';

/** Absolute base for Retrieve URLs, from the request as the client sent it. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${DICOMWEB_PREFIX}`;
}

/** Path UIDs are checked before use; the message names the parameter, not the value. */
export function checkUids(params: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && !isValidUid(value)) throw new HttpError(400, 'bad_request', `${name} in the path is not a valid UID`);
  }
}

export function notAcceptable(what: string): HttpError {
  return new HttpError(406, 'not_acceptable', `None of the Accept media types can be served for ${what}`);
}
