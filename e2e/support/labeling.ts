import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export type Fraction = [number, number];

/** Opens a study in the ReadingRoom Labeling mode and waits until the image and our panel are there. */
export async function openInLabelingMode(page: Page, StudyInstanceUID: string) {
  await page.goto(`/labeling?StudyInstanceUIDs=${StudyInstanceUID}`);
  await expect(page.getByTestId('rr-labels-panel')).toBeVisible({ timeout: 90_000 });
  await page.waitForFunction(() => (document.querySelector<HTMLCanvasElement>('canvas.cornerstone-canvas')?.width ?? 0) > 0, null, { timeout: 90_000 });
}

/** Makes a project the one labeled for, once the study's projects are loaded (other tests may add the study to projects of their own). */
export async function chooseProject(page: Page, projectId: string) {
  const project = page.getByTestId('rr-project');
  await expect(project).not.toHaveAttribute('data-project-id', '');
  if ((await project.getAttribute('data-project-id')) !== projectId) await project.locator('select').selectOption(projectId);
  await expect(project).toHaveAttribute('data-project-id', projectId);
}

/** Page coordinates of points given as fractions of the first viewport (OHIF's banner stays below y = 0.9). */
export async function viewportPoints(page: Page, fractions: Fraction[]): Promise<Array<[number, number]>> {
  const box = (await page.locator('canvas.cornerstone-canvas').first().boundingBox())!;
  return fractions.map(([fx, fy]) => [box.x + box.width * fx, box.y + box.height * fy]);
}

/** Presses the mouse at the first point, moves through the others in small steps, releases at the last. */
export async function dragThrough(page: Page, path: Fraction[], stepsPerSegment = 4) {
  const points = await viewportPoints(page, path);
  const [first] = points;
  await page.mouse.move(first![0], first![1]);
  await page.mouse.down();
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    for (let s = 1; s <= stepsPerSegment; s++) await page.mouse.move(x0 + ((x1 - x0) * s) / stepsPerSegment, y0 + ((y1 - y0) * s) / stepsPerSegment);
  }
  await page.mouse.up();
}

export async function clickAt(page: Page, point: Fraction) {
  const [[x, y]] = (await viewportPoints(page, [point])) as [[number, number]];
  await page.mouse.click(x, y);
}

/** A closed loop around a centre, as a freehand contour is drawn. */
export function circlePath([cx, cy]: Fraction, radius: number, points = 12): Fraction[] {
  return Array.from({ length: points + 1 }, (_, i) => [cx + radius * Math.cos((2 * Math.PI * i) / points), cy + radius * Math.sin((2 * Math.PI * i) / points)]);
}

/** Answers the open label picker with keys: e.g. ['1'] chooses the first finding type; strings are typed. */
export async function answerPicker(page: Page, keys: Array<string | { type: string }>) {
  const picker = page.getByTestId('rr-label-picker');
  await expect(picker).toBeVisible();
  for (const key of keys) {
    if (typeof key === 'string') await page.keyboard.press(key);
    else await page.keyboard.type(key.type);
  }
  await expect(picker).toBeHidden();
}

/** Labels of one project of a study as the server holds them, in a stable order. */
export async function fetchProjectLabels(request: APIRequestContext, StudyInstanceUID: string, projectId: string) {
  const response = await request.get(`/api/v1/studies/${StudyInstanceUID}/labels?projectId=${projectId}`);
  expect(response.ok()).toBe(true);
  const { labels } = (await response.json()) as { labels: Array<Record<string, unknown> & { labelId: string }> };
  return labels.sort((a, b) => a.labelId.localeCompare(b.labelId));
}

