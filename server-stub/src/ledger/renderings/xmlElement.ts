import type { CodedValue } from './auditEventCodes.js';
import { escapeXmlAttribute } from './escapeXml.js';

export type XmlAttributes = Readonly<Record<string, string | number | boolean | undefined>>;

/** `<name a="v" …/>` or `<name …>children</name>`; undefined attributes are left out. Children are already XML. */
export function xmlElement(name: string, attributes: XmlAttributes = {}, children: readonly string[] = []): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
  return children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${children.join('')}</${name}>`;
}

/** A coded value element as PS3.15 A.5.1 writes it. */
export function codedElement(name: string, value: CodedValue): string {
  return xmlElement(name, { 'csd-code': value.code, codeSystemName: value.codeSystemName, originalText: value.displayName });
}
