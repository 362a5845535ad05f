import { drawText } from '../bitmapFont.js';
import type { DicomBinary, DicomDataset } from '../dicomPart10.js';
import { CR_IMAGE_STORAGE, crChestStudy, getChestRadiographBurnedInText } from './crChestStudy.js';

const seed = 4242;
const views = [...crChestStudy.datasets({ seed })];

function storedPixels(dataset: DicomDataset): Uint16Array {
  const { bytes } = dataset.PixelData as DicomBinary;
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
}

/** Where the burned-in text lights pixels, as a mask over the text box. */
function textMask(lines: string[], box: { width: number; height: number }, padding: number, scale: number): Uint8Array {
  const mask = new Uint8Array(box.width * box.height);
  drawText({ pixels: mask, columns: box.width, rows: box.height }, lines, padding, padding, scale, 1);
  return mask;
}

describe('chest radiographs', () => {
  it('are a PA and a left lateral CR of the same study', () => {
    expect(views).toHaveLength(2);
    expect(views.map(v => v.ViewPosition)).toEqual(['PA', 'LL']);
    expect(views.map(v => v.PatientOrientation)).toEqual([['L', 'F'], ['P', 'F']]);
    for (const view of views) {
      expect(view).toMatchObject({ SOPClassUID: CR_IMAGE_STORAGE, Modality: 'CR', BodyPartExamined: 'CHEST', PhotometricInterpretation: 'MONOCHROME2' });
      expect(view.StudyInstanceUID).toBe(views[0]!.StudyInstanceUID);
      expect(storedPixels(view)).toHaveLength(Number(view.Rows) * Number(view.Columns));
    }
  });

  it('declare their burned-in annotation', () => {
    for (const view of views) expect(view.BurnedInAnnotation).toBe('YES');
  });

  it.each([0, 1])('view %i carries the patient name, ID and dates as text in its pixels', viewIndex => {
    const view = views[viewIndex]!;
    const { lines, box } = getChestRadiographBurnedInText({ seed, viewIndex });
    expect(lines[0]).toBe(view.PatientName);
    expect(lines[1]).toBe(`ID ${String(view.PatientID)}`);
    const pixels = storedPixels(view);
    const columns = Number(view.Columns);
    const region = new Uint8Array(box.width * box.height);
    let grey = 0;
    for (let row = 0; row < box.height; row++) {
      for (let column = 0; column < box.width; column++) {
        const value = pixels[(box.y + row) * columns + box.x + column];
        if (value !== 0 && value !== 4095) grey++;
        region[row * box.width + column] = value === 4095 ? 1 : 0;
      }
    }
    // Only black background and full-white text inside the box.
    expect(grey).toBe(0);
    const bright = region.reduce((n, v) => n + v, 0);
    expect(bright).toBeGreaterThan(2000);
    // The bright pixels spell exactly these lines, and not, say, another ID.
    expect(region).toEqual(textMask(lines, box, 9, 3));
    expect(region).not.toEqual(textMask([lines[0]!, 'ID RRDEMO-CR-000000', ...lines.slice(2)], box, 9, 3));
  });

  it('show anatomy outside the text box: dark lungs beside a brighter mediastinum', () => {
    const pa = storedPixels(views[0]!);
    const at = (x: number, y: number) => pa[y * 1024 + x] ?? 0;
    let lung = 0;
    let mediastinum = 0;
    for (let dy = -10; dy <= 10; dy++) {
      lung += at(512 - 230, 650 + dy);
      mediastinum += at(512, 650 + dy);
    }
    expect(mediastinum).toBeGreaterThan(lung * 1.3);
  });
});
