import { SaxesParser } from 'saxes';

export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses XML with a conforming (well-formedness checking) parser; throws on any error. */
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  let failure: Error | undefined;
  parser.on('error', error => {
    failure ??= error;
  });
  parser.on('opentag', tag => {
    const node: XmlNode = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: '' };
    stack[stack.length - 1]!.children.push(node);
    if (!tag.isSelfClosing) stack.push(node);
  });
  parser.on('closetag', tag => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', text => {
    stack[stack.length - 1]!.text += text;
  });
  parser.write(xml).close();
  if (failure) throw failure;
  if (root.children.length !== 1) throw new Error(`expected one document element, got ${root.children.length}`);
  return root.children[0]!;
}

/** Direct children named `name`. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter(child => child.name === name);
}

export function childNamed(node: XmlNode, name: string): XmlNode {
  const found = childrenNamed(node, name);
  if (found.length !== 1) throw new Error(`expected one <${name}> in <${node.name}>, found ${found.length}`);
  return found[0]!;
}
