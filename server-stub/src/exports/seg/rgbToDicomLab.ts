/**
 * A "#rrggbb" sRGB colour as Recommended Display CIELab Value (PS3.3 §C.10.7.1.1): L*a*b*
 * (D65) scaled to 0..65535, L* over 0..100 and a*, b* over -128..127.
 */
export function rgbToDicomLab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255).map(c => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  const L = 116 * fy - 16;
  const A = 500 * (fx - fy);
  const B = 200 * (fy - fz);
  const scale = (value: number, min: number, max: number) => Math.round(Math.min(65535, Math.max(0, ((value - min) / (max - min)) * 65535)));
  return [scale(L, 0, 100), scale(A, -128, 127), scale(B, -128, 127)];
}
