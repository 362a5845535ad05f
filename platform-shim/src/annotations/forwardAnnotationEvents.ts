import type { LabelSnapshot } from '../contract/labels.js';
import { createUuidV7 } from '../ids/createUuidV7.js';
import type { EventSender } from '../transport/createEventQueue.js';
import { annotationToLabelSnapshot } from './annotationToLabelSnapshot.js';
import type { CornerstoneAnnotation, ImageReference } from './annotationTypes.js';

export type LabelChange =
  | { kind: 'upsert'; snapshot: LabelSnapshot }
  | { kind: 'removed'; labelId: string; StudyInstanceUID: string };

export interface AnnotationForwarderOptions {
  /** cornerstone's `eventTarget`. */
  eventTarget: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** cornerstoneTools.Enums.Events names of the three annotation events. */
  eventNames: { completed: string; modified: string; removed: string };
  lookupImage: (imageId: string) => ImageReference | undefined;
  sender: Pick<EventSender, 'send'>;
  /** Called after a change was handed to the sender, so the UI can show it at once. */
  onChange?: (change: LabelChange) => void;
  /** Called when an annotation cannot become a label, with a reason for the user. */
  onProblem?: (message: string) => void;
  /** Edits arrive as a stream while a handle is dragged; send once it rests this long. */
  settleMs?: number;
  now?: () => Date;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

export interface AnnotationForwarder {
  /** Tells the forwarder a label came from the server (restored), so its later edits are sent. */
  markKnown(snapshot: LabelSnapshot): void;
  stop(): void;
}

/**
 * Forwards annotation-completed, -modified and -removed events from Cornerstone3D to the
 * server as label events. Edits of labels we do not know (still being drawn, or not ours)
 * are ignored; edits that change nothing a reader would see (statistics recomputed to the
 * same values on render) are not sent again.
 */
export function forwardAnnotationEvents(options: AnnotationForwarderOptions): AnnotationForwarder {
  const settleMs = options.settleMs ?? 400;
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? { setTimeout: globalThis.setTimeout.bind(globalThis), clearTimeout: globalThis.clearTimeout.bind(globalThis) };
  const known = new Map<string, { fingerprint: Fingerprint; StudyInstanceUID: string }>();
  const settling = new Map<string, ReturnType<typeof setTimeout>>();

  const emit = (type: 'label.created' | 'label.modified', snapshot: LabelSnapshot) => {
    known.set(snapshot.labelId, { fingerprint: fingerprintOf(snapshot), StudyInstanceUID: snapshot.StudyInstanceUID });
    void options.sender.send({ eventId: createUuidV7(), type, occurredAt: now().toISOString(), payload: snapshot });
    options.onChange?.({ kind: 'upsert', snapshot });
  };

  const toSnapshot = (annotation: CornerstoneAnnotation) => {
    const result = annotationToLabelSnapshot(annotation, options.lookupImage);
    if (!result.ok) {
      options.onProblem?.(`This ${annotation.metadata?.toolName ?? 'annotation'} is not saved as a label: ${result.reason}.`);
      return undefined;
    }
    return result.snapshot;
  };

  const onCompleted = (event: Event) => {
    const annotation = annotationOf(event);
    if (!annotation?.annotationUID || known.has(annotation.annotationUID)) return;
    const snapshot = toSnapshot(annotation);
    if (snapshot) emit('label.created', snapshot);
  };

  const onModified = (event: Event) => {
    const annotation = annotationOf(event);
    const labelId = annotation?.annotationUID;
    if (!annotation || !labelId || !known.has(labelId)) return;
    const pending = settling.get(labelId);
    if (pending !== undefined) timers.clearTimeout(pending);
    settling.set(
      labelId,
      timers.setTimeout(() => {
        settling.delete(labelId);
        const previous = known.get(labelId);
        if (!previous) return;
        const snapshot = toSnapshot(annotation);
        if (snapshot && hasChanged(previous.fingerprint, fingerprintOf(snapshot))) emit('label.modified', snapshot);
      }, settleMs),
    );
  };

  const onRemoved = (event: Event) => {
    const labelId = annotationOf(event)?.annotationUID;
    const previous = labelId ? known.get(labelId) : undefined;
    if (!labelId || !previous) return;
    const pending = settling.get(labelId);
    if (pending !== undefined) timers.clearTimeout(pending);
    settling.delete(labelId);
    known.delete(labelId);
    void options.sender.send({
      eventId: createUuidV7(),
      type: 'label.removed',
      occurredAt: now().toISOString(),
      payload: { labelId, StudyInstanceUID: previous.StudyInstanceUID },
    });
    options.onChange?.({ kind: 'removed', labelId, StudyInstanceUID: previous.StudyInstanceUID });
  };

  const { eventTarget, eventNames } = options;
  eventTarget.addEventListener(eventNames.completed, onCompleted);
  eventTarget.addEventListener(eventNames.modified, onModified);
  eventTarget.addEventListener(eventNames.removed, onRemoved);

  return {
    markKnown(snapshot) {
      known.set(snapshot.labelId, { fingerprint: fingerprintOf(snapshot), StudyInstanceUID: snapshot.StudyInstanceUID });
    },
    stop() {
      eventTarget.removeEventListener(eventNames.completed, onCompleted);
      eventTarget.removeEventListener(eventNames.modified, onModified);
      eventTarget.removeEventListener(eventNames.removed, onRemoved);
      settling.forEach(timer => timers.clearTimeout(timer));
      settling.clear();
    },
  };
}

function annotationOf(event: Event): CornerstoneAnnotation | undefined {
  return (event as CustomEvent<{ annotation?: CornerstoneAnnotation }>).detail?.annotation;
}

interface Fingerprint {
  /** Where and what: image, geometry (to 1 µm) and text. */
  shape: string;
  /** Measurements to 4 significant digits; '' while Cornerstone has not computed them. */
  measurements: string;
}

function fingerprintOf(snapshot: LabelSnapshot): Fingerprint {
  const points = snapshot.geometry.points.map(p => p.map(v => Math.round(v * 1000)).join(','));
  const measurements = (snapshot.measurements ?? []).map(m => `${m.name}=${m.value.toPrecision(4)}${m.unit}`);
  return {
    shape: `${snapshot.SOPInstanceUID}|${snapshot.frameNumber ?? ''}|${points.join(';')}|${snapshot.text ?? ''}`,
    measurements: measurements.join(','),
  };
}

/**
 * A change a reader would see. Measurements count because Cornerstone may complete an annotation
 * before its last statistics update; missing measurements do not, because a redrawn annotation
 * has none until its first render computes them.
 */
function hasChanged(previous: Fingerprint, next: Fingerprint): boolean {
  if (previous.shape !== next.shape) return true;
  return next.measurements !== '' && next.measurements !== previous.measurements;
}
