import { GLYPH_HEIGHT, GLYPH_WIDTH, drawText, drawTextBox, measureText } from './bitmapFont.js';

function render(lines: string[], scale = 1) {
  const size = measureText(lines, scale);
  const target = { pixels: new Uint8Array(size.width * size.height), columns: size.width, rows: size.height };
  drawText(target, lines, 0, 0, scale, 1);
  return target;
}

function asArt(target: { pixels: Uint8Array; columns: number; rows: number }): string[] {
  return Array.from({ length: target.rows }, (_, row) =>
    Array.from(target.pixels.subarray(row * target.columns, (row + 1) * target.columns), v => (v ? '#' : '.')).join(''),
  );
}

describe('bitmap font', () => {
  it('draws glyphs from their bit rows, leftmost bit first', () => {
    expect(asArt(render(['L1']))).toEqual([
      '#.......#..',
      '#......##..',
      '#.......#..',
      '#.......#..',
      '#.......#..',
      '#.......#..',
      '#####..###.',
    ]);
  });

  it('measures lines with one blank column and row between glyphs', () => {
    expect(measureText(['AB', 'C'], 1)).toEqual({ width: 2 * (GLYPH_WIDTH + 1) - 1, height: 2 * (GLYPH_HEIGHT + 1) - 1 });
    expect(measureText(['AB'], 3)).toEqual({ width: 33, height: 21 });
  });

  it('scales each lit cell to a square block', () => {
    const small = render(['^'], 1);
    const large = render(['^'], 3);
    const lit = (t: { pixels: Uint8Array }) => t.pixels.reduce((n, v) => n + v, 0);
    expect(lit(large)).toBe(9 * lit(small));
  });

  it('covers what DICOM names, IDs and dates need, upper-casing letters', () => {
    expect(() => render(['DEMO^CHEST^CR', 'ID RRDEMO-CR-012345', '2021-03-04 09:12', 'lat (1/2), #3: x_y.'])).not.toThrow();
  });

  it('refuses characters it has no glyph for', () => {
    expect(() => render(['É'])).toThrow(/no glyph/);
  });

  it('draws a filled box behind the text and clips at the edges', () => {
    const target = { pixels: new Uint16Array(40 * 12).fill(500), columns: 40, rows: 12 };
    const box = drawTextBox(target, ['HI'], { x: 30, y: 1, scale: 1, padding: 2, text: 9, background: 0 });
    expect(box).toEqual({ x: 30, y: 1, width: 15, height: 11 });
    expect(target.pixels[1 * 40 + 30]).toBe(0);
    expect(target.pixels[3 * 40 + 32]).toBe(9);
    expect(target.pixels[0]).toBe(500);
  });
});
