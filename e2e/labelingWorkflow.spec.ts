import { expect, test, type Page } from './support/fixtures';
import { EVERY_GEOMETRY_PROJECT, createEveryGeometryProject } from './support/everyGeometryProject';
import {
  answerPicker,
  captureLabelingState,
  chooseProject,
  countMaskPixels,
  dragThrough,
  fetchProjectLabels,
  labelContent,
  openInLabelingMode,
  readViewerLabels,
  readViewportFocus,
} from './support/labeling';
import { readShownSeries, readStudyTrail } from './support/auditTrail';
import { labelEveryGeometry } from './support/labelEveryGeometry';
import { findDemoStudy } from './support/viewer';

/** The demo project the demo CT is in (labeling.spec labels it there). */
const LUNG_PROJECT = 'lung-nodules-ct';

async function waitUntilSaved(page: Page) {
  await expect(page.getByTestId('rr-sync-status')).toHaveAttribute('data-state', 'synced');
}

/** Blurs the window for a while; returns the page-clock interval during which it had no focus. */
async function blurWindowFor(page: Page, ms: number) {
  const from = await page.evaluate(() => {
    window.dispatchEvent(new Event('blur'));
    return Date.now();
  });
  // Pointer movement over a blurred window is not activity.
  await page.mouse.move(500, 400);
  await page.mouse.move(600, 450);
  await page.waitForTimeout(ms);
  const to = await page.evaluate(() => {
    const at = Date.now();
    window.dispatchEvent(new Event('focus'));
    return at;
  });
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

test.describe('labeling workflow on the demo CT', () => {
  test('every geometry and a classification by keyboard, edit, delete and undo, submit, reload: the same labels from the server; honest timing', async ({ page, request, consoleErrors }) => {
    test.setTimeout(360_000);
    const ct = await findDemoStudy(request, 'CT CHEST WITHOUT CONTRAST');
    await createEveryGeometryProject(request, ct);
    await openInLabelingMode(page, `${ct}&projectId=${EVERY_GEOMETRY_PROJECT}`);
    await expect(page.getByTestId('rr-project')).toHaveAttribute('data-project-id', EVERY_GEOMETRY_PROJECT);
    // Audit: the ledger's trail of the study has series.displayed for each series the viewer shows.
    await expect.poll(() => readShownSeries(page)).not.toEqual([]);
    const shown = await readShownSeries(page);
    const displayedSeries = async () => (await readStudyTrail(request, ct)).filter(r => r.kind === 'series.displayed').map(r => r.subject.SeriesInstanceUID);
    await expect.poll(displayedSeries).toEqual(expect.arrayContaining(shown));
    // The schema allows every geometry: every labeling tool is offered.
    for (const tool of ['Point', 'Length', 'Bidirectional', 'Ellipse', 'Rectangle', 'Freehand', 'Brush', 'Eraser', 'Threshold', 'Classify']) {
      await expect(page.locator(`[data-cy="ReadingRoom${tool === 'Threshold' ? 'Threshold' : tool}"]`)).toBeVisible();
    }

    // Esc in the picker removes what was drawn: nothing is left unlabeled, nothing reaches the server.
    await page.keyboard.press('d');
    await dragThrough(page, [[0.4, 0.4], [0.45, 0.42]]);
    await answerPicker(page, ['Escape']);
    await expect.poll(async () => (await readViewerLabels(page)).annotations.length).toBe(0);

    // One label of each geometry, each named in the picker by keyboard.
    await labelEveryGeometry(page);
    await expect(page.getByTestId('rr-label-count')).toHaveText('9');
    await expect.poll(async () => (await fetchProjectLabels(request, ct, EVERY_GEOMETRY_PROJECT)).length).toBe(9);

    let labels = await fetchProjectLabels(request, ct, EVERY_GEOMETRY_PROJECT);
    const kindOf = (l: Record<string, unknown>) => (l.geometry as { kind: string }).kind + (l.scope === 'image' ? '' : `@${l.scope}`);
    expect(labels.map(kindOf).sort()).toEqual(
      ['bidirectional', 'classification@series', 'classification@study', 'ellipse', 'freehand', 'length', 'point', 'rectangle', 'segmentation@series'].sort(),
    );
    expect(labels.filter(l => l.findingTypeId === 'lesion').every(l => (l.attributes as Record<string, unknown>).margin === 'smooth')).toBe(true);
    expect(labels.find(l => l.findingTypeId === 'image-quality')!.attributes).toEqual({ quality: 'limited' });
    const byKind = (kind: string) => labels.find(l => kindOf(l) === kind)!;

    // Jump to image: scroll the viewport away (OHIF's ↓), then Space on a label brings its image back and selects it.
    const point = byKind('point');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await readViewportFocus(page)).SOPInstanceUID).not.toBe(point.SOPInstanceUID);
    await page.keyboard.press('m');
    await page.keyboard.press('Home');
    await page.keyboard.press(' ');
    await expect.poll(() => readViewportFocus(page)).toEqual({ SOPInstanceUID: point.SOPInstanceUID, selected: [point.labelId] });

    // Edit an attribute from the list: Home, ↓ to the length; Enter opens the picker on its attributes.
    await expect(page.getByTestId('rr-label-list')).toBeFocused();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await expect(page.locator(`[data-label-id="${byKind('length').labelId}"]`)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await answerPicker(page, ['2', 'Enter']);
    await expect(page.getByTestId('rr-label-list')).toBeFocused();
    await expect.poll(async () => byKindIn(await fetchProjectLabels(request, ct, EVERY_GEOMETRY_PROJECT), 'length').attributes).toEqual({ margin: 'spiculated' });

    // Delete the rectangle and bring it back with Ctrl+Z while the undo is offered.
    const rectangle = byKind('rectangle');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await expect(page.locator(`[data-label-id="${rectangle.labelId}"]`)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('rr-undo-bar')).toBeVisible();
    await expect(page.getByTestId('rr-label-count')).toHaveText('8');
    const serverLabelIds = async () => (await fetchProjectLabels(request, ct, EVERY_GEOMETRY_PROJECT)).map(l => l.labelId);
    await expect.poll(serverLabelIds).not.toContain(rectangle.labelId);
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('rr-label-count')).toHaveText('9');
    await expect(page.getByTestId('rr-undo-bar')).toBeHidden();
    await expect.poll(serverLabelIds).toContain(rectangle.labelId);

    labels = await fetchProjectLabels(request, ct, EVERY_GEOMETRY_PROJECT);
    expect(byKindIn(labels, 'length').attributes).toEqual({ margin: 'spiculated' });
    expect(labelContent([byKindIn(labels, 'rectangle')])).toEqual(labelContent([rectangle]));

    // A blurred window counts no time (this also closes the running stretch, so it is reported).
    const blurred = await blurWindowFor(page, 2500);

    // Submit: every label becomes submitted; this project has no other case.
    await page.getByTestId('rr-submit-case').click();
    await expect(page.getByTestId('rr-submission')).toHaveAttribute('data-state', 'submitted');
    await expect(page.getByTestId('rr-case-status')).toHaveAttribute('data-submitted', '9');
    await waitUntilSaved(page);

    const before = await captureLabelingState(page, request, ct, EVERY_GEOMETRY_PROJECT);
    expect(before.server.every(l => l.status === 'submitted')).toBe(true);

    await page.reload();
    await expect(page.getByTestId('rr-label-count')).toHaveText('9', { timeout: 60_000 });
    await expect.poll(async () => (await readViewerLabels(page)).annotations.length).toBe(6);
    await expect.poll(async () => (await readViewerLabels(page)).segments.find(s => s.voxels > 0)?.voxels ?? 0).toBeGreaterThan(0);
    await page.waitForTimeout(1500); // let restored annotations render and recompute their statistics
    await waitUntilSaved(page);
    const after = await captureLabelingState(page, request, ct, EVERY_GEOMETRY_PROJECT);

    // The server state did not change by reopening (no version, hash or time moved) and the viewer shows it all again.
    expect(after.server).toEqual(before.server);
    expect(after.viewer.rows).toEqual(before.viewer.rows);
    expect(after.viewer.annotations).toEqual(before.viewer.annotations);
    expect(after.viewer.segments.map(s => s.voxels)).toEqual(before.viewer.segments.map(s => s.voxels));
    // ... and it is what the server stored: every annotation exactly where its label says, the mask pixel for pixel.
    for (const annotation of after.viewer.annotations) {
      const label = after.server.find(l => l.labelId === annotation.annotationUID)!;
      const points = (label.geometry as { points: number[][] }).points.map(p => p.map(v => Math.round(v * 1000) / 1000));
      expect(annotation.points).toEqual(points);
    }
    const segmentation = byKindIn(after.server, 'segmentation@series').geometry as { segmentNumber: number; frames: Array<{ mask: string }> };
    const painted = segmentation.frames.reduce((sum, f) => sum + countMaskPixels(f.mask), 0);
    expect(after.viewer.segments.find(s => s.segmentIndex === segmentation.segmentNumber)?.voxels).toBe(painted);

    // Timing: every label has active time; nothing was counted while the window was blurred.
    const report = await (await request.get(`/api/v1/reports/timing?projectId=${EVERY_GEOMETRY_PROJECT}`)).json();
    const caseTiming = report.labelers[0].cases.find((c: { StudyInstanceUID: string }) => c.StudyInstanceUID === ct);
    for (const label of after.server) {
      expect(caseTiming.byLabel.find((t: { labelId: string }) => t.labelId === label.labelId)?.activeMs ?? 0).toBeGreaterThan(0);
    }
    const duringBlur = await (await request.get(`/api/v1/reports/timing?projectId=${EVERY_GEOMETRY_PROJECT}&from=${blurred.from}&to=${blurred.to}`)).json();
    expect(duringBlur.labelers.reduce((sum: number, l: { activeMs: number }) => sum + l.activeMs, 0)).toBe(0);

    // Only the chosen project's labels are drawn: choosing the demo project (where labeling.spec saved a
    // label on this CT) swaps the drawings for its labels, and back; taking drawings off sends nothing.
    const lungBefore = await fetchProjectLabels(request, ct, LUNG_PROJECT);
    const drawnOf = (labels: Array<Record<string, unknown>>, kinds: string[]) => labels.filter(l => kinds.includes((l.geometry as { kind: string }).kind));
    const viewerDrawings = async () => {
      const { annotations, segments } = await readViewerLabels(page);
      return { annotations: annotations.map(a => a.annotationUID), segments: segments.filter(s => s.voxels > 0).length };
    };
    const lungDrawings = {
      annotations: drawnOf(lungBefore, ['point', 'length', 'bidirectional', 'ellipse', 'rectangle', 'freehand']).map(l => l.labelId as string).sort((a, b) => a.localeCompare(b)),
      segments: drawnOf(lungBefore, ['segmentation']).length,
    };
    await chooseProject(page, LUNG_PROJECT);
    await expect(page.getByTestId('rr-label-count')).toHaveText(String(lungBefore.length));
    await expect.poll(viewerDrawings).toEqual(lungDrawings);
    await chooseProject(page, EVERY_GEOMETRY_PROJECT);
    await expect.poll(viewerDrawings).toEqual({ annotations: after.viewer.annotations.map(a => a.annotationUID), segments: 1 });
    await waitUntilSaved(page);
    expect(await fetchProjectLabels(request, ct, EVERY_GEOMETRY_PROJECT)).toEqual(after.server);
    expect(await fetchProjectLabels(request, ct, LUNG_PROJECT)).toEqual(lungBefore);

    expect(consoleErrors.filter(e => e.includes('ReadingRoom'))).toEqual([]);
  });
});

function byKindIn(labels: Array<Record<string, unknown>>, kind: string) {
  return labels.find(l => (l.geometry as { kind: string }).kind + (l.scope === 'image' ? '' : `@${l.scope}`) === kind)!;
}
