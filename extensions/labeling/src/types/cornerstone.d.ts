// Ambient types for the few Cornerstone3D APIs we call. At run time these modules are the
// host's own (webpack externals resolved by the host bridge), never a bundled copy.
declare module '@cornerstonejs/core' {
  export const eventTarget: EventTarget;
  export const metaData: { get(type: string, imageId: string): unknown };
  export function getRenderingEngines(): Array<{ render(): void }> | undefined;
}

declare module '@cornerstonejs/tools' {
  export const Enums: {
    Events: {
      ANNOTATION_COMPLETED: string;
      ANNOTATION_MODIFIED: string;
      ANNOTATION_REMOVED: string;
      ANNOTATION_ADDED: string;
    };
  };
  export const annotation: {
    state: {
      addAnnotation(annotation: object, annotationGroupSelector: string | HTMLElement): string;
      getAnnotation(annotationUID: string): object | undefined;
      removeAnnotation(annotationUID: string): void;
    };
  };
}
