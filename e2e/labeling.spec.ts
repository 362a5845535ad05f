import { expect, test } from './support/fixtures';
import { answerPicker, chooseProject } from './support/labeling';
import { cornerstoneAnnotations, drawLength, findDemoStudy, listSeriesInstances, viewportPixelStats } from './support/viewer';

const LUNG_PROJECT = 'lung-nodules-ct';

test.describe('ReadingRoom Labeling mode in the stock OHIF viewer', () => {
  test('a labeler opens the demo CT from the study list, measures, names it in the picker, and finds the label again after a reload', async ({ page, request, consoleErrors }) => {
    const StudyInstanceUID = await findDemoStudy(request, 'CT CHEST WITHOUT CONTRAST');

    // The stock study list shows the demo studies and offers our mode.
    await page.goto('/');
    await page.getByText('CT CHEST WITHOUT CONTRAST', { exact: true }).first().click();
    await page.getByRole('button', { name: 'ReadingRoom Labeling' }).click();
    await expect(page).toHaveURL(new RegExp(`/labeling\\?StudyInstanceUIDs=${StudyInstanceUID.replaceAll('.', '\\.')}`));

    // Our panel is there, says who is labeling and that everything is saved.
    const panel = page.getByTestId('rr-labels-panel');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('rr-current-user')).toContainText('Development user');
    await expect(page.getByTestId('rr-sync-status')).toHaveAttribute('data-state', 'synced');
    await chooseProject(page, LUNG_PROJECT);
    const countBefore = Number(await page.getByTestId('rr-label-count').textContent());

    // The image rendered: the canvas shows a CT, not a blank or flat field.
    await expect.poll(async () => (await viewportPixelStats(page)).stdDev, { timeout: 60_000 }).toBeGreaterThan(20);
    expect((await viewportPixelStats(page)).distinctValues).toBeGreaterThan(50);

    await drawLength(page);
    // The picker names it: Nodule (1), then its required attributes: solid (1), 6 mm, left upper lobe (4).
    await answerPicker(page, ['1', '1', 'Tab', { type: '6' }, 'Tab', '4', 'Enter']);
    await expect(page.getByTestId('rr-label-count')).toHaveText(String(countBefore + 1));
    const item = page.getByTestId('rr-label-item').last();
    await expect(item).toContainText(/\d+(\.\d+)? mm/);
    await expect(item).toContainText('Solid');
    // The panel shows what the viewport shows.
    await expect
      .poll(async () => {
        const panelLength = (await item.textContent())?.match(/(\d+\.\d) mm/)?.[1];
        return page.locator('svg text').filter({ hasText: `${panelLength} mm` }).count();
      })
      .toBeGreaterThan(0);
    const labelId = await item.getAttribute('data-label-id');
    await expect(page.getByTestId('rr-sync-status')).toHaveAttribute('data-state', 'synced');

    // The server has it, on an instance of the study's series, with the length its geometry has.
    const fetchLabel = async () =>
      (await (await request.get(`/api/v1/studies/${StudyInstanceUID}/labels?projectId=${LUNG_PROJECT}`)).json()).labels.find((l: { labelId: string }) => l.labelId === labelId);
    await expect.poll(async () => {
      const label = await fetchLabel();
      const [a, b] = label?.geometry.points ?? [[0, 0, 0], [0, 0, 0]];
      return Math.abs(Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) - (label?.measurements?.[0]?.value ?? -1));
    }).toBeLessThan(0.05);
    const label = await fetchLabel();
    const instances = await listSeriesInstances(request, StudyInstanceUID);
    expect(label).toMatchObject({
      labelId,
      StudyInstanceUID,
      projectId: LUNG_PROJECT,
      findingTypeId: 'nodule',
      attributes: { type: 'solid', 'mean-diameter': 6, lobe: 'lul' },
      status: 'draft',
      geometry: { kind: 'length', toolName: 'Length' },
      updatedBy: 'dev-labeler',
    });
    expect(instances).toContainEqual({ SeriesInstanceUID: label.SeriesInstanceUID, SOPInstanceUID: label.SOPInstanceUID });
    expect(label.measurements[0]).toMatchObject({ name: 'length', unit: 'mm' });
    expect(label.measurements[0].value).toBeGreaterThan(1);

    // After a reload the label comes back from the server, in the panel and on the image.
    await page.reload();
    await chooseProject(page, LUNG_PROJECT);
    const restored = page.locator(`[data-testid="rr-label-item"][data-label-id="${labelId}"]`);
    await expect(restored).toHaveAttribute('data-origin', 'server');
    await expect(page.getByTestId('rr-label-count')).toHaveText(String(countBefore + 1));
    await expect.poll(() => cornerstoneAnnotations(page)).toContainEqual({ annotationUID: labelId, toolName: 'Length' });

    expect(consoleErrors.filter(e => e.includes('ReadingRoom'))).toEqual([]);
  });
});
