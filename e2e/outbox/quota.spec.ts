import { expect, test } from '../support/fixtures';
import { countStoredEvents, verifyAfterFault } from './support/faultChecks';
import { harnessClientId, harnessStatus, openOutboxHarness, sendAuditEvents, type HarnessWindow } from './support/outboxHarness';
import { limitStorageQuota } from './support/storageQuota';

test.describe('Outbox: storage quota exhausted', () => {
  test('the outbox fills to its quota, refuses what it cannot keep with a visible reason, and loses nothing it accepted', async ({ page, server }) => {
    const liftQuota = await limitStorageQuota(page, server.baseURL, 256 * 1024);
    await openOutboxHarness(page, server.baseURL);
    // The server is unreachable, so the outbox only grows.
    const url = `${server.baseURL}/api/v1/events`;
    await page.route(url, route => route.abort('internetdisconnected'));

    const status = page.getByTestId('rr-sync-status');
    for (let round = 0; round < 200 && (await status.getAttribute('data-state')) !== 'blocked'; round++) await sendAuditEvents(page, 50);
    await expect(status).toHaveAttribute('data-state', 'blocked');
    await expect(status).toContainText('New labels cannot be saved: browser storage for ReadingRoom is full');
    const { kept, refused, canAccept } = await page.evaluate(() => {
      const { rrHarness } = window as unknown as HarnessWindow;
      return { kept: [...rrHarness.kept], refused: [...rrHarness.refused], canAccept: rrHarness.outbox.canAccept() };
    });
    expect(canAccept).toBe(false);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.reason).toContain('browser storage for ReadingRoom is full');
    expect((await harnessStatus(page)).pending).toBe(kept.length);

    // Room again and the server back: the outbox unblocks by itself and delivers everything it accepted.
    await liftQuota();
    await page.unroute(url);
    await expect(status).toHaveText('All changes saved', { timeout: 90_000 });
    const clientId = await harnessClientId(page);
    await verifyAfterFault({ baseURL: server.baseURL, dataDir: server.dataDir, clientId, eventIds: kept });
    // What it refused, it never claimed to keep: none of it reached the server.
    const refusedCounts = countStoredEvents(server.dataDir, clientId, refused.map(r => r.eventId));
    expect([...refusedCounts.values()].every(n => n === 0)).toBe(true);
  });
});
