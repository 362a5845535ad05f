import type { LabelLedger, LabelSnapshot } from '@readingroom/platform-shim';
import { isAnnotationLabel, type AnnotationDrawings } from '../cornerstone/createAnnotationDrawings';
import { isSegmentationLabel, type SegmentationDrawings } from '../cornerstone/segmentation/createSegmentationDrawings';

const RETRY_MS = 1000;
const MAX_RETRIES = 120;

/**
 * Draws labels loaded from the server once the viewer has loaded the series they are on; labels
 * of series not loaded yet wait. Each is known to the ledger before it is drawn, so the events
 * its drawing fires are not sent back as edits. Classifications have nothing to draw.
 */
export function createRestoreQueue(options: {
  ledger: LabelLedger;
  annotations: AnnotationDrawings;
  segmentations: SegmentationDrawings;
  describe: (label: LabelSnapshot) => { title: string; color?: string };
  onProblem: (message: string) => void;
  renderAll: () => void;
}) {
  const pending = new Map<string, LabelSnapshot>();
  let running: Promise<void> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retriesLeft = 0;
  // Counts clear()s: a pass that outlives one stops, and takes away what it drew after it.
  let generation = 0;

  const drawOne = async (label: LabelSnapshot): Promise<boolean> => {
    options.ledger.markKnown(label);
    if (isAnnotationLabel(label)) return options.annotations.draw(label);
    if (isSegmentationLabel(label)) {
      const { title, color } = options.describe(label);
      return options.segmentations.draw(label, title, color);
    }
    return true;
  };

  const undraw = (label: LabelSnapshot) => {
    if (isAnnotationLabel(label)) options.annotations.erase(label.labelId);
    else if (isSegmentationLabel(label)) options.segmentations.erase(label.labelId);
  };

  const drawPending = async () => {
    const pass = generation;
    let drewAny = false;
    for (const [labelId, label] of [...pending]) {
      try {
        const drawn = await drawOne(label);
        if (pass !== generation) {
          // Cleared while drawing (e.g. another project was chosen): not wanted unless added again.
          if (drawn && !pending.has(labelId)) undraw(label);
          return;
        }
        if (!drawn) continue;
        drewAny = true;
      } catch (error) {
        options.onProblem(`A saved ${label.geometry.kind} label could not be drawn: ${(error as Error).message}.`);
      }
      pending.delete(labelId);
    }
    if (drewAny) options.renderAll();
    // Viewports load their series in their own time: look again shortly while labels wait.
    if (pending.size > 0 && retriesLeft > 0 && retryTimer === undefined) {
      retriesLeft--;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void retry();
      }, RETRY_MS);
    }
  };

  const retry = (): Promise<void> => {
    // One pass at a time; a pass asked for meanwhile runs after it.
    running = (running ?? Promise.resolve()).then(drawPending);
    return running;
  };

  return {
    add(labels: LabelSnapshot[]) {
      retriesLeft = MAX_RETRIES;
      for (const label of labels) {
        options.ledger.markKnown(label);
        pending.set(label.labelId, label);
      }
      return retry();
    },
    retry,
    /** A label drawn again by undo: drawn now or when its series loads. */
    redraw(label: LabelSnapshot) {
      retriesLeft = MAX_RETRIES;
      pending.set(label.labelId, label);
      return retry();
    },
    clear() {
      generation++;
      pending.clear();
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
    },
  };
}
