import { expect, test } from '../support/fixtures';
import { startDedicatedServer } from './support/dedicatedServer';
import { verifyAfterFault } from './support/faultChecks';
import { harnessClientId, harnessStatus, openOutboxHarness, sendAuditEvents } from './support/outboxHarness';

test.describe('Outbox: the server is killed in the middle of a batch', () => {
  test('events arrive exactly once after the restart, and the status says offline meanwhile', async ({ page, server: { ohifVersion } }) => {
    const server = await startDedicatedServer(ohifVersion);
    try {
      const { baseURL, dataDir } = server;
      await openOutboxHarness(page, baseURL, { maxBatchSize: 20 });

      // The second batch reaches the server and is stored; the server dies before it answers.
      let batches = 0;
      let killedMidBatch = false;
      let duplicatesAfterRestart = 0;
      await page.route(`${baseURL}/api/v1/events`, async route => {
        batches += 1;
        if (batches < 2) return route.continue();
        if (batches === 2) {
          const response = await route.fetch();
          expect(response.status()).toBe(200);
          await server.kill();
          killedMidBatch = true;
          return route.abort('connectionreset');
        }
        // After the kill: pass requests through, counting the events the server already had.
        const response = await route.fetch().catch(() => undefined);
        if (!response) return route.abort('connectionrefused');
        const body = (await response.json()) as { results?: Array<{ status: string }> };
        duplicatesAfterRestart += body.results?.filter(r => r.status === 'duplicate').length ?? 0;
        return route.fulfill({ response });
      });

      const eventIds = await sendAuditEvents(page, 100);
      const status = page.getByTestId('rr-sync-status');
      await expect(status).toHaveAttribute('data-state', 'offline');
      await expect(status).toContainText(/^Offline: \d+ changes kept in this browser, retrying$/);
      expect(killedMidBatch).toBe(true);
      // Work goes on while the server is down: new events are kept too.
      eventIds.push(...(await sendAuditEvents(page, 30)));
      expect((await harnessStatus(page)).pending).toBeGreaterThanOrEqual(30);

      await server.restart();
      await expect(status).toHaveAttribute('data-state', 'synced', { timeout: 90_000 });
      await expect(status).toHaveText('All changes saved');
      // The batch the server stored before dying was sent again and answered "duplicate": delivered, not refused.
      expect(duplicatesAfterRestart).toBe(20);
      expect(await harnessStatus(page)).toMatchObject({ pending: 0, rejected: 0 });
      await verifyAfterFault({ baseURL, dataDir, clientId: await harnessClientId(page), eventIds });
    } finally {
      await server.stop();
    }
  });
});
