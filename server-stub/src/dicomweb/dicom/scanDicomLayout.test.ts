import { buildTestInstance, fakeJpeg, ramp, setTransferSyntax } from '../../../test/dicomweb/fixtures/dicomFixtures.js';
import { memoryByteSource } from './byteSource.js';
import { DicomFormatError, scanDicomLayout, UnsupportedTransferSyntaxError } from './scanDicomLayout.js';

const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

describe('scanDicomLayout', () => {
  it('finds native pixel data and its value range', async () => {
    const file = buildTestInstance({ Rows: 4, Columns: 4, BitsAllocated: 16 });
    const layout = await scanDicomLayout(memoryByteSource(file));
    expect(layout.transferSyntaxUID).toBe('1.2.840.10008.1.2.1');
    expect(layout.pixelData).toMatchObject({ tag: '7FE00010', vr: 'OW', valueLength: 32 });
    expect(layout.pixelData!.elementEnd).toBe(file.length);
    expect(Buffer.from(file.subarray(layout.pixelData!.valueOffset, layout.pixelData!.elementEnd))).toEqual(Buffer.from(ramp(32)));
  });

  it('walks implicit VR little endian datasets', async () => {
    const file = buildTestInstance({ TransferSyntaxUID: '1.2.840.10008.1.2', BitsAllocated: 8 });
    const layout = await scanDicomLayout(memoryByteSource(file));
    expect(layout.transferSyntaxUID).toBe('1.2.840.10008.1.2');
    expect(layout.pixelData).toMatchObject({ vr: 'OW', valueLength: 16 });
  });

  it('records fragments and the basic offset table of encapsulated pixel data', async () => {
    const frames = [[fakeJpeg(10, 1)], [fakeJpeg(6, 2), ramp(4, 3)]];
    const file = buildTestInstance({ TransferSyntaxUID: JPEG_BASELINE, NumberOfFrames: 2, encapsulatedFrames: frames });
    const layout = await scanDicomLayout(memoryByteSource(file));
    const encapsulated = layout.pixelData!.encapsulated!;
    expect(encapsulated.basicOffsetTable).toEqual([0, 18]);
    expect(encapsulated.fragments.map(f => f.length)).toEqual([10, 6, 4]);
    expect(layout.bulk.find(b => b.path === '7FE00010')?.ranges).toHaveLength(3);
  });

  it('records large binary values inside sequences as bulk data with their path', async () => {
    const big = ramp(2000);
    const file = buildTestInstance({
      extra: { '00540016': { vr: 'SQ', Value: [{ '00091010': { vr: 'OB', Value: [big.buffer] } }] } },
    });
    const layout = await scanDicomLayout(memoryByteSource(file));
    const nested = layout.bulk.find(b => b.path === '00540016/0/00091010');
    expect(nested).toBeDefined();
    const [offset, length] = nested!.ranges[0]!;
    expect(Buffer.from(file.subarray(offset, offset + length))).toEqual(Buffer.from(big));
  });

  // Each of these once risked a crash or a half-indexed instance instead of a clean per-instance failure.
  it.each([
    ['empty input', () => new Uint8Array(0)],
    ['not DICOM', () => new TextEncoder().encode('x'.repeat(300))],
    ['truncated in pixel data', () => buildTestInstance().subarray(0, -10)],
    ['truncated in the middle of the dataset', () => buildTestInstance().subarray(0, 400)],
    ['no transfer syntax in meta', () => {
      const file = Buffer.from(buildTestInstance());
      file.write('0300', 132 + 12 * 0 + 0, 'latin1');
      return file;
    }],
  ])('rejects %s with a DicomFormatError', async (_name, make) => {
    await expect(scanDicomLayout(memoryByteSource(make()))).rejects.toBeInstanceOf(DicomFormatError);
  });

  it('refuses deflated datasets, which cannot be indexed without inflating them', async () => {
    const deflated = setTransferSyntax(buildTestInstance(), '1.2.840.10008.1.2.1.99');
    await expect(scanDicomLayout(memoryByteSource(deflated))).rejects.toBeInstanceOf(UnsupportedTransferSyntaxError);
  });
});
