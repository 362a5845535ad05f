import { getTransferSyntax } from '../dicom/transferSyntaxes.js';
import { rangeCovers, type MediaType } from '../multipart/parseMediaType.js';

/** What a response (or each of its parts) will be: a media type and, for pixel data, a transfer syntax. */
export interface ChosenRepresentation {
  partType: string;
  transferSyntaxUID?: string;
}

const isMultipartRange = (m: MediaType) => m.type === 'multipart/related' || m.type === 'multipart/*' || m.type === '*/*';

/** `transfer-syntax` absent or `*` accepts the stored syntax; a named one must be it (nothing is transcoded). */
function acceptsSyntax(range: MediaType, stored: string): boolean {
  const wanted = range.params['transfer-syntax'];
  return wanted === undefined || wanted === '*' || wanted === stored;
}

/**
 * Frames and pixel data bulk: served as stored, as application/octet-stream or the media type
 * of the stored transfer syntax (image/jpeg, image/jls, image/jp2, ...). PS3.18 would default an
 * unnamed transfer syntax to Explicit VR Little Endian; since the part's Content-Type always
 * names the real one, we serve the stored bytes then too (see docs/dicomweb.md).
 */
export function negotiateFrames(accept: MediaType[], storedTransferSyntax: string): ChosenRepresentation | undefined {
  const mediaType = getTransferSyntax(storedTransferSyntax).frameMediaType;
  for (const range of accept) {
    if (!isMultipartRange(range)) continue;
    const part = range.type === 'multipart/related' ? (range.params.type ?? 'application/octet-stream') : '*/*';
    if (!acceptsSyntax(range, storedTransferSyntax)) continue;
    if (rangeCovers(part, 'application/octet-stream')) return { partType: 'application/octet-stream', transferSyntaxUID: storedTransferSyntax };
    if (mediaType && rangeCovers(part, mediaType)) return { partType: mediaType, transferSyntaxUID: storedTransferSyntax };
  }
  return undefined;
}

/** Non-pixel bulk data: application/octet-stream parts only. */
export function negotiateBulkData(accept: MediaType[]): boolean {
  return accept.some(range => isMultipartRange(range) && rangeCovers(range.type === 'multipart/related' ? (range.params.type ?? 'application/octet-stream') : '*/*', 'application/octet-stream'));
}

/** Part 10 retrieve: application/dicom parts, as stored; a named transfer syntax must be every instance's. */
export function negotiateInstances(accept: MediaType[], storedTransferSyntaxes: string[]): boolean {
  return accept.some(range => {
    if (!isMultipartRange(range)) return false;
    const part = range.type === 'multipart/related' ? (range.params.type ?? 'application/dicom') : '*/*';
    return rangeCovers(part, 'application/dicom') && storedTransferSyntaxes.every(ts => acceptsSyntax(range, ts));
  });
}

/** Metadata, QIDO results and STOW responses: the DICOM JSON model. */
export function acceptsDicomJson(accept: MediaType[]): boolean {
  return accept.some(range => ['application/dicom+json', 'application/json', 'application/*', '*/*'].includes(range.type));
}
