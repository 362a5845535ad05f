import type { LabelSnapshot } from '@readingroom/platform-shim';

/** Tools whose whole geometry is `data.handles.points`; others keep contours elsewhere. */
export const HANDLE_POINT_TOOLS = new Set([
  'Length',
  'Bidirectional',
  'EllipticalROI',
  'RectangleROI',
  'CircleROI',
  'Probe',
  'DragProbe',
  'Angle',
  'CobbAngle',
  'ArrowAnnotate',
]);

/**
 * A Cornerstone3D annotation that redraws a stored label on the image it was made on. It is
 * marked invalidated so the tool recomputes its statistics from the pixel data on first render.
 */
export function labelToAnnotation(label: LabelSnapshot, referencedImageId: string) {
  const [first] = label.geometry.points;
  return {
    annotationUID: label.labelId,
    highlighted: false,
    invalidated: true,
    isLocked: false,
    isVisible: true,
    metadata: {
      toolName: label.toolName,
      referencedImageId,
      FrameOfReferenceUID: label.FrameOfReferenceUID,
      viewPlaneNormal: label.geometry.viewPlaneNormal,
      viewUp: label.geometry.viewUp,
    },
    data: {
      label: label.text ?? '',
      ...(label.toolName === 'ArrowAnnotate' ? { text: label.text ?? '' } : {}),
      handles: {
        points: label.geometry.points.map(p => [...p]),
        activeHandleIndex: null,
        textBox: {
          hasMoved: false,
          worldPosition: first ? [...first] : [0, 0, 0],
          worldBoundingBox: { topLeft: [0, 0, 0], topRight: [0, 0, 0], bottomLeft: [0, 0, 0], bottomRight: [0, 0, 0] },
        },
      },
      cachedStats: {},
    },
  };
}
