import type { APIRequestContext } from '@playwright/test';
import { expect, test, type Page } from './support/fixtures';
import { everyGeometrySchema } from './support/everyGeometryProject';
import { answerPicker, captureLabelingState, circlePath, clickAt, dragThrough, fetchProjectLabels, labelContent, openInLabelingMode, readViewerLabels } from './support/labeling';
import { findDemoStudy } from './support/viewer';

/** A project of its own (the every-geometry schema), so labels of other specs do not mix in. */
const PROJECT = 'e2e-dicom-export';
/**
 * The prior CT, which no other spec opens: the viewer draws every project's labels of a case, and
 * the exported SR and SEG become series of the study, so neither may reach the other specs' CT.
 */
const STUDY = 'CT CHEST WITHOUT CONTRAST (PRIOR)';
const SMOOTH_LESION = ['1', '1', 'Enter'];

async function createProject(request: APIRequestContext, StudyInstanceUID: string) {
  const base = `/api/v1/projects/${PROJECT}`;
  expect((await request.put(base, { data: { title: 'DICOM export (E2E)' } })).ok()).toBe(true);
  expect((await request.post(`${base}/schemas`, { data: everyGeometrySchema })).status()).toBe(201);
  expect((await request.put(`${base}/studies/${StudyInstanceUID}`)).ok()).toBe(true);
}

async function waitUntilSaved(page: Page) {
  await expect(page.getByTestId('rr-sync-status')).toHaveAttribute('data-state', 'synced');
}

type Points = number[][];

/** Labels without their points (compared exactly) and the points apart (compared within a tolerance). */
function splitPoints(labels: Array<Record<string, unknown>>): { content: unknown[]; points: Array<Points | undefined> } {
  const content = labelContent(labels).map(label => {
    const { points: _points, ...geometry } = label.geometry as { points?: Points };
    return { ...label, geometry };
  });
  return { content, points: labels.map(label => (label.geometry as { points?: Points }).points) };
}

/** Points agree within `tolerance` mm: DICOM keeps patient coordinates as float32 (SCOORD3D). */
function expectPointsClose(actual: Array<Points | undefined>, expected: Array<Points | undefined>, tolerance: number) {
  expect(actual.map(p => p?.length)).toEqual(expected.map(p => p?.length));
  actual.forEach((points, i) => points?.forEach((point, j) => point.forEach((v, axis) => expect(Math.abs(v - expected[i]![j]![axis]!)).toBeLessThanOrEqual(tolerance))));
}

async function runExport(page: Page, button: 'rr-export-sr' | 'rr-export-seg') {
  await page.getByTestId(button).focus();
  await page.keyboard.press('Enter');
  const status = page.getByTestId('rr-export-status');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  return (await status.textContent()) ?? '';
}

