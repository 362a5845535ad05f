import { expect, test } from '../support/fixtures';
import { verifyAfterFault } from './support/faultChecks';
import { harnessClientId, openOutboxHarness, sendAuditEvents, type HarnessWindow } from './support/outboxHarness';

const isFlusher = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as HarnessWindow).rrHarness.outbox.isFlusher());

test.describe('Outbox across tabs', () => {
  test('one tab sends for all (Web Locks), every tab shows the status, and another takes over when it closes', async ({ page, context, server }) => {
    const posts = { a: 0, b: 0 };
    const countPosts = (tab: keyof typeof posts) => (request: import('@playwright/test').Request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/events')) posts[tab] += 1;
    };
    page.on('request', countPosts('a'));
    await openOutboxHarness(page, server.baseURL);
    await expect.poll(() => isFlusher(page)).toBe(true);

    const tabB = await context.newPage();
    tabB.on('request', countPosts('b'));
    await openOutboxHarness(tabB, server.baseURL);
    expect(await isFlusher(tabB)).toBe(false);
    // Both tabs of one browser profile share the client id kept in IndexedDB.
    const clientId = await harnessClientId(page);
    expect(await harnessClientId(tabB)).toBe(clientId);

    const eventIds = await sendAuditEvents(tabB, 60);
    await expect(tabB.getByTestId('rr-sync-status')).toHaveText('All changes saved');
    await expect(page.getByTestId('rr-sync-status')).toHaveText('All changes saved');
    expect(posts).toMatchObject({ a: expect.any(Number), b: 0 });
    expect(posts.a).toBeGreaterThan(0);

    await page.close();
    await expect.poll(() => isFlusher(tabB)).toBe(true);
    eventIds.push(...(await sendAuditEvents(tabB, 5)));
    await expect(tabB.getByTestId('rr-sync-status')).toHaveText('All changes saved');
    expect(posts.b).toBeGreaterThan(0);
    await verifyAfterFault({ baseURL: server.baseURL, dataDir: server.dataDir, clientId, eventIds });
  });
});
