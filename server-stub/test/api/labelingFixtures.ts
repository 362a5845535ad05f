import { createUuidV7, type ClientEvent, type LabelSnapshot } from '@readingroom/platform-shim';
import type { FastifyInstance } from 'fastify';
import { lungNodulesCtSchema } from '../../src/demo/schemas/lungNodulesCtSchema.js';

export const PROJECT = 'lung';
export const STUDY = '1.2.826.0.1.3680043.8.498.10';
export const OTHER_STUDY = '1.2.826.0.1.3680043.8.498.20';
export const SERIES = '1.2.826.0.1.3680043.8.498.11';
export const INSTANCE = '1.2.826.0.1.3680043.8.498.12';
export const clientId = '0192f0c8-0000-7000-8000-00000000c11e';
export const schema = lungNodulesCtSchema;

/** A project with the demo lung schema as version 1 and STUDY as its case. */
export async function createLungProject(app: FastifyInstance, projectId = PROJECT, studies = [STUDY]): Promise<void> {
  expect((await app.inject({ method: 'PUT', url: `/api/v1/projects/${projectId}`, payload: { title: 'Lung nodules' } })).statusCode).toBe(201);
  expect((await app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/schemas`, payload: schema })).statusCode).toBe(201);
  for (const study of studies) expect((await app.inject({ method: 'PUT', url: `/api/v1/projects/${projectId}/studies/${study}` })).statusCode).toBe(200);
}

/** A nodule measured with a length on STUDY, as the viewer sends it. */
export function nodule(labelId: string, diameter: number, overrides: Partial<LabelSnapshot> = {}): LabelSnapshot {
  return {
    labelId,
    projectId: PROJECT,
    schemaVersion: 1,
    findingTypeId: 'nodule',
    attributes: { type: 'solid', 'mean-diameter': diameter, lobe: 'rul' },
    status: 'draft',
    scope: 'image',
    StudyInstanceUID: STUDY,
    SeriesInstanceUID: SERIES,
    SOPInstanceUID: INSTANCE,
    geometry: { kind: 'length', toolName: 'Length', points: [[0, 0, 0], [diameter, 0, 0]] },
    ...overrides,
  } as LabelSnapshot;
}

export const at = (seconds: number) => new Date(Date.UTC(2026, 10, 28, 5, 0, seconds)).toISOString();

export function labelEvent(type: 'label.created' | 'label.modified', snapshot: LabelSnapshot, occurredAt: string): ClientEvent {
  return { eventId: createUuidV7(), type, occurredAt, payload: snapshot };
}

export function removedEvent(labelId: string, occurredAt: string, projectId = PROJECT, StudyInstanceUID = STUDY): ClientEvent {
  return { eventId: createUuidV7(), type: 'label.removed', occurredAt, payload: { labelId, projectId, StudyInstanceUID } };
}

export function submittedEvent(occurredAt: string, projectId = PROJECT, StudyInstanceUID = STUDY): ClientEvent {
  return { eventId: createUuidV7(), type: 'case.submitted', occurredAt, payload: { projectId, StudyInstanceUID } };
}

export function timingEvent(startSeconds: number, endSeconds: number, extra: { labelId?: string; findingTypeId?: string; StudyInstanceUID?: string; projectId?: string } = {}): ClientEvent {
  return {
    eventId: createUuidV7(),
    type: 'timing.segment',
    occurredAt: at(endSeconds),
    payload: { projectId: PROJECT, StudyInstanceUID: STUDY, startedAt: at(startSeconds), endedAt: at(endSeconds), activeMs: (endSeconds - startSeconds) * 1000, ...extra },
  };
}

export async function postEvents(app: FastifyInstance, events: unknown[]): Promise<Array<{ eventId: string | null; index: number; status: string; reason?: string }>> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/events', payload: { clientId, events } });
  expect(response.statusCode).toBe(200);
  return response.json().results;
}

export async function studyLabels(app: FastifyInstance, study = STUDY): Promise<Array<LabelSnapshot & { version: number; contentHash: string; createdBy: string }>> {
  return (await app.inject({ url: `/api/v1/studies/${study}/labels` })).json().labels;
}
