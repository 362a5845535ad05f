import { expect, test } from './support/fixtures';
import { cornerstoneAnnotations, drawLength, findDemoStudy, listSeriesInstances, viewportPixelStats } from './support/viewer';

test.describe('ReadingRoom Labeling mode in the stock OHIF viewer', () => {
  test('a labeler opens the demo CT from the study list, measures, and finds the label again after a reload', async ({ page, request, consoleErrors }) => {
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
    await expect(page.getByTestId('rr-label-count')).toHaveText('0');

    // The image rendered: the canvas shows a CT, not a blank or flat field.
    await expect.poll(async () => (await viewportPixelStats(page)).stdDev, { timeout: 60_000 }).toBeGreaterThan(20);
    expect((await viewportPixelStats(page)).distinctValues).toBeGreaterThan(50);

    await drawLength(page);
    const item = page.getByTestId('rr-label-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(/\d+(\.\d+)? mm/);
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
    const fetchLabels = async () => (await (await request.get(`/api/v1/studies/${StudyInstanceUID}/labels`)).json()).labels;
    await expect.poll(async () => {
      const [label] = await fetchLabels();
      const [a, b] = label?.geometry.points ?? [[0, 0, 0], [0, 0, 0]];
      return Math.abs(Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) - (label?.measurements?.[0]?.value ?? -1));
    }).toBeLessThan(0.05);
    const labels = await fetchLabels();
    expect(labels).toHaveLength(1);
    const instances = await listSeriesInstances(request, StudyInstanceUID);
    expect(labels[0]).toMatchObject({ labelId, StudyInstanceUID, toolName: 'Length', updatedBy: 'dev-labeler' });
    expect(instances).toContainEqual({ SeriesInstanceUID: labels[0].SeriesInstanceUID, SOPInstanceUID: labels[0].SOPInstanceUID });
    expect(labels[0].measurements[0]).toMatchObject({ name: 'length', unit: 'mm' });
    expect(labels[0].measurements[0].value).toBeGreaterThan(1);

    // After a reload the label comes back from the server, in the panel and on the image.
    await page.reload();
    await expect(page.getByTestId('rr-label-item')).toHaveCount(1);
    await expect(page.getByTestId('rr-label-item')).toHaveAttribute('data-label-id', labelId!);
    await expect(page.getByTestId('rr-label-item')).toHaveAttribute('data-origin', 'server');
    await expect.poll(() => cornerstoneAnnotations(page)).toContainEqual({ annotationUID: labelId, toolName: 'Length' });

    expect(consoleErrors.filter(e => e.includes('ReadingRoom'))).toEqual([]);
  });
});
