import type { LabelLedger } from './createLabelLedger.js';
import { composeLabelSnapshot, termsOf, type LabelShape } from './labelParts.js';

/** One segment of a labelmap as the viewer reads it after an edit. */
export interface SegmentReading {
  segmentationId: string;
  segmentIndex: number;
  /** The label the segment is, once the labeler named it. */
  labelId?: string;
  /** Its masks frame by frame; undefined when the segment cannot be read (with `problem`). */
  shape?: LabelShape;
  problem?: string;
}

export interface SegmentationForwarderOptions {
  /** cornerstone's `eventTarget`. */
  eventTarget: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** cornerstoneTools.Enums.Events.SEGMENTATION_DATA_MODIFIED. */
  eventName: string;
  ledger: LabelLedger;
  /** Reads every segment of a segmentation (Cornerstone glue: labelmap pixels → run-length masks). */
  readSegments: (segmentationId: string) => SegmentReading[];
  /** A painted segment that is not a label yet: the UI asks what it is. */
  onUnlabeledSegment: (reading: SegmentReading & { shape: LabelShape }) => void;
  onProblem?: (message: string) => void;
  /** A brush stroke modifies the labelmap many times a second; read it once the stroke rests this long. */
  settleMs?: number;
  /** How many segmentations have edits settling (not read and sent yet), whenever that changes. */
  onPendingChange?: (count: number) => void;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

export interface SegmentationForwarder {
  /** Reads and sends a segmentation's pending edits now (before submitting, leaving the case). */
  flush(): void;
  /** Segmentations whose edits are settling now. */
  pending(): number;
  stop(): void;
}

/**
 * Turns labelmap edits (brush, eraser, threshold) into label events: once painting rests, every
 * segment that is a label and changed is sent as label.modified, and a painted segment that is
 * not a label yet is handed to the UI to be named.
 */
export function forwardSegmentationEvents(options: SegmentationForwarderOptions): SegmentationForwarder {
  const settleMs = options.settleMs ?? 500;
  const timers = options.timers ?? { setTimeout: globalThis.setTimeout.bind(globalThis), clearTimeout: globalThis.clearTimeout.bind(globalThis) };
  const settling = new Map<string, ReturnType<typeof setTimeout>>();
  let reportedPending = 0;
  const reportPending = () => {
    if (settling.size === reportedPending) return;
    reportedPending = settling.size;
    options.onPendingChange?.(reportedPending);
  };

  const read = (segmentationId: string) => {
    settling.delete(segmentationId);
    try {
      readNow(segmentationId);
    } finally {
      reportPending();
    }
  };
  const readNow = (segmentationId: string) => {
    for (const reading of options.readSegments(segmentationId)) {
      if (!reading.shape) {
        if (reading.problem) options.onProblem?.(`Segment ${reading.segmentIndex} is not saved: ${reading.problem}.`);
        continue;
      }
      const known = reading.labelId ? options.ledger.get(reading.labelId) : undefined;
      if (known) options.ledger.update(composeLabelSnapshot(reading.shape, termsOf(known)));
      else if (!reading.labelId && hasPaint(reading.shape)) options.onUnlabeledSegment({ ...reading, shape: reading.shape });
    }
  };

  const onModified = (event: Event) => {
    const segmentationId = (event as CustomEvent<{ segmentationId?: string }>).detail?.segmentationId;
    if (!segmentationId) return;
    const pending = settling.get(segmentationId);
    if (pending !== undefined) timers.clearTimeout(pending);
    settling.set(segmentationId, timers.setTimeout(() => read(segmentationId), settleMs));
    reportPending();
  };

  options.eventTarget.addEventListener(options.eventName, onModified);
  return {
    flush() {
      for (const [segmentationId, timer] of [...settling]) {
        timers.clearTimeout(timer);
        read(segmentationId);
      }
    },
    pending: () => settling.size,
    stop() {
      options.eventTarget.removeEventListener(options.eventName, onModified);
      settling.forEach(timer => timers.clearTimeout(timer));
      settling.clear();
      reportPending();
    },
  };
}

function hasPaint(shape: LabelShape): boolean {
  return shape.geometry.kind === 'segmentation' && shape.geometry.frames.length > 0;
}
