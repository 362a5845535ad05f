/**
 * Standard base64 (RFC 4648 §4) that refuses anything but the canonical encoding. Buffer's
 * own decoder skips invalid characters and accepts missing padding, so "the same" signature
 * or hash could be written many ways; a note or checkpoint must have exactly one.
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The decoded bytes, or undefined when `text` is not canonical standard base64. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Rejects non-zero padding bits, which decode to the same bytes as the canonical form.
  return bytes.toString('base64') === text ? bytes : undefined;
}
