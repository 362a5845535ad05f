import { parseAccept } from '../multipart/parseMediaType.js';
import { negotiateFrames, negotiateInstances } from './negotiateMedia.js';

const JPEG = '1.2.840.10008.1.2.4.50';
const ELE = '1.2.840.10008.1.2.1';

describe('negotiateFrames', () => {
  // What OHIF 3.13 and cornerstone's WADO-RS loader send, quoted and unquoted.
  it.each([
    ['multipart/related; type=application/octet-stream; transfer-syntax=*', JPEG, 'application/octet-stream'],
    ['multipart/related; type="application/octet-stream"; transfer-syntax=*', JPEG, 'application/octet-stream'],
    ['multipart/related; type="application/octet-stream"', JPEG, 'application/octet-stream'],
    ['multipart/related; type="image/jpeg"', JPEG, 'image/jpeg'],
    ['*/*', ELE, 'application/octet-stream'],
    [undefined, ELE, 'application/octet-stream'],
  ])('serves %s for stored %s as %s', (accept, stored, partType) => {
    expect(negotiateFrames(parseAccept(accept), stored)).toEqual({ partType, transferSyntaxUID: stored });
  });

  it.each([
    ['multipart/related; type=application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1', JPEG],
    ['multipart/related; type="image/jls"', JPEG],
    ['image/jpeg', JPEG],
    ['application/dicom+json', ELE],
  ])('refuses %s for stored %s (nothing is transcoded)', (accept, stored) => {
    expect(negotiateFrames(parseAccept(accept), stored)).toBeUndefined();
  });
});

describe('negotiateInstances', () => {
  it('accepts application/dicom parts with any or the stored transfer syntax only', () => {
    expect(negotiateInstances(parseAccept('multipart/related; type="application/dicom"'), [JPEG, ELE])).toBe(true);
    expect(negotiateInstances(parseAccept('multipart/related; type="application/dicom"; transfer-syntax=*'), [JPEG])).toBe(true);
    expect(negotiateInstances(parseAccept(`multipart/related; type="application/dicom"; transfer-syntax=${ELE}`), [JPEG])).toBe(false);
    expect(negotiateInstances(parseAccept('application/dicom+json'), [ELE])).toBe(false);
  });
});