test.describe('DICOM export and import in the labeling mode', () => {
  test('export SR and SEG, clear the labels, load them back from DICOM: the same labels', async ({ page, request, consoleErrors }) => {
    test.setTimeout(360_000);
    const ct = await findDemoStudy(request, STUDY);
    await createProject(request, ct);
    await openInLabelingMode(page, `${ct}&projectId=${PROJECT}`);
    await expect(page.getByTestId('rr-project')).toHaveAttribute('data-project-id', PROJECT);

    // Labels of every kind, drawn and named by keyboard: point, length, bidirectional, ellipse,
    // rectangle, freehand, a brush segmentation, a study- and a series-level classification.
    await page.keyboard.press('p');
    await clickAt(page, [0.3, 0.3]);
    await answerPicker(page, SMOOTH_LESION);
    const drawn: Array<[string, Array<[number, number]>]> = [
      ['d', [[0.22, 0.45], [0.32, 0.5]]],
      ['x', [[0.6, 0.38], [0.7, 0.44]]],
      ['o', [[0.62, 0.55], [0.7, 0.62]]],
      ['q', [[0.22, 0.6], [0.3, 0.68]]],
      ['f', circlePath([0.5, 0.27], 0.04)],
      ['s', [[0.44, 0.78], [0.5, 0.79]]],
    ];
    for (const [key, path] of drawn) {
      await page.keyboard.press(key);
      await dragThrough(page, path, key === 's' ? 1 : 4);
      await answerPicker(page, SMOOTH_LESION);
    }
    await page.keyboard.press('k');
    await answerPicker(page, ['1', '2', 'Enter']);
    await page.keyboard.press('k');
    await answerPicker(page, ['2']);
    await expect(page.getByTestId('rr-label-count')).toHaveText('9');
    await expect.poll(async () => (await fetchProjectLabels(request, ct, PROJECT)).length).toBe(9);
    await waitUntilSaved(page);
    const before = await captureLabelingState(page, request, ct, PROJECT);

    // Export SR and SEG from the panel, by keyboard; both are stored by the server.
    expect(await runExport(page, 'rr-export-sr')).toContain('SR with 8 labels: ReadingRoom ✓');
    expect(await runExport(page, 'rr-export-seg')).toContain('SEG with 1 label: ReadingRoom ✓');
    const series = await (await request.get(`/dicomweb/studies/${ct}/series`, { headers: { accept: 'application/dicom+json' } })).json();
    expect(series.map((s: Record<string, { Value: string[] }>) => s['00080060']!.Value[0])).toEqual(expect.arrayContaining(['SR', 'SEG']));

    // Clear the labels: removed on the server, gone from the viewer after reopening the case.
    const removed = before.server.map(label => ({ eventId: crypto.randomUUID(), type: 'label.removed', occurredAt: new Date().toISOString(), payload: { labelId: label.labelId, projectId: PROJECT, StudyInstanceUID: ct } }));
    const removal = await request.post('/api/v1/events', { data: { clientId: crypto.randomUUID(), events: removed } });
    expect((await removal.json()).results.map((r: { status: string }) => r.status)).toEqual(removed.map(() => 'stored'));
    await page.reload();
    await expect(page.getByTestId('rr-panel-section-dicom')).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId('rr-label-count')).toHaveText('0', { timeout: 60_000 });

    // Load from DICOM (by keyboard): the labels come back through ingest and are shown at once.
    await page.getByTestId('rr-import-dicom').focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('rr-export-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('rr-export-status')).toHaveText('Loaded 9 labels from 2 DICOM objects: 9 new, 0 changed, 0 unchanged.');
    await expect(page.getByTestId('rr-label-count')).toHaveText('9');
    await expect.poll(async () => (await readViewerLabels(page)).annotations.length).toBe(6);
    await expect.poll(async () => (await readViewerLabels(page)).segments.find(s => s.voxels > 0)?.voxels ?? 0).toBeGreaterThan(0);
    await waitUntilSaved(page);
    const after = await captureLabelingState(page, request, ct, PROJECT);

    const [was, is] = [splitPoints(before.server), splitPoints(after.server)];
    expect(is.content).toEqual(was.content);
    expectPointsClose(is.points, was.points, 1e-3);
    expect(after.viewer.rows).toEqual(before.viewer.rows);
    expect(after.viewer.annotations.map(a => ({ ...a, points: [] }))).toEqual(before.viewer.annotations.map(a => ({ ...a, points: [] })));
    expectPointsClose(after.viewer.annotations.map(a => a.points), before.viewer.annotations.map(a => a.points), 2e-3);
    expect(after.viewer.segments.map(s => s.voxels)).toEqual(before.viewer.segments.map(s => s.voxels));
    expect(consoleErrors.filter(e => e.includes('ReadingRoom'))).toEqual([]);
  });
});

/** The 2.25 UID a label id becomes as a DICOM Tracking UID (and OHIF's annotation UID of it). */
const trackingUid = (labelId: string) => `2.25.${BigInt(`0x${labelId.replace(/-/g, '')}`).toString(10)}`;

