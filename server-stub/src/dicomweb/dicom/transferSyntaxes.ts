/**
 * What the server needs to know about a transfer syntax: how to walk the dataset and which
 * media type its frames have (PS3.18 Table 8.7.3-2). Unknown UIDs are treated as encapsulated
 * explicit VR little endian, which every compressed transfer syntax is.
 */
export interface TransferSyntax {
  uid: string;
  implicitVR: boolean;
  littleEndian: boolean;
  encapsulated: boolean;
  /** Deflated datasets cannot be walked without inflating the whole file; not accepted. */
  deflated: boolean;
  /** Media type of one frame in this transfer syntax, besides application/octet-stream. */
  frameMediaType?: string;
}

export const ImplicitVRLittleEndian = '1.2.840.10008.1.2';
export const ExplicitVRLittleEndian = '1.2.840.10008.1.2.1';
export const ExplicitVRBigEndian = '1.2.840.10008.1.2.2';

const native = (uid: string, implicitVR: boolean, littleEndian: boolean): TransferSyntax => ({
  uid, implicitVR, littleEndian, encapsulated: false, deflated: false,
});
const encapsulated = (uid: string, frameMediaType?: string): TransferSyntax => ({
  uid, implicitVR: false, littleEndian: true, encapsulated: true, deflated: false, frameMediaType,
});

const known: TransferSyntax[] = [
  native(ImplicitVRLittleEndian, true, true),
  native(ExplicitVRLittleEndian, false, true),
  native(ExplicitVRBigEndian, false, false),
  { ...native('1.2.840.10008.1.2.1.99', false, true), deflated: true },
  { ...encapsulated('1.2.840.10008.1.2.4.95'), deflated: true },
  encapsulated('1.2.840.10008.1.2.4.50', 'image/jpeg'),
  encapsulated('1.2.840.10008.1.2.4.51', 'image/jpeg'),
  encapsulated('1.2.840.10008.1.2.4.57', 'image/jpeg'),
  encapsulated('1.2.840.10008.1.2.4.70', 'image/jpeg'),
  encapsulated('1.2.840.10008.1.2.4.80', 'image/jls'),
  encapsulated('1.2.840.10008.1.2.4.81', 'image/jls'),
  encapsulated('1.2.840.10008.1.2.4.90', 'image/jp2'),
  encapsulated('1.2.840.10008.1.2.4.91', 'image/jp2'),
  encapsulated('1.2.840.10008.1.2.4.92', 'image/jpx'),
  encapsulated('1.2.840.10008.1.2.4.93', 'image/jpx'),
  encapsulated('1.2.840.10008.1.2.4.201', 'image/jphc'),
  encapsulated('1.2.840.10008.1.2.4.202', 'image/jphc'),
  encapsulated('1.2.840.10008.1.2.4.203', 'image/jphc'),
  encapsulated('1.2.840.10008.1.2.5', 'image/x-dicom-rle'),
  encapsulated('1.2.840.10008.1.2.4.100', 'video/mpeg'),
  encapsulated('1.2.840.10008.1.2.4.101', 'video/mpeg'),
  encapsulated('1.2.840.10008.1.2.4.102', 'video/mp4'),
  encapsulated('1.2.840.10008.1.2.4.103', 'video/mp4'),
  encapsulated('1.2.840.10008.1.2.4.104', 'video/mp4'),
  encapsulated('1.2.840.10008.1.2.4.105', 'video/mp4'),
  encapsulated('1.2.840.10008.1.2.4.106', 'video/mp4'),
];
const byUid = new Map(known.map(ts => [ts.uid, ts]));

export function getTransferSyntax(uid: string): TransferSyntax {
  return byUid.get(uid) ?? encapsulated(uid);
}

/**
 * The transfer syntax a frame media type means when the request names none (PS3.18 8.7.3.5.2):
 * pixel bytes of both native little endian syntaxes are identical, so either satisfies it.
 */
export function defaultTransferSyntaxesFor(mediaType: string): string[] {
  switch (mediaType) {
    case 'application/octet-stream':
      return [ExplicitVRLittleEndian, ImplicitVRLittleEndian];
    case 'image/jpeg':
      return ['1.2.840.10008.1.2.4.50'];
    case 'image/jls':
      return ['1.2.840.10008.1.2.4.80'];
    case 'image/jp2':
      return ['1.2.840.10008.1.2.4.90'];
    case 'image/jpx':
      return ['1.2.840.10008.1.2.4.92'];
    case 'image/jphc':
      return ['1.2.840.10008.1.2.4.201'];
    case 'image/x-dicom-rle':
      return ['1.2.840.10008.1.2.5'];
    default:
      return [];
  }
}
