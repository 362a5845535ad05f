import { annotationToLabelShape, readAnnotationMeasurements } from './annotationToLabelShape.js';
import type { CornerstoneAnnotation, ImageReference } from './annotationTypes.js';
import type { LabelLedger } from './createLabelLedger.js';
import { composeLabelSnapshot, termsOf, type LabelShape, type LabelTerms } from './labelParts.js';

export interface AnnotationForwarderOptions {
  /** cornerstone's `eventTarget`. */
  eventTarget: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** cornerstoneTools.Enums.Events names of the annotation events (`rendered`: ANNOTATION_RENDERED). */
  eventNames: { completed: string; modified: string; removed: string; rendered?: string };
  /**
   * Where ANNOTATION_RENDERED is seen. Cornerstone fires it on each viewport element, without
   * bubbling; a capture listener on the document sees every viewport's.
   */
  renderTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** The annotation Cornerstone holds for a label now (its state may hold another object than an event gave). */
  currentAnnotation?: (labelId: string) => CornerstoneAnnotation | undefined;
  lookupImage: (imageId: string) => ImageReference | undefined;
  ledger: LabelLedger;
  /**
   * A finished annotation that is not a label yet: the UI asks what it is (the label picker) and
   * answers with `accept` or `discard`.
   */
  onDraft: (shape: LabelShape) => void;
  /** A draft's annotation went away before it was labeled (the picker should close). */
  onDraftRemoved?: (labelId: string) => void;
  /** Called when an annotation cannot become a label, with a reason for the user. */
  onProblem?: (message: string) => void;
  /** Edits arrive as a stream while a handle is dragged; send once it rests this long. */
  settleMs?: number;
  /** How many label edits are settling (not handed to the sender yet), whenever that changes. */
  onPendingChange?: (count: number) => void;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

export interface AnnotationForwarder {
  /** The labeler said what a draft is: sends label.created with its current geometry. */
  accept(labelId: string, terms: LabelTerms): boolean;
  /** The labeler cancelled a draft; its annotation is being removed and nothing is sent. */
  discard(labelId: string): void;
  /** The shape of a draft as it is now (statistics may have arrived since it was finished). */
  draftShape(labelId: string): LabelShape | undefined;
  /** Sends geometry edits still settling now (before submitting, leaving the case). */
  flush(): void;
  /** Label edits settling now, not handed to the sender yet. */
  pending(): number;
  stop(): void;
}

/**
 * Turns Cornerstone3D annotation events into label events. A completed annotation becomes a
 * draft until the labeler names it; geometry edits of a label are sent once a drag settles;
 * removal of a label is sent at once. Edits of annotations that are neither drafts nor labels
 * (still being drawn, or not ours) are ignored.
 *
 * Statistics: Cornerstone may write an annotation's statistics during a render without any
 * ANNOTATION_MODIFIED (PlanarFreehandROI announces a computation only when the annotation was
 * invalidated, so a first computation that found no image data clears the flag and the later,
 * real one is silent). Labels drawn or edited in this session are therefore watched: after each
 * annotation render (and when flushing), measurements that differ from the last ones seen are
 * sent like an edit.
 */
export function forwardAnnotationEvents(options: AnnotationForwarderOptions): AnnotationForwarder {
  const { ledger } = options;
  const settleMs = options.settleMs ?? 400;
  const timers = options.timers ?? { setTimeout: globalThis.setTimeout.bind(globalThis), clearTimeout: globalThis.clearTimeout.bind(globalThis) };
  /** Drafts by label id: the live annotation object, which Cornerstone keeps mutating. */
  const drafts = new Map<string, CornerstoneAnnotation>();
  const settling = new Map<string, ReturnType<typeof setTimeout>>();
  /** Labels drawn or edited in this session: their live annotation and the measurements last seen. */
  const watched = new Map<string, { annotation: CornerstoneAnnotation; measurements: string }>();
  let reportedPending = 0;
  const reportPending = () => {
    if (settling.size === reportedPending) return;
    reportedPending = settling.size;
    options.onPendingChange?.(reportedPending);
  };
  const watch = (labelId: string, annotation: CornerstoneAnnotation) =>
    watched.set(labelId, { annotation, measurements: measurementsKey(annotation) });

  const toShape = (annotation: CornerstoneAnnotation, report: boolean) => {
    const result = annotationToLabelShape(annotation, options.lookupImage);
    if (!result.ok) {
      if (report) options.onProblem?.(`This ${annotation.metadata?.toolName ?? 'annotation'} is not saved as a label: ${result.reason}.`);
      return undefined;
    }
    return result.shape;
  };

  const cancelSettling = (labelId: string) => {
    const pending = settling.get(labelId);
    if (pending !== undefined) timers.clearTimeout(pending);
    settling.delete(labelId);
    pendingEdits.delete(labelId);
    reportPending();
  };

  const onCompleted = (event: Event) => {
    const annotation = annotationOf(event);
    const labelId = annotation?.annotationUID;
    if (!annotation || !labelId || ledger.has(labelId) || drafts.has(labelId)) return;
    const shape = toShape(annotation, true);
    if (!shape) return;
    drafts.set(labelId, annotation);
    options.onDraft(shape);
  };

  const pendingEdits = new Map<string, () => void>();
  const schedule = (labelId: string, annotation: CornerstoneAnnotation) => {
    cancelSettling(labelId);
    const send = () => {
      settling.delete(labelId);
      pendingEdits.delete(labelId);
      const known = ledger.get(labelId);
      const shape = known ? toShape(annotation, false) : undefined;
      const sent = known !== undefined && shape !== undefined && ledger.update(composeLabelSnapshot(shape, termsOf(known)));
      // A label edited in this session is watched from now on (its statistics follow the edit).
      if (sent || watched.has(labelId)) watch(labelId, annotation);
      reportPending();
    };
    pendingEdits.set(labelId, send);
    settling.set(labelId, timers.setTimeout(send, settleMs));
    reportPending();
  };
  const onModified = (event: Event) => {
    const annotation = annotationOf(event);
    const labelId = annotation?.annotationUID;
    if (!annotation || !labelId) return;
    if (drafts.has(labelId)) {
      drafts.set(labelId, annotation);
      return;
    }
    if (!ledger.has(labelId)) return;
    schedule(labelId, annotation);
  };

  /** Measurements of watched labels that changed without an event become edits. */
  const checkMeasurements = () => {
    for (const [labelId, seen] of watched) {
      if (!ledger.has(labelId)) {
        watched.delete(labelId);
        continue;
      }
      if (settling.has(labelId)) continue;
      seen.annotation = options.currentAnnotation?.(labelId) ?? seen.annotation;
      const now = measurementsKey(seen.annotation);
      if (now === seen.measurements) continue;
      seen.measurements = now;
      schedule(labelId, seen.annotation);
    }
  };
  const onRendered = () => {
    if (watched.size > 0) checkMeasurements();
  };

  const onRemoved = (event: Event) => {
    const labelId = annotationOf(event)?.annotationUID;
    if (!labelId) return;
    if (drafts.delete(labelId)) {
      options.onDraftRemoved?.(labelId);
      return;
    }
    watched.delete(labelId);
    cancelSettling(labelId);
    ledger.remove(labelId);
  };

  const { eventTarget, eventNames } = options;
  eventTarget.addEventListener(eventNames.completed, onCompleted);
  eventTarget.addEventListener(eventNames.modified, onModified);
  eventTarget.addEventListener(eventNames.removed, onRemoved);
  const { renderTarget } = options;
  if (renderTarget && eventNames.rendered) renderTarget.addEventListener(eventNames.rendered, onRendered, true);

  return {
    accept(labelId, terms) {
      const annotation = drafts.get(labelId);
      const shape = annotation ? toShape(annotation, true) : undefined;
      drafts.delete(labelId);
      if (!shape || !annotation) return false;
      ledger.create(composeLabelSnapshot(shape, terms));
      watch(labelId, annotation);
      return true;
    },
    discard(labelId) {
      drafts.delete(labelId);
    },
    draftShape(labelId) {
      const annotation = drafts.get(labelId);
      return annotation ? toShape(annotation, false) : undefined;
    },
    flush() {
      checkMeasurements();
      for (const [labelId, send] of [...pendingEdits]) {
        const timer = settling.get(labelId);
        if (timer !== undefined) timers.clearTimeout(timer);
        send();
      }
    },
    pending: () => settling.size,
    stop() {
      eventTarget.removeEventListener(eventNames.completed, onCompleted);
      eventTarget.removeEventListener(eventNames.modified, onModified);
      eventTarget.removeEventListener(eventNames.removed, onRemoved);
      if (renderTarget && eventNames.rendered) renderTarget.removeEventListener(eventNames.rendered, onRendered, true);
      settling.forEach(timer => timers.clearTimeout(timer));
      settling.clear();
      pendingEdits.clear();
      drafts.clear();
      watched.clear();
      reportPending();
    },
  };
}

function annotationOf(event: Event): CornerstoneAnnotation | undefined {
  return (event as CustomEvent<{ annotation?: CornerstoneAnnotation }>).detail?.annotation;
}

/** The statistics Cornerstone has written into an annotation, as a string to compare. */
function measurementsKey(annotation: CornerstoneAnnotation): string {
  return JSON.stringify(readAnnotationMeasurements(annotation));
}
