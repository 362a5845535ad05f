import { validateLabelAgainstSchema, type ClientEvent } from '@readingroom/platform-shim';
import { membershipKey } from '../../stores/labeling/createProjectStore.js';
import type { SchemaCache } from './createSchemaCache.js';

export interface RuleContext {
  schemas: SchemaCache;
  /** `membershipKey(projectId, uid)` of the batch's (project, study) pairs that are memberships. */
  memberships: ReadonlySet<string>;
}

/**
 * What the contract's shape cannot say about an event: its project exists, its study belongs
 * to that project, a label fits the schema version it names, a timing segment is a real
 * stretch of time. Answers the reason for rejecting it, or undefined. Reasons name fields and
 * ids, never values that could identify a patient.
 */
export function checkEventRules(event: ClientEvent, context: RuleContext): string | undefined {
  switch (event.type) {
    case 'label.created':
    case 'label.modified': {
      const { projectId, schemaVersion } = event.payload;
      const problem = checkProjectAndStudy(projectId, event.payload.StudyInstanceUID, context);
      if (problem) return problem;
      const schema = context.schemas.get(projectId, schemaVersion);
      if (!schema) return `/payload/schemaVersion: project "${projectId}" has no schema version ${schemaVersion}`;
      const errors = validateLabelAgainstSchema(event.payload, schema);
      return errors.length > 0 ? `does not fit schema version ${schemaVersion} of project "${projectId}": ${errors.map(e => `/payload${e}`).join('; ')}` : undefined;
    }
    case 'label.removed':
      return context.schemas.hasProject(event.payload.projectId) ? undefined : unknownProject(event.payload.projectId);
    case 'case.submitted':
      return checkProjectAndStudy(event.payload.projectId, event.payload.StudyInstanceUID, context);
    case 'timing.segment':
      return checkTimingSegment(event.payload, context);
    case 'audit':
      return undefined;
  }
}

function checkProjectAndStudy(projectId: string, StudyInstanceUID: string, context: RuleContext): string | undefined {
  if (!context.schemas.hasProject(projectId)) return unknownProject(projectId);
  if (!context.memberships.has(membershipKey(projectId, StudyInstanceUID))) return `/payload/StudyInstanceUID: the study is not part of project "${projectId}"`;
  return undefined;
}

function checkTimingSegment(segment: Extract<ClientEvent, { type: 'timing.segment' }>['payload'], context: RuleContext): string | undefined {
  if (segment.projectId !== undefined && !context.schemas.hasProject(segment.projectId)) return unknownProject(segment.projectId);
  const duration = Date.parse(segment.endedAt) - Date.parse(segment.startedAt);
  if (duration < 0) return '/payload/endedAt: a segment ends after it starts';
  // Timestamps may carry sub-millisecond digits that Date.parse drops: allow that rounding.
  if (segment.activeMs > duration + 1) return `/payload/activeMs: ${segment.activeMs} ms is more than the segment lasted (${duration} ms)`;
  return undefined;
}

const unknownProject = (projectId: string) => `/payload/projectId: unknown project "${projectId}"`;
