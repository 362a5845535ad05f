import { readDicomObject } from '../../src/exports/dicom/readObject.js';
import { readString } from '../../src/exports/dicom/readDataset.js';
import { readContent, readImageReference, type ContentItem } from '../../src/exports/sr/readContentItems.js';

export interface FlatContentItem {
  ValueType: string;
  GraphicType?: string;
  /** The image a SCOORD's SELECTED FROM child references (undefined when it has none). */
  selectedFrom?: { SOPClassUID?: string; SOPInstanceUID: string; frameNumber?: number };
}

function flatten(items: ContentItem[]): FlatContentItem[] {
  return items.flatMap(item => {
    const selected = readImageReference(item.children.find(child => child.RelationshipType === 'SELECTED FROM' && child.ValueType === 'IMAGE'));
    const flat: FlatContentItem = { ValueType: item.ValueType };
    const GraphicType = readString(item.dataset, 'GraphicType');
    if (GraphicType) flat.GraphicType = GraphicType;
    if (selected) flat.selectedFrom = selected.frameNumber === undefined ? { SOPClassUID: selected.SOPClassUID, SOPInstanceUID: selected.SOPInstanceUID } : selected;
    return [flat, ...flatten(item.children)];
  });
}

/** Every content item of an SR, depth first, with what the tests look at. */
export function readContentTree(bytes: Uint8Array): FlatContentItem[] {
  return flatten(readContent(readDicomObject(bytes)));
}
