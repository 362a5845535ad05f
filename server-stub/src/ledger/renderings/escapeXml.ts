/**
 * Text for XML 1.0 content and attribute values: markup characters as entities, line breaks and
 * tabs in attributes as character references (so attribute normalization keeps them), and
 * characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF;
 * lone surrogates) as U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- matching the control characters XML 1.0 forbids is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

export function escapeXmlText(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/[&<>]|\r/g, c => ENTITIES[c]!);
}

export function escapeXmlAttribute(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\t\n\r]/g, c => ENTITIES[c]!);
}
