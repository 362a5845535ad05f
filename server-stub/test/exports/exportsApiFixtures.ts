import { createUuidV7, encodeMaskRuns, type ClientEvent, type LabelSnapshot } from '@readingroom/platform-shim';
import type { FastifyInstance } from 'fastify';
import { loadDemoSource } from './demoSource.js';
import { exportTestSchema } from './exportTestSchema.js';
import { createAnnotationLabels, createClassificationLabels, segmentationLabel, TEST_PROJECT } from './exportTestLabels.js';

/** The demo CT stored, the export test project with its schema, and the study as its case. */
export async function prepareStudy(app: FastifyInstance): Promise<string> {
  const demo = loadDemoSource('ct-chest');
  const stored = await app.dicomStore.storeInstances(demo.files);
  expect(stored.every(r => r.status === 'stored')).toBe(true);
  expect((await app.inject({ method: 'PUT', url: `/api/v1/projects/${TEST_PROJECT}`, payload: { title: 'Export test' } })).statusCode).toBe(201);
  expect((await app.inject({ method: 'POST', url: `/api/v1/projects/${TEST_PROJECT}/schemas`, payload: exportTestSchema })).statusCode).toBe(201);
  expect((await app.inject({ method: 'PUT', url: `/api/v1/projects/${TEST_PROJECT}/studies/${demo.StudyInstanceUID}` })).statusCode).toBe(200);
  return demo.StudyInstanceUID;
}

/** Labels of every kind on the demo CT, segmentations included (two overlapping, one empty). */
export function createStudyLabels(): LabelSnapshot[] {
  const { source } = loadDemoSource('ct-chest');
  return [
    ...createAnnotationLabels(source),
    ...createClassificationLabels(source),
    segmentationLabel(source, [28, 29, 30], { column: 200, row: 220, radius: 9 }, { segmentNumber: 1 }, encodeMaskRuns),
    segmentationLabel(source, [29, 30, 31], { column: 204, row: 222, radius: 7 }, { segmentNumber: 2, findingTypeId: 'vessel', attributes: {} }, encodeMaskRuns),
    segmentationLabel(source, [], { column: 0, row: 0, radius: 0 }, { segmentNumber: 3 }, encodeMaskRuns),
  ];
}

export async function postLabelEvents(app: FastifyInstance, events: ClientEvent[]): Promise<void> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/events', payload: { clientId: '0192f0c8-0000-7000-8000-0000000e4b07', events } });
  expect(response.statusCode).toBe(200);
  const results = response.json().results as Array<{ status: string; reason?: string }>;
  expect(results.filter(r => r.status === 'rejected')).toEqual([]);
}

export const created = (label: LabelSnapshot): ClientEvent => ({ eventId: createUuidV7(), type: 'label.created', occurredAt: new Date().toISOString(), payload: label });
export const removed = (label: LabelSnapshot): ClientEvent => ({
  eventId: createUuidV7(),
  type: 'label.removed',
  occurredAt: new Date().toISOString(),
  payload: { labelId: label.labelId, projectId: label.projectId, StudyInstanceUID: label.StudyInstanceUID },
});

/** The study's current labels as snapshots, in the order of `order` (by label id). */
export async function currentLabels(app: FastifyInstance, StudyInstanceUID: string, order: LabelSnapshot[]): Promise<LabelSnapshot[]> {
  const labels = (await app.inject({ url: `/api/v1/studies/${StudyInstanceUID}/labels?projectId=${TEST_PROJECT}` })).json().labels as Array<Record<string, unknown>>;
  const byId = new Map(labels.map(({ version: _v, contentHash: _h, createdBy: _c, updatedAt: _a, updatedBy: _b, ...snapshot }) => [snapshot.labelId as string, snapshot as unknown as LabelSnapshot]));
  return order.map(label => byId.get(label.labelId)!).filter(Boolean);
}
