import { expect, test } from './support/fixtures';

test.describe('host bridge', () => {
  test('names what a broken host does not provide, in the viewer and in the console', async ({ page, server, consoleErrors }) => {
    // A host that does not publish cornerstone (neither the official globals nor window.cornerstone):
    // assignments to window.cornerstone are swallowed before any host code runs.
    await page.addInitScript(() => {
      for (const name of ['cornerstone', 'cornerstoneTools']) {
        Object.defineProperty(window, name, { configurable: false, get: () => undefined, set: () => {} });
      }
    });
    await page.goto('/');
    const notification = page.getByText('ReadingRoom could not start');
    await expect(notification).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(`version ${server.ohifVersion}`).first()).toBeVisible();
    const bridgeError = consoleErrors.find(e => e.includes('ReadingRoom cannot start in this OHIF host'));
    expect(bridgeError).toContain(`(version ${server.ohifVersion})`);
    expect(bridgeError).toContain('does not provide @cornerstonejs/core, @cornerstonejs/tools');
    // The stock viewer itself keeps working: the study list is there.
    await expect(page.getByText('Study List')).toBeVisible();
  });
});
