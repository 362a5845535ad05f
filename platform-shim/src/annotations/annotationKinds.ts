import type { AnnotationKind } from '../contract/labels.js';

/** The Cornerstone3D tool that draws each annotation kind of a label schema. */
export const TOOL_NAME_BY_KIND: Readonly<Record<AnnotationKind, string>> = {
  point: 'Probe',
  length: 'Length',
  bidirectional: 'Bidirectional',
  ellipse: 'EllipticalROI',
  rectangle: 'RectangleROI',
  freehand: 'PlanarFreehandROI',
};

const KIND_BY_TOOL_NAME = new Map(Object.entries(TOOL_NAME_BY_KIND).map(([kind, toolName]) => [toolName, kind as AnnotationKind]));

/** The annotation kind a tool draws, or undefined for tools that do not make labels (Angle, ArrowAnnotate, ...). */
export function kindOfTool(toolName: string | undefined): AnnotationKind | undefined {
  return toolName ? KIND_BY_TOOL_NAME.get(toolName) : undefined;
}