/** What the viewer shows of the labels: panel rows, Cornerstone3D annotations and our labelmap segments. */
export async function readViewerLabels(page: Page) {
  return page.evaluate(() => {
    type Tools = {
      annotation: { state: { getAllAnnotations(): Array<{ annotationUID: string; metadata: { toolName: string }; data: { handles?: { points?: number[][] }; contour?: { polyline?: number[][] } } }> } };
      segmentation: { state: { getSegmentations(): Array<{ segmentationId: string; segments: Record<string, { label: string } | undefined>; representationData: { Labelmap?: { imageIds?: string[] } } }> } };
    };
    type Core = { cache: { getImage(id: string): { voxelManager?: { getScalarData(): ArrayLike<number> } } | undefined } };
    const w = window as unknown as Record<string, unknown>;
    const tools = (w['@cornerstonejs/tools'] ?? w.cornerstoneTools) as Tools;
    const core = (w['@cornerstonejs/core'] ?? w.cornerstone) as Core;
    const labelTools = ['Probe', 'Length', 'Bidirectional', 'EllipticalROI', 'RectangleROI', 'PlanarFreehandROI'];
    const round = (points: number[][] = []) => points.map(p => p.slice(0, 3).map(v => Math.round(v * 1000) / 1000));
    const annotations = tools.annotation.state
      .getAllAnnotations()
      // Tools that draw labels only (OHIF adds others, e.g. reference lines).
      .filter(a => labelTools.includes(a.metadata.toolName))
      .map(a => ({ annotationUID: a.annotationUID, toolName: a.metadata.toolName, points: round(a.metadata.toolName === 'PlanarFreehandROI' ? a.data.contour?.polyline : a.data.handles?.points) }))
      .sort((a, b) => a.annotationUID.localeCompare(b.annotationUID));
    const segments: Array<{ segmentIndex: number; label: string; voxels: number }> = [];
    for (const segmentation of tools.segmentation.state.getSegmentations().filter(s => s.segmentationId.startsWith('readingroom-'))) {
      const counts = new Map<number, number>();
      for (const imageId of segmentation.representationData.Labelmap?.imageIds ?? []) {
        const pixels = core.cache.getImage(imageId)?.voxelManager?.getScalarData() ?? [];
        for (let i = 0; i < pixels.length; i++) if (pixels[i]) counts.set(pixels[i]!, (counts.get(pixels[i]!) ?? 0) + 1);
      }
      for (const [index, segment] of Object.entries(segmentation.segments)) {
        if (segment) segments.push({ segmentIndex: Number(index), label: segment.label, voxels: counts.get(Number(index)) ?? 0 });
      }
    }
    const rows = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="rr-label-item"]'))
      .map(row => ({
        labelId: row.dataset['labelId']!,
        status: row.dataset['status']!,
        geometry: row.querySelector('[data-testid="rr-label-geometry"]')?.textContent ?? '',
        attributes: row.querySelector('[data-testid="rr-label-attributes"]')?.textContent ?? '',
      }))
      .sort((a, b) => a.labelId.localeCompare(b.labelId));
    return { rows, annotations, segments: segments.sort((a, b) => a.segmentIndex - b.segmentIndex) };
  });
}

/** Pixels inside a stored run-length mask (see the contract's SegmentationGeometry). */
export function countMaskPixels(mask: string): number {
  const bytes = Buffer.from(mask, 'base64');
  let inside = 0;
  for (let i = 1; i * 4 < bytes.length; i += 2) inside += bytes.readUInt32LE(i * 4);
  return inside;
}

/**
 * Everything a labeler's work consists of, from the server and from the viewer, so two moments
 * (before and after a reload, before an export and after an import) can be compared whole.
 */
export async function captureLabelingState(page: Page, request: APIRequestContext, StudyInstanceUID: string, projectId: string) {
  return { server: await fetchProjectLabels(request, StudyInstanceUID, projectId), viewer: await readViewerLabels(page) };
}

/** The labels as a reader knows them, without the server's bookkeeping (versions, times, hashes). */
export function labelContent(labels: Array<Record<string, unknown>>) {
  return labels.map(({ version: _v, contentHash: _h, createdBy: _c, updatedAt: _u, updatedBy: _b, ...snapshot }) => snapshot);
}

/** The instance the first viewport shows, and the annotations Cornerstone3D has selected. */
export async function readViewportFocus(page: Page) {
  return page.evaluate(() => {
    type Viewport = { getCurrentImageId(): string };
    const w = window as unknown as Record<string, unknown>;
    const core = (w['@cornerstonejs/core'] ?? w.cornerstone) as { getRenderingEngines(): Array<{ getViewports(): Viewport[] }>; metaData: { get(type: string, id: string): { SOPInstanceUID?: string } | undefined } };
    const tools = (w['@cornerstonejs/tools'] ?? w.cornerstoneTools) as { annotation: { selection: { getAnnotationsSelected(): string[] } } };
    const imageId = core.getRenderingEngines()[0]?.getViewports()[0]?.getCurrentImageId();
    return { SOPInstanceUID: imageId ? core.metaData.get('instance', imageId)?.SOPInstanceUID : undefined, selected: tools.annotation.selection.getAnnotationsSelected() };
  });
}
