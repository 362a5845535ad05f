import { expect, test } from '../support/fixtures';
import { findDemoStudy } from '../support/viewer';
import { countStoredEvents, verifyAfterFault } from './support/faultChecks';
import { openLabelingStudy, readOutboxContents } from './support/outboxContents';

test.describe('Outbox: the browser reloads with changes pending', () => {
  test('the Labels panel says the changes are kept; after the reload they are still there and are sent once', async ({ page, request, server }, testInfo) => {
    // Two viewer loads and the outbox's backoff (up to 30 s) on a shared 2-core machine.
    test.slow();
    const StudyInstanceUID = await findDemoStudy(request, 'CT CHEST WITHOUT CONTRAST');
    // The server cannot be reached for events (the viewer itself still loads).
    const events = `${server.baseURL}/api/v1/events`;
    let reachable = false;
    let duplicates = 0;
    await page.context().route(events, async route => {
      if (!reachable) return route.abort('internetdisconnected');
      const response = await route.fetch();
      duplicates += ((await response.json()) as { results: Array<{ status: string }> }).results.filter(r => r.status === 'duplicate').length;
      return route.fulfill({ response });
    });

    await openLabelingStudy(page, StudyInstanceUID);
    const status = page.getByTestId('rr-sync-status');
    await expect(status).toHaveAttribute('data-state', 'offline');
    await expect(status).toContainText(/Offline: \d+ changes? kept in this browser, retrying/);
    const before = await readOutboxContents(page);
    expect(before.pendingEventIds.length).toBeGreaterThan(0);

    await page.reload();
    await page.getByTestId('rr-labels-panel').waitFor();
    // The panel tells the truth at once: the changes from before the reload are still waiting.
    await expect(status).toHaveAttribute('data-state', 'offline');
    const after = await readOutboxContents(page);
    expect(after.clientId).toBe(before.clientId);
    expect(after.pendingEventIds).toEqual(expect.arrayContaining(before.pendingEventIds));
    const clientId = after.clientId!;
    // On pagehide the page sent its own unsent events with keepalive, which leaves the page (and
    // this test's interception) behind: the server may have some already. The outbox still keeps
    // them, as it never saw the answer; sent again, they must be answered "duplicate".
    const deliveredAtUnload = [...countStoredEvents(server.dataDir, clientId, after.pendingEventIds).values()].filter(n => n > 0).length;
    testInfo.annotations.push({ type: 'delivered by the keepalive request at unload', description: String(deliveredAtUnload) });

    reachable = true;
    await expect(status).toHaveAttribute('data-state', 'synced', { timeout: 90_000 });
    await expect(status).toContainText('All changes saved');
    expect(duplicates).toBe(deliveredAtUnload);
    await verifyAfterFault({ baseURL: server.baseURL, dataDir: server.dataDir, clientId, eventIds: after.pendingEventIds });
  });
});
