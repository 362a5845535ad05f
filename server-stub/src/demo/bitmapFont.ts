// A 5x7 bitmap font for burning text into synthetic images, the way
// modalities stamp patient details into pixels. Upper case, digits and the
// punctuation that DICOM names, IDs and dates use. Each glyph is seven rows
// of five bits, most significant bit leftmost.
const GLYPHS: Readonly<Record<string, readonly number[]>> = {
  A: [0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
  B: [0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e],
  C: [0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e],
  D: [0x1e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1e],
  E: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f],
  F: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x10],
  G: [0x0e, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0f],
  H: [0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
  I: [0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e],
  J: [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0c],
  K: [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11],
  L: [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f],
  M: [0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11],
  N: [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
  O: [0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
  P: [0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10],
  Q: [0x0e, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0d],
  R: [0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11],
  S: [0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e],
  T: [0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
  U: [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
  V: [0x11, 0x11, 0x11, 0x11, 0x11, 0x0a, 0x04],
  W: [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0a],
  X: [0x11, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x11],
  Y: [0x11, 0x11, 0x0a, 0x04, 0x04, 0x04, 0x04],
  Z: [0x1f, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f],
  '0': [0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e],
  '1': [0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e],
  '2': [0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f],
  '3': [0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e],
  '4': [0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02],
  '5': [0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e],
  '6': [0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e],
  '7': [0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
  '8': [0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e],
  '9': [0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c],
  ' ': [0, 0, 0, 0, 0, 0, 0],
  '-': [0, 0, 0, 0x1f, 0, 0, 0],
  '^': [0x04, 0x0a, 0x11, 0, 0, 0, 0],
  '/': [0, 0x01, 0x02, 0x04, 0x08, 0x10, 0],
  ':': [0, 0x0c, 0x0c, 0, 0x0c, 0x0c, 0],
  '.': [0, 0, 0, 0, 0, 0x0c, 0x0c],
  ',': [0, 0, 0, 0, 0x0c, 0x04, 0x08],
  '(': [0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02],
  ')': [0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08],
  '#': [0x0a, 0x0a, 0x1f, 0x0a, 0x1f, 0x0a, 0x0a],
  _: [0, 0, 0, 0, 0, 0, 0x1f],
};

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;
/** One blank column between glyphs and one blank row between lines. */
const ADVANCE_X = GLYPH_WIDTH + 1;
const ADVANCE_Y = GLYPH_HEIGHT + 1;

export interface TextSize {
  readonly width: number;
  readonly height: number;
}

/** Pixel size of `lines` drawn at integer `scale`. */
export function measureText(lines: readonly string[], scale: number): TextSize {
  const longest = Math.max(0, ...lines.map(line => line.length));
  return {
    width: longest === 0 ? 0 : (longest * ADVANCE_X - 1) * scale,
    height: lines.length === 0 ? 0 : (lines.length * ADVANCE_Y - 1) * scale,
  };
}

/** A raster to draw on: row-major, `columns` wide. */
export interface TextTarget {
  readonly pixels: Uint8Array | Uint16Array;
  readonly columns: number;
  readonly rows: number;
}

/**
 * Sets the pixels of each glyph's lit cells to `value`, top-left corner at
 * (x, y); background pixels are left alone. Throws on characters the font
 * lacks, so callers never ship silently missing text. Clips at the edges.
 */
export function drawText(target: TextTarget, lines: readonly string[], x: number, y: number, scale: number, value: number): void {
  lines.forEach((line, lineIndex) => {
    [...line.toUpperCase()].forEach((character, characterIndex) => {
      const glyph = GLYPHS[character];
      if (!glyph) throw new RangeError(`The bitmap font has no glyph for ${JSON.stringify(character)}`);
      const left = x + characterIndex * ADVANCE_X * scale;
      const top = y + lineIndex * ADVANCE_Y * scale;
      glyph.forEach((bits, glyphRow) => {
        for (let glyphColumn = 0; glyphColumn < GLYPH_WIDTH; glyphColumn++) {
          if ((bits & (1 << (GLYPH_WIDTH - 1 - glyphColumn))) === 0) continue;
          fillCell(target, left + glyphColumn * scale, top + glyphRow * scale, scale, value);
        }
      });
    });
  });
}

function fillCell(target: TextTarget, x: number, y: number, scale: number, value: number): void {
  for (let row = Math.max(0, y); row < Math.min(target.rows, y + scale); row++) {
    const first = row * target.columns + Math.max(0, x);
    const last = row * target.columns + Math.min(target.columns, x + scale);
    if (last > first) target.pixels.fill(value, first, last);
  }
}

export interface TextBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface TextBoxOptions {
  readonly x: number;
  readonly y: number;
  readonly scale: number;
  readonly padding: number;
  readonly text: number;
  readonly background: number;
}

/** Where drawTextBox would put its box. */
export function measureTextBox(lines: readonly string[], options: TextBoxOptions): TextBox {
  const size = measureText(lines, options.scale);
  return { x: options.x, y: options.y, width: size.width + 2 * options.padding, height: size.height + 2 * options.padding };
}

/**
 * Burns `lines` into the target the way modalities do: a filled background
 * box (so the text stays legible over anatomy) with the text on top.
 * Returns the box, which is where the burned-in annotation is.
 */
export function drawTextBox(target: TextTarget, lines: readonly string[], options: TextBoxOptions): TextBox {
  const box = measureTextBox(lines, options);
  for (let row = box.y; row < Math.min(target.rows, box.y + box.height); row++) {
    target.pixels.fill(options.background, row * target.columns + box.x, row * target.columns + Math.min(target.columns, box.x + box.width));
  }
  drawText(target, lines, box.x + options.padding, box.y + options.padding, options.scale, options.text);
  return box;
}
