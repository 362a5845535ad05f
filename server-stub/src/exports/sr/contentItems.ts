import type { CodedConcept } from '@readingroom/platform-shim';
import type { DicomDataset } from '../../demo/dicomPart10.js';
import { formatDecimalString } from '../../demo/formatDecimalString.js';
import { codeSequence } from '../dicom/codeSequenceItem.js';

/** Relationship types used by the exports (PS3.3 §C.17.3.2.4). */
export type Relationship = 'CONTAINS' | 'HAS OBS CONTEXT' | 'HAS CONCEPT MOD' | 'HAS PROPERTIES' | 'INFERRED FROM' | 'SELECTED FROM';

/** A referenced image (and frame) for IMAGE content items and SCOORD selections. */
export interface ImageReference {
  ReferencedSOPClassUID: string;
  ReferencedSOPInstanceUID: string;
  ReferencedFrameNumber?: number;
}

// Content items as PS3.3 Table C.17-2..C.18-x define them. Each builder returns one Content
// Sequence item; children go in ContentSequence (omitted when there are none).

function item(RelationshipType: Relationship, ValueType: string, concept: CodedConcept | undefined, rest: DicomDataset, children?: DicomDataset[]): DicomDataset {
  return {
    RelationshipType,
    ValueType,
    ConceptNameCodeSequence: concept ? codeSequence(concept) : undefined,
    ...rest,
    ContentSequence: children && children.length > 0 ? children : undefined,
  };
}

export function containerItem(relationship: Relationship, concept: CodedConcept, children: DicomDataset[], templateId?: string): DicomDataset {
  return item(relationship, 'CONTAINER', concept, {
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: templateId ? [{ MappingResource: 'DCMR', TemplateIdentifier: templateId }] : undefined,
  }, children);
}

export function codeItem(relationship: Relationship, concept: CodedConcept, value: CodedConcept, children?: DicomDataset[]): DicomDataset {
  return item(relationship, 'CODE', concept, { ConceptCodeSequence: codeSequence(value) }, children);
}

export function textItem(relationship: Relationship, concept: CodedConcept, text: string): DicomDataset {
  return item(relationship, 'TEXT', concept, { TextValue: text });
}

export function uidrefItem(relationship: Relationship, concept: CodedConcept, uid: string): DicomDataset {
  return item(relationship, 'UIDREF', concept, { UID: uid });
}

export function pnameItem(relationship: Relationship, concept: CodedConcept, name: string): DicomDataset {
  return item(relationship, 'PNAME', concept, { PersonName: name });
}

/**
 * NUM with its value as DS and, when 16 characters of DS cannot hold the double exactly, also
 * as FD Floating Point Value (PS3.3 Table C.18.1-1), so values survive a round trip bit for bit.
 * Without a value the Measured Value Sequence is empty (Type 2): "no value".
 */
export function numItem(relationship: Relationship, concept: CodedConcept, value: number | undefined, unit: CodedConcept, children?: DicomDataset[]): DicomDataset {
  const measured: DicomDataset[] = [];
  if (value !== undefined) {
    const NumericValue = formatDecimalString(value);
    measured.push({
      NumericValue,
      FloatingPointValue: Number(NumericValue) === value ? undefined : value,
      MeasurementUnitsCodeSequence: codeSequence(unit),
    });
  }
  return item(relationship, 'NUM', concept, { MeasuredValueSequence: measured }, children);
}

export function imageItem(relationship: Relationship, concept: CodedConcept | undefined, image: ImageReference): DicomDataset {
  return item(relationship, 'IMAGE', concept, { ReferencedSOPSequence: [referencedSopItem(image)] });
}

export function referencedSopItem(image: ImageReference): DicomDataset {
  return {
    ReferencedSOPClassUID: image.ReferencedSOPClassUID,
    ReferencedSOPInstanceUID: image.ReferencedSOPInstanceUID,
    ReferencedFrameNumber: image.ReferencedFrameNumber === undefined ? undefined : String(image.ReferencedFrameNumber),
  };
}

/** SCOORD3D: patient coordinates (x, y, z triplets, mm) in a Frame of Reference. */
export function scoord3dItem(relationship: Relationship, concept: CodedConcept | undefined, GraphicType: string, points: number[][], FrameOfReferenceUID: string): DicomDataset {
  return item(relationship, 'SCOORD3D', concept, {
    ReferencedFrameOfReferenceUID: FrameOfReferenceUID,
    GraphicType,
    GraphicData: points.flatMap(p => [p[0]!, p[1]!, p[2]!]),
  });
}

/** SCOORD: image coordinates (column, row; 0,0 = top left corner of the top left pixel), selected from one image frame. */
export function scoordItem(relationship: Relationship, concept: CodedConcept | undefined, GraphicType: string, points: number[][], image: ImageReference): DicomDataset {
  return item(relationship, 'SCOORD', concept, {
    GraphicType,
    GraphicData: points.flatMap(p => [p[0]!, p[1]!]),
  }, [imageItem('SELECTED FROM', undefined, image)]);
}
