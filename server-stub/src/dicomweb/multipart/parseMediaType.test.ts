import { parseAccept, parseMediaType, rangeCovers } from './parseMediaType.js';

describe('parseMediaType / parseAccept', () => {
  it.each([
    ['multipart/related; type="application/dicom"; boundary=abc', { type: 'multipart/related', params: { type: 'application/dicom', boundary: 'abc' } }],
    ['multipart/related; type=application/dicom; boundary="a;b"', { type: 'multipart/related', params: { type: 'application/dicom', boundary: 'a;b' } }],
    ['Multipart/Related;Type="application/octet-stream";transfer-syntax=*', { type: 'multipart/related', params: { type: 'application/octet-stream', 'transfer-syntax': '*' } }],
  ])('parses %s', (value, expected) => {
    expect(parseMediaType(value)).toMatchObject(expected);
  });

  it('returns undefined for garbage', () => {
    expect(parseMediaType('not a media type')).toBeUndefined();
  });

  it('orders Accept ranges by q, keeping header order otherwise, and splits on commas outside quotes', () => {
    const accept = parseAccept('multipart/related; type="application/octet-stream"; q=0.5, multipart/related; type="image/jpeg", application/dicom+json; q=0');
    expect(accept.map(a => a.params.type ?? a.type)).toEqual(['image/jpeg', 'application/octet-stream']);
  });

  it('treats a missing Accept header as */*', () => {
    expect(parseAccept(undefined)).toEqual([{ type: '*/*', params: {}, q: 1 }]);
  });

  it.each([
    ['*/*', 'image/jpeg', true],
    ['image/*', 'image/jpeg', true],
    ['image/*', 'application/octet-stream', false],
    ['application/octet-stream', 'application/octet-stream', true],
  ])('rangeCovers(%s, %s) is %s', (range, type, expected) => {
    expect(rangeCovers(range, type)).toBe(expected);
  });
});
