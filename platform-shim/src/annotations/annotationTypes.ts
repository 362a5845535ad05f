/** The parts of a Cornerstone3D annotation that labels are made of (cornerstone's own type is richer). */
export interface CornerstoneAnnotation {
  annotationUID?: string;
  metadata?: {
    toolName?: string;
    FrameOfReferenceUID?: string;
    referencedImageId?: string;
    viewPlaneNormal?: number[];
    viewUp?: number[];
  };
  data?: {
    handles?: { points?: number[][] };
    /** Contour tools (PlanarFreehandROI) keep their outline here, in world coordinates. */
    contour?: { polyline?: number[][]; closed?: boolean };
    cachedStats?: Record<string, Record<string, unknown> | undefined>;
    label?: string;
    text?: string;
  };
}

/** Where an image id points, as the host's metadata provider reports it. */
export interface ImageReference {
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
  frameNumber?: number;
}
