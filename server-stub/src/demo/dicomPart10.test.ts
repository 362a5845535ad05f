import dcmjs from 'dcmjs';
import type { DicomDataset } from './dicomPart10.js';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  READINGROOM_IMPLEMENTATION_CLASS_UID,
  writeDicomPart10,
} from './dicomPart10.js';

const pixels = new Uint8Array(4 * 3 * 2).map((_, i) => i);

const dataset: DicomDataset = {
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.7',
  SOPInstanceUID: '2.25.1234',
  PatientName: 'DEMO^UNIT^TEST',
  PatientID: '',
  Rows: 3,
  Columns: 4,
  BitsAllocated: 16,
  PixelSpacing: [0.1 + 0.2, 0.5],
  InstanceNumber: 7,
  FrameIncrementPointer: 0x00181063,
  ReferencedSeriesSequence: [{ SeriesInstanceUID: '2.25.99' }],
  AcquisitionContextSequence: [],
  PixelData: { vr: 'OW', bytes: pixels },
};

function read(bytes: Uint8Array) {
  const copy = bytes.slice();
  return dcmjs.data.DicomMessage.readFile(copy.buffer);
}

describe('writeDicomPart10', () => {
  it('writes a preamble, DICM and an explicit VR little-endian meta group', () => {
    const bytes = writeDicomPart10(dataset);
    expect(bytes.subarray(0, 128).every(b => b === 0)).toBe(true);
    expect(Buffer.from(bytes.subarray(128, 132)).toString('ascii')).toBe('DICM');
    const { meta } = read(bytes);
    expect(meta['00020010']?.Value).toEqual([EXPLICIT_VR_LITTLE_ENDIAN]);
    expect(meta['00020002']?.Value).toEqual([dataset.SOPClassUID]);
    expect(meta['00020003']?.Value).toEqual([dataset.SOPInstanceUID]);
    expect(meta['00020012']?.Value).toEqual([READINGROOM_IMPLEMENTATION_CLASS_UID]);
    expect(new Uint8Array(meta['00020001']?.Value?.[0] as ArrayBuffer)).toEqual(new Uint8Array([0, 1]));
  });

  it('writes the dataset that dcmjs reads back', () => {
    const bytes = writeDicomPart10(dataset);
    const { dict } = read(bytes);
    expect(dict['00100010']).toMatchObject({ vr: 'PN' });
    expect(JSON.stringify(dict['00100010']?.Value)).toContain('DEMO^UNIT^TEST');
    // An empty string is a zero-length (type 2) element: (0010,0020) LO, length 0.
    expect(Buffer.from(bytes).includes(Buffer.from([0x10, 0x00, 0x20, 0x00, 0x4c, 0x4f, 0x00, 0x00]))).toBe(true);
    expect(dict['00280010']).toMatchObject({ vr: 'US', Value: [3] });
    expect(dict['00280030']?.Value).toEqual([0.3, 0.5]);
    expect(dict['00200013']?.Value).toEqual([7]);
    expect(dict['00280009']).toMatchObject({ vr: 'AT' });
    expect(dict['00081115']?.Value).toHaveLength(1);
    expect(dict['00400555']?.Value ?? []).toHaveLength(0);
    expect(dict['7FE00010']?.vr).toBe('OW');
    expect(new Uint8Array(dict['7FE00010']?.Value?.[0] as ArrayBuffer)).toEqual(pixels);
  });

  // PixelData is appended by us for speed; it must be exactly what dcmjs would write.
  it('appends PixelData byte-for-byte as dcmjs writes it', () => {
    expect(writeDicomPart10(dataset)).toEqual(writeDicomPart10(dataset, { pixelData: 'dcmjs' }));
    const ob: DicomDataset = { ...dataset, PixelData: { vr: 'OB', bytes: pixels.subarray(2, 12) } };
    expect(writeDicomPart10(ob)).toEqual(writeDicomPart10(ob, { pixelData: 'dcmjs' }));
  });

  it.each<[string, DicomDataset, RegExp]>([
    ['an unknown keyword', { ...dataset, PatientsName: 'X' }, /Unknown DICOM keyword "PatientsName"/],
    ['an over-long value', { ...dataset, StationName: 'X'.repeat(17) }, /longer than 16/],
    ['an ambiguous VR', { ...dataset, SmallestImagePixelValue: 0 }, /ambiguous VR/],
    ['a number for a CS', { ...dataset, Modality: 3 }, /needs a string/],
    ['a fractional IS', { ...dataset, InstanceNumber: 1.5 }, /needs a string/],
    ['a string for a US', { ...dataset, Rows: '3' }, /needs numbers/],
    ['odd-length binary data', { ...dataset, PixelData: { vr: 'OB', bytes: new Uint8Array(3) } }, /even length/],
    ['a missing SOPInstanceUID', { ...dataset, SOPInstanceUID: undefined }, /SOPInstanceUID/],
  ])('refuses %s', (_, bad, message) => {
    expect(() => writeDicomPart10(bad)).toThrow(message);
  });
});
