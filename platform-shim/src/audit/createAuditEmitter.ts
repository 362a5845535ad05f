import type { AuditRecord } from '../contract/events.js';
import { createUuidV7 } from '../ids/createUuidV7.js';
import type { EventSender } from '../transport/EventSender.js';

export interface AuditEmitter {
  /** Records that the user opened a study (once per study per viewing session). */
  studyOpened(StudyInstanceUID: string, mode?: string): void;
  /** Forgets which studies were reported, e.g. when the user leaves the mode. */
  reset(): void;
}

/** Turns viewer activity into audit events; the server adds who and when from its own view. */
export function createAuditEmitter(options: { sender: Pick<EventSender, 'send'>; now?: () => Date }): AuditEmitter {
  const now = options.now ?? (() => new Date());
  const opened = new Set<string>();
  const emit = (record: AuditRecord) =>
    void options.sender.send({ eventId: createUuidV7(), type: 'audit', occurredAt: now().toISOString(), payload: record });
  return {
    studyOpened(StudyInstanceUID, mode) {
      if (opened.has(StudyInstanceUID)) return;
      opened.add(StudyInstanceUID);
      emit({ action: 'study.opened', StudyInstanceUID, ...(mode ? { mode } : {}) });
    },
    reset() {
      opened.clear();
    },
  };
}
