import { expect, test } from '../support/fixtures';
import { findDemoStudy } from '../support/viewer';
import { countStoredEvents, verifyAfterFault } from './support/faultChecks';
import { createOutboxProject, drawNamedLength, OUTBOX_PROJECT } from './support/labelingUi';
import { openLabelingStudy, readOutboxContents } from './support/outboxContents';
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

  test('in the Labels panel: with the browser storage full a new label is refused with the reason, and labeling resumes once there is room', async ({ page, request, server }) => {
    // Two viewer loads and the outbox's backoff (up to 30 s) on a shared 2-core machine.
    test.slow();
    const StudyInstanceUID = await findDemoStudy(request, 'CT CHEST WITHOUT CONTRAST');
    await createOutboxProject(request, StudyInstanceUID);
    // Every event the page sends, to check afterwards that each was stored once.
    const sent = new Set<string>();
    await page.context().route(`${server.baseURL}/api/v1/events`, async route => {
      for (const event of (route.request().postDataJSON() as { events: Array<{ eventId: string }> }).events) sent.add(event.eventId);
      await route.continue();
    });
    await limitStorageQuota(page, server.baseURL, 4 * 1024 * 1024);
    await openLabelingStudy(page, `${StudyInstanceUID}&projectId=${OUTBOX_PROJECT}`);
    const status = page.getByTestId('rr-sync-status');
    const count = page.getByTestId('rr-label-count');
    await expect(status).toHaveAttribute('data-state', 'synced');

    await expect(await drawNamedLength(page, [0.4, 0.45], [0.5, 0.5])).toBeHidden();
    await expect(count).toHaveText('1');
    await expect(status).toHaveAttribute('data-state', 'synced');

    // Something else of this site fills the origin's storage (here: another database).
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('e2e-filler', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('blobs', { autoIncrement: true });
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      // Ever smaller pieces until not even 64 bytes fit; random bytes, which storage cannot compress.
      for (const size of [64 * 1024, 4 * 1024, 256, 64]) {
        for (let i = 0; i < 10_000; i++) {
          const chunk = crypto.getRandomValues(new Uint8Array(size));
          const full = await new Promise<boolean>(resolve => {
            const tx = db.transaction('blobs', 'readwrite');
            tx.objectStore('blobs').add(chunk);
            tx.oncomplete = () => resolve(false);
            tx.onabort = () => resolve(true);
          });
          if (full) break;
        }
      }
      db.close();
    });

    // The next label cannot be kept: refused, taken away, and the panel says why.
    await drawNamedLength(page, [0.4, 0.6], [0.5, 0.65]);
    await expect(status).toHaveAttribute('data-state', 'blocked');
    await expect(status).toContainText('New labels cannot be saved: browser storage for ReadingRoom is full');
    await expect(page.getByTestId('rr-labels-panel')).toContainText('Not saved:');
    await expect(count).toHaveText('1');
    // While blocked the picker itself refuses to save, with the same reason.
    const picker = await drawNamedLength(page, [0.3, 0.3], [0.35, 0.35]);
    await expect(picker).toContainText('Cannot save: New labels cannot be saved');
    await page.keyboard.press('Escape');
    await expect(picker).toBeHidden();
    await expect(count).toHaveText('1');

    // Room again: the outbox notices by itself, and labeling goes on.
    await page.evaluate(() => new Promise(resolve => (indexedDB.deleteDatabase('e2e-filler').onsuccess = resolve)));
    await expect(status).toHaveAttribute('data-state', 'synced', { timeout: 90_000 });
    await expect(await drawNamedLength(page, [0.6, 0.45], [0.7, 0.5])).toBeHidden();
    await expect(count).toHaveText('2');
    await expect(status).toHaveAttribute('data-state', 'synced');

    const { clientId, pendingEventIds } = await readOutboxContents(page);
    expect(pendingEventIds).toEqual([]);
    const labels = (await (await request.get(`/api/v1/studies/${StudyInstanceUID}/labels?projectId=${OUTBOX_PROJECT}`)).json()).labels as unknown[];
    expect(labels).toHaveLength(2);
    await verifyAfterFault({ baseURL: server.baseURL, dataDir: server.dataDir, clientId: clientId!, eventIds: [...sent] });
  });
});
