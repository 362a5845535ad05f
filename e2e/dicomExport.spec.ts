import type { APIRequestContext } from '@playwright/test';
import { expect, test, type Page } from './support/fixtures';
import { everyGeometrySchema } from './support/everyGeometryProject';
import { captureLabelingState, fetchProjectLabels, labelContent, openInLabelingMode, readViewerLabels } from './support/labeling';
import { labelEveryGeometry } from './support/labelEveryGeometry';
import { findDemoStudy } from './support/viewer';

/** A project of its own (the every-geometry schema), so labels of other specs do not mix in. */
const PROJECT = 'e2e-dicom-export';
/**
 * The prior CT, which no other spec opens: the viewer draws every project's labels of a case, and
 * the exported SR and SEG become series of the study, so neither may reach the other specs' CT.
 */
const STUDY = 'CT CHEST WITHOUT CONTRAST (PRIOR)';

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

/** Points agree within `tolerance` mm: DICOM keeps coordinates as float32 (SCOORD pixels through the image plane, or SCOORD3D). */
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
    await labelEveryGeometry(page);
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
  // A radiologist opens the exported SR in OHIF's stock viewer: every drawn label must be drawn on
  // its image. We write planar labels as SCOORD in the image's pixel coordinates, selected from
  // that image (SCOORD3D only when a label lies on no single image); OHIF's SR viewport is a stack
  // viewport, which draws only annotations that name their image.
  test('displays every drawn label of an exported SR on its image', async ({ page, request }) => {
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
    const position = value('00200032');
    const orientation = value('00200037');
    const [betweenRows, betweenColumns] = value('00280030');
    /** The patient point at the centre of pixel (column, row). */
    const at = (column: number, row: number): [number, number, number] =>
      [0, 1, 2].map(i => position[i]! + column * betweenColumns! * orientation[i]! + row * betweenRows! * orientation[i + 3]!) as [number, number, number];
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
    const uids = labels.map(l => trackingUid(l.labelId)).sort();
    // OHIF names each drawing after its Tracking UID: every group of the SR is there.
    await expect.poll(async () => (await readSrDisplay(page, [])).annotations, { timeout: 90_000 }).toEqual(uids);
    // OHIF's SR viewport opens on the image of the first measurement: slice 32, where all are drawn.
    const expected = labels.map(l => ({ uid: trackingUid(l.labelId), SOPInstanceUID: l.SOPInstanceUID as string, points: l.geometry.points }));
    const want = expected.map(l => ({ uid: l.uid, onItsImage: true, worldGapMm: 0, canvasGapPx: 0 })).sort((a, b) => (a.uid < b.uid ? -1 : 1));
    const rounded = async () => (await readSrDisplay(page, expected)).drawn.map(d => ({ ...d, worldGapMm: d.worldGapMm < 1e-3 ? 0 : d.worldGapMm, canvasGapPx: d.canvasGapPx < 1 ? 0 : d.canvasGapPx }));
    await expect.poll(rounded, { timeout: 30_000 }).toEqual(want);
    await page.screenshot({ path: test.info().outputPath('ohif-displays-readingroom-sr.png') });
  });
});

interface ExpectedDrawing {
  uid: string;
  SOPInstanceUID: string;
  points: number[][];
}

/**
 * What OHIF shows of an SR: the DICOMSRDisplay annotations (by Tracking UID) and, per expected
 * label, whether a viewport shows its image with the annotation drawn there: the largest distance
 * (mm) between the label's points and the points OHIF draws for it, and the largest distance (px)
 * from each label point's place on the canvas to the nearest vertex of a drawn SVG shape.
 */
async function readSrDisplay(page: Page, expected: ExpectedDrawing[]) {
  return page.evaluate(labels => {
    type Point = number[];
    type Annotation = { annotationUID: string; metadata: { toolName: string; referencedImageId?: string }; data: { renderableData?: Record<string, Point[][]> } };
    type Viewport = { element: HTMLElement; getCurrentImageId?(): string; worldToCanvas(p: Point): Point };
    const w = window as unknown as Record<string, { annotation?: { state: { getAllAnnotations(): Annotation[] } }; getEnabledElements?(): Array<{ viewport: Viewport }> }>;
    const tools = w['@cornerstonejs/tools'] ?? w.cornerstoneTools!;
    const core = w['@cornerstonejs/core'] ?? w.cornerstone!;
    const sr = tools.annotation!.state.getAllAnnotations().filter(a => a.metadata.toolName === 'DICOMSRDisplay');
    const distance = (a: Point, b: Point) => Math.hypot(...a.map((v, i) => v - b[i]!));
    const gap = (from: Point[], to: Point[]) => (from.length === 0 || to.length === 0 ? Infinity : Math.max(...from.map(p => Math.min(...to.map(q => distance(p, q))))));
    const number = (e: Element, name: string) => Number(e.getAttribute(name));
    const vertices = (svg: Element): Point[] =>
      Array.from(svg.querySelectorAll('line, polyline, ellipse, circle')).flatMap(e => {
        if (e.tagName === 'line') return [[number(e, 'x1'), number(e, 'y1')], [number(e, 'x2'), number(e, 'y2')]];
        if (e.tagName === 'polyline') {
          const values = (e.getAttribute('points') ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
          return Array.from({ length: Math.floor(values.length / 2) }, (_, i) => values.slice(2 * i, 2 * i + 2));
        }
        const [cx, cy] = [number(e, 'cx'), number(e, 'cy')];
        if (e.tagName === 'circle') return [[cx, cy]];
        const [rx, ry] = [number(e, 'rx'), number(e, 'ry')];
        return [[cx - rx, cy], [cx + rx, cy], [cx, cy - ry], [cx, cy + ry]];
      }).filter(p => p.length === 2 && p.every(Number.isFinite));
    const drawn = labels.map(label => {
      const annotation = sr.find(a => a.annotationUID === label.uid);
      const world = Object.values(annotation?.data.renderableData ?? {}).flat(2);
      const viewport = core.getEnabledElements!().map(e => e.viewport).find(v => v.getCurrentImageId?.()?.includes(label.SOPInstanceUID));
      const onItsImage = !!viewport && !!annotation?.metadata.referencedImageId?.includes(label.SOPInstanceUID);
      const svg = viewport?.element.querySelector('svg.svg-layer');
      const hasTextBox = !!svg?.querySelector(`[data-annotation-uid="${label.uid}"]`);
      const canvas = viewport ? label.points.map(p => viewport.worldToCanvas(p)) : [];
      return {
        uid: label.uid,
        onItsImage: onItsImage && hasTextBox,
        worldGapMm: Math.max(gap(label.points, world), gap(world, label.points)),
        canvasGapPx: svg ? gap(canvas, vertices(svg)) : Infinity,
      };
    });
    return { annotations: [...new Set(sr.map(a => a.annotationUID))].sort(), drawn: drawn.sort((a, b) => (a.uid < b.uid ? -1 : 1)) };
  }, expected);
}
