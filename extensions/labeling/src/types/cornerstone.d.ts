// Ambient types for the few Cornerstone3D APIs we call. At run time these modules are the
// host's own (webpack externals resolved by the host bridge), never a bundled copy.
declare module '@cornerstonejs/core' {
  export type Point3 = [number, number, number];
  export interface Viewport {
    id: string;
    element: HTMLDivElement;
    getImageIds?(): string[];
    getCurrentImageId?(): string | undefined;
    getCurrentImageIdIndex?(): number;
    setImageIdIndex?(index: number): Promise<unknown>;
    worldToCanvas(point: Point3): [number, number];
    render(): void;
  }
  export interface VoxelManager {
    getScalarData(): ArrayLike<number> & { length: number; fill?(value: number): unknown; [index: number]: number };
    setScalarData?(data: ArrayLike<number>): void;
    getCompleteScalarDataArray?(): ArrayLike<number>;
  }
  export interface CachedImage {
    imageId: string;
    rows: number;
    columns: number;
    referencedImageId?: string;
    voxelManager?: VoxelManager;
    getPixelData?(): ArrayLike<number> & { [index: number]: number };
  }
  export const eventTarget: EventTarget;
  export const metaData: { get(type: string, imageId: string): unknown };
  export const cache: { getImage(imageId: string): CachedImage | undefined };
  export function getRenderingEngines(): Array<{ render(): void; getViewports(): Viewport[] }> | undefined;
  export function getEnabledElement(element: HTMLElement): { viewport: Viewport } | undefined;
}

declare module '@cornerstonejs/tools' {
  export const Enums: {
    Events: {
      ANNOTATION_COMPLETED: string;
      ANNOTATION_MODIFIED: string;
      ANNOTATION_REMOVED: string;
      /** Fired on a viewport element (not bubbling) after its annotations were drawn. */
      ANNOTATION_RENDERED: string;
      ANNOTATION_ADDED: string;
      SEGMENTATION_DATA_MODIFIED: string;
      TOOL_ACTIVATED: string;
    };
    MouseBindings: { Primary: number };
  };
  export const annotation: {
    state: {
      addAnnotation(annotation: object, annotationGroupSelector: string | HTMLElement): string;
      getAnnotation(annotationUID: string): { annotationUID: string; metadata: { referencedImageId?: string } } | undefined;
      removeAnnotation(annotationUID: string): void;
    };
    selection: {
      setAnnotationSelected(annotationUID: string, selected?: boolean, preserveSelected?: boolean): void;
      deselectAnnotation(annotationUID?: string): void;
    };
  };
  export interface Segment {
    segmentIndex: number;
    label: string;
    active?: boolean;
    locked?: boolean;
  }
  export interface Segmentation {
    segmentationId: string;
    label?: string;
    segments: Record<number, Segment | undefined>;
    representationData: { Labelmap?: { imageIds?: string[]; referencedImageIds?: string[] } };
  }
  export const segmentation: {
    state: { getSegmentation(segmentationId: string): Segmentation | undefined };
    triggerSegmentationEvents: { triggerSegmentationDataModified(segmentationId: string): void };
  };
  export const utilities: {
    triggerAnnotationRenderForViewportIds(viewportIds: string[]): void;
  };
}
