import type { DicomBinary, DicomDataset } from '../dicomPart10.js';
import { MG_FOR_PRESENTATION_STORAGE, mgScreeningStudy } from './mgScreeningStudy.js';

const views = [...mgScreeningStudy.datasets({ seed: 77 })];

function storedPixels(dataset: DicomDataset): Uint16Array {
  const { bytes } = dataset.PixelData as DicomBinary;
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
}

function viewOf(dataset: DicomDataset): string {
  return `${String(dataset.ImageLaterality)}${String(dataset.ViewPosition)}`;
}

// CID 4014 (SNOMED CT): what OHIF's mammography hanging protocol matches on.
const VIEW_CODES: Record<string, string> = { CC: '399162004', MLO: '399368009' };

describe('screening mammogram', () => {
  it('has the four standard views, one series each', () => {
    expect(views.map(viewOf).sort()).toEqual(['LCC', 'LMLO', 'RCC', 'RMLO']);
    expect(new Set(views.map(v => v.SeriesInstanceUID)).size).toBe(4);
    expect(new Set(views.map(v => v.StudyInstanceUID)).size).toBe(1);
    for (const view of views) {
      expect(view).toMatchObject({
        SOPClassUID: MG_FOR_PRESENTATION_STORAGE,
        Modality: 'MG',
        PresentationIntentType: 'FOR PRESENTATION',
        BreastImplantPresent: 'NO',
        PositionerType: 'MAMMOGRAPHIC',
        PhotometricInterpretation: 'MONOCHROME2',
        SeriesDescription: `${String(view.ImageLaterality)} ${String(view.ViewPosition)}`,
      });
      expect(view.PatientSex).toBe('F');
    }
  });

  it('codes each view and the breast with SNOMED CT', () => {
    for (const view of views) {
      const [code] = view.ViewCodeSequence as DicomDataset[];
      expect(code).toMatchObject({ CodeValue: VIEW_CODES[String(view.ViewPosition)], CodingSchemeDesignator: 'SCT' });
      expect(view.AnatomicRegionSequence).toEqual([{ CodeValue: '76752008', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Breast' }]);
    }
  });

  // Right breasts hang with the chest wall on the image's right, left breasts on its left.
  it('puts the breast against the chest wall side given by its orientation', () => {
    for (const view of views) {
      const pixels = storedPixels(view);
      const columns = Number(view.Columns);
      let left = 0;
      let right = 0;
      pixels.forEach((value, i) => {
        if (i % columns < columns / 2) left += value;
        else right += value;
      });
      const [rowDirection] = view.PatientOrientation as string[];
      if (view.ImageLaterality === 'R') {
        expect(rowDirection).toBe('P');
        expect(right).toBeGreaterThan(left * 2);
      } else {
        expect(rowDirection).toBe('A');
        expect(left).toBeGreaterThan(right * 2);
      }
    }
  });

  it('shows a pectoral muscle only on the oblique views', () => {
    for (const view of views) {
      const pixels = storedPixels(view);
      const columns = Number(view.Columns);
      const chestWallColumn = view.ImageLaterality === 'R' ? columns - 20 : 20;
      const nearChestWallTop = pixels[40 * columns + chestWallColumn] ?? 0;
      if (view.ViewPosition === 'MLO') expect(nearChestWallTop).toBeGreaterThan(1500);
      else expect(nearChestWallTop).toBeLessThan(200);
    }
  });

  it('has a calcification cluster (saturated specks) in the left breast only', () => {
    for (const view of views) {
      const specks = storedPixels(view).filter(value => value === 3900).length;
      if (view.ImageLaterality === 'L') expect(specks).toBeGreaterThanOrEqual(20);
      else expect(specks).toBe(0);
    }
  });
});