test.describe("OHIF's own SR viewer", () => {
  // Known gap: OHIF reads every measurement group of our SR (the first check passes: one
  // DICOMSRDisplay annotation per label) but does not draw SCOORD3D groups in its SR viewport,
  // a stack viewport: isReferenceViewable() is falsy for a reference with a plane restriction and
  // no referencedImageId (seen on 3.13.2 with the slice shown and the focal point on its plane).
  test.fixme('displays every drawn label of an exported SR on its image', async ({ page, request }) => {
    test.setTimeout(300_000);
    const ct = await findDemoStudy(request, STUDY);
    const project = 'e2e-sr-display';
    const base = `/api/v1/projects/${project}`;
    expect((await request.put(base, { data: { title: 'SR display (E2E)' } })).ok()).toBe(true);
    expect((await request.post(`${base}/schemas`, { data: everyGeometrySchema })).status()).toBe(201);
    expect((await request.put(`${base}/studies/${ct}`)).ok()).toBe(true);

    // Labels of each drawn kind on slice 32, in patient coordinates from the slice's own geometry.
    const metadata = await (await request.get(`/dicomweb/studies/${ct}/metadata`, { headers: { accept: 'application/dicom+json' } })).json();
    const slice = metadata.find((m: Record<string, { Value: unknown[] }>) => m['00200013']!.Value[0] === 32);
    const value = (tag: string) => slice[tag].Value as number[];
    const [x0, y0, z] = value('00200032');
    const [spacing] = value('00280030');
    const at = (column: number, row: number): [number, number, number] => [x0! + column * spacing!, y0! + row * spacing!, z!];
    const shapes: Array<[string, string, Array<[number, number, number]>, boolean?]> = [
      ['point', 'Probe', [at(150, 150)]],
      ['length', 'Length', [at(120, 200), at(180, 230)]],
      ['bidirectional', 'Bidirectional', [at(300, 150), at(360, 170), at(325, 172), at(335, 148)]],
      ['ellipse', 'EllipticalROI', [at(330, 290), at(330, 330), at(310, 310), at(350, 310)]],
      ['rectangle', 'RectangleROI', [at(120, 300), at(170, 300), at(120, 340), at(170, 340)]],
      ['freehand', 'PlanarFreehandROI', [at(230, 90), at(260, 95), at(255, 120), at(228, 115)], true],
    ];
    const labels = shapes.map(([kind, toolName, points, closed]) => ({
      labelId: crypto.randomUUID(),
      projectId: project,
      schemaVersion: 1,
      findingTypeId: 'lesion',
      attributes: { margin: 'smooth' },
      status: 'draft',
      scope: 'image',
      StudyInstanceUID: ct,
      SeriesInstanceUID: slice['0020000E'].Value[0],
      SOPInstanceUID: slice['00080018'].Value[0],
      FrameOfReferenceUID: slice['00200052'].Value[0],
      geometry: { kind, toolName, points, ...(closed ? { closed } : {}) },
    }));
    const events = labels.map(payload => ({ eventId: crypto.randomUUID(), type: 'label.created', occurredAt: new Date().toISOString(), payload }));
    const ingest = await request.post('/api/v1/events', { data: { clientId: crypto.randomUUID(), events } });
    expect((await ingest.json()).results.map((r: { status: string }) => r.status)).toEqual(events.map(() => 'stored'));
    const exported = await (await request.post(`/api/v1/studies/${ct}/exports`, { data: { projectId: project, formats: ['sr'] } })).json();
    expect(exported.instances).toHaveLength(1);

    // The stock basic viewer lists the SR with the study; opening it draws its groups on the CT.
    await page.goto(`/basic?StudyInstanceUIDs=${ct}`);
    const thumbnail = page.getByText(`ReadingRoom labels (${project})`).first();
    await expect(thumbnail).toBeVisible({ timeout: 90_000 });
    await thumbnail.dblclick();
    const shown = async () =>
      page.evaluate(() => {
        const w = window as unknown as Record<string, { annotation: { state: { getAllAnnotations(): Array<{ annotationUID: string; metadata: { toolName: string } }> } } }>;
        const tools = w['@cornerstonejs/tools'] ?? w.cornerstoneTools!;
        const uids = tools.annotation.state.getAllAnnotations().filter(a => a.metadata.toolName === 'DICOMSRDisplay').map(a => a.annotationUID);
        return [...new Set(uids)].sort();
      });
    // OHIF names each drawing after its Tracking UID: every group of the SR is there.
    await expect.poll(shown, { timeout: 90_000 }).toEqual(labels.map(l => trackingUid(l.labelId)).sort());
    // ... and drawn on their slice once the viewport shows it.
    await page.evaluate(async SOPInstanceUID => {
      type Viewport = { getImageIds?(): string[]; setImageIdIndex(i: number): Promise<unknown>; render(): void };
      const w = window as unknown as Record<string, { getEnabledElements(): Array<{ viewport: Viewport }> }>;
      const core = w['@cornerstonejs/core'] ?? w.cornerstone!;
      for (const { viewport } of core.getEnabledElements()) {
        const index = viewport.getImageIds?.().findIndex(id => id.includes(SOPInstanceUID)) ?? -1;
        if (index >= 0) await viewport.setImageIdIndex(index);
        viewport.render();
      }
    }, labels[0]!.SOPInstanceUID);
    const drawn = async () => page.evaluate(() => [...new Set(Array.from(document.querySelectorAll('svg [data-annotation-uid]')).map(e => e.getAttribute('data-annotation-uid')))].sort());
    await expect.poll(drawn, { timeout: 30_000 }).toEqual(labels.map(l => trackingUid(l.labelId)).sort());
    await page.screenshot({ path: test.info().outputPath('ohif-displays-readingroom-sr.png') });
  });
});
