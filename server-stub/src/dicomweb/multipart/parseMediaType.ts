/** A media type with lower-cased type and parameter names; parameter values unquoted. */
export interface MediaType {
  type: string;
  params: Record<string, string>;
  /** Quality from `q=` (Accept only), 1 when absent. */
  q: number;
}

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(value: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (c === sep && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
}

/** Parses one media type such as `multipart/related; type="application/dicom"; boundary=abc`. */
export function parseMediaType(value: string): MediaType | undefined {
  const [head, ...rest] = splitOutsideQuotes(value, ';');
  const type = head?.trim().toLowerCase();
  if (!type || !/^[a-z0-9!#$&^_.+*-]+\/[a-z0-9!#$&^_.+*-]+$/.test(type)) return undefined;
  const params: Record<string, string> = {};
  let q = 1;
  for (const param of rest) {
    const at = param.indexOf('=');
    if (at <= 0) continue;
    const name = param.slice(0, at).trim().toLowerCase();
    const v = unquote(param.slice(at + 1));
    if (name === 'q') q = Number.isFinite(Number(v)) ? Number(v) : 1;
    else params[name] = v;
  }
  return { type, params, q };
}

/** Parses an Accept header into media ranges, best first (q order, then header order); absent header means `*\/*`. */
export function parseAccept(header: string | undefined): MediaType[] {
  if (!header || header.trim() === '') return [{ type: '*/*', params: {}, q: 1 }];
  return splitOutsideQuotes(header, ',')
    .map(parseMediaType)
    .filter((m): m is MediaType => m !== undefined && m.q > 0)
    .map((m, i) => ({ m, i }))
    .sort((a, b) => b.m.q - a.m.q || a.i - b.i)
    .map(({ m }) => m);
}

/** True when a range such as `image/*` or `*\/*` covers the concrete type. */
export function rangeCovers(range: string, type: string): boolean {
  if (range === '*/*' || range === type) return true;
  return range.endsWith('/*') && type.startsWith(range.slice(0, -1));
}
