import { createUuidV7, type EventSender } from '@readingroom/platform-shim';
import type { ActiveStretch } from './createActiveTimer';

/** The case active time belongs to. */
export interface TimingCase {
  StudyInstanceUID: string;
  projectId?: string;
}

const MAX_ACTIVE_MS = 86_400_000;

/** Turns active stretches into `timing.segment` events (label id and finding type when on a label). */
export function createTimingReporter(sender: Pick<EventSender, 'send'>, getCase: () => TimingCase | undefined) {
  return (stretch: ActiveStretch) => {
    const timingCase = getCase();
    const activeMs = Math.min(MAX_ACTIVE_MS, Math.round(stretch.endedAt - stretch.startedAt));
    if (!timingCase || activeMs <= 0) return;
    const endedAt = stretch.startedAt + activeMs;
    void sender.send({
      eventId: createUuidV7(),
      type: 'timing.segment',
      occurredAt: new Date(endedAt).toISOString(),
      payload: {
        StudyInstanceUID: timingCase.StudyInstanceUID,
        ...(timingCase.projectId ? { projectId: timingCase.projectId } : {}),
        ...(stretch.target.kind === 'label' ? { labelId: stretch.target.labelId, findingTypeId: stretch.target.findingTypeId } : {}),
        startedAt: new Date(stretch.startedAt).toISOString(),
        endedAt: new Date(endedAt).toISOString(),
        activeMs,
      },
    });
  };
}
