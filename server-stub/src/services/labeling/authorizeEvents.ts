import type { ClientEvent, SessionUser } from '@readingroom/platform-shim';
import { HttpError } from '../../plugins/errorHandling.js';
import type { Authorize } from './authorize.js';

/**
 * Asks the access seam about each (project, study) the events write labels or timing for, once
 * per pair, and answers the refusal reason by event index. A refused event is rejected on its
 * own (the batch's other events are still stored); the seam records each refusal.
 */
export async function authorizeEvents(events: ReadonlyArray<{ index: number; event: ClientEvent }>, user: SessionUser, authorize: Authorize): Promise<Map<number, string>> {
  const reasons = new Map<string, string | undefined>();
  const refused = new Map<number, string>();
  for (const { index, event } of events) {
    const target = writeTargetOf(event);
    if (!target) continue;
    const key = `${target.projectId} ${target.StudyInstanceUID}`;
    if (!reasons.has(key)) reasons.set(key, await askAuthorize(authorize, user, target));
    const reason = reasons.get(key);
    if (reason !== undefined) refused.set(index, reason);
  }
  return refused;
}

function writeTargetOf(event: ClientEvent): { projectId: string; StudyInstanceUID: string } | undefined {
  if (event.type === 'audit') return undefined;
  const { projectId, StudyInstanceUID } = event.payload;
  return projectId === undefined ? undefined : { projectId, StudyInstanceUID };
}

async function askAuthorize(authorize: Authorize, user: SessionUser, resource: { projectId: string; StudyInstanceUID: string }): Promise<string | undefined> {
  try {
    await authorize(user, 'labels.write', resource);
    return undefined;
  } catch (error) {
    if (error instanceof HttpError && error.statusCode === 403) return error.message;
    throw error;
  }
}
