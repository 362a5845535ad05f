import type { AuditRecord } from '../contract/events.js';
import { createUuidV7 } from '../ids/createUuidV7.js';
import type { EventSender } from '../transport/EventSender.js';

/** A series the viewer shows (a display set in a viewport). */
export interface DisplayedSeries {
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
}

export interface AuditEmitter {
  /** Records that the user opened a study (once per study per viewing session). */
  studyOpened(StudyInstanceUID: string, mode?: string): void;
  /**
   * Records the series the viewer now shows: one `series.displayed` per series per viewing
   * session, however often the viewports show it again. Pass every series currently shown.
   */
  seriesDisplayed(series: readonly DisplayedSeries[], mode?: string): void;
  /** Forgets which studies and series were reported, e.g. when the user leaves the mode. */
  reset(): void;
}

/** Turns viewer activity into audit events; the server adds who and when from its own view. */
export function createAuditEmitter(options: { sender: Pick<EventSender, 'send'>; now?: () => Date }): AuditEmitter {
  const now = options.now ?? (() => new Date());
  const opened = new Set<string>();
  const displayed = new Set<string>();
  const emit = (record: AuditRecord) =>
    void options.sender.send({ eventId: createUuidV7(), type: 'audit', occurredAt: now().toISOString(), payload: record });
  return {
    studyOpened(StudyInstanceUID, mode) {
      if (opened.has(StudyInstanceUID)) return;
      opened.add(StudyInstanceUID);
      emit({ action: 'study.opened', StudyInstanceUID, ...(mode ? { mode } : {}) });
    },
    seriesDisplayed(series, mode) {
      for (const { StudyInstanceUID, SeriesInstanceUID } of series) {
        if (!StudyInstanceUID || !SeriesInstanceUID) continue;
        const key = `${StudyInstanceUID}/${SeriesInstanceUID}`;
        if (displayed.has(key)) continue;
        displayed.add(key);
        emit({ action: 'series.displayed', StudyInstanceUID, SeriesInstanceUID, ...(mode ? { mode } : {}) });
      }
    },
    reset() {
      opened.clear();
      displayed.clear();
    },
  };
}
