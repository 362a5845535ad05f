import type { Page } from '@playwright/test';

/**
 * What the page's outbox holds right now, read straight from IndexedDB (test code may; plugins
 * never do): the client id and the ids of the events still waiting for the server.
 */
export async function readOutboxContents(page: Page): Promise<{ clientId: string | undefined; pendingEventIds: string[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('readingroom-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['pending', 'meta'], 'readonly');
          const pending = tx.objectStore('pending').getAll();
          const meta = tx.objectStore('meta').get('clientId');
          tx.oncomplete = () => {
            db.close();
            resolve({
              clientId: (meta.result as { value?: string } | undefined)?.value,
              pendingEventIds: (pending.result as Array<{ eventId: string }>).map(r => r.eventId),
            });
          };
        };
      }),
  );
}

/** Opens a study in the ReadingRoom Labeling mode and waits for the Labels panel and the image. */
export async function openLabelingStudy(page: Page, StudyInstanceUID: string) {
  await page.goto(`/labeling?StudyInstanceUIDs=${StudyInstanceUID}`);
  await page.getByTestId('rr-labels-panel').waitFor({ timeout: 90_000 });
  await page.waitForFunction(() => (document.querySelector<HTMLCanvasElement>('canvas.cornerstone-canvas')?.width ?? 0) > 0, null, { timeout: 90_000 });
  // OHIF's "investigational use" banner covers the bottom of the viewport.
  const banner = page.getByRole('button', { name: 'Confirm and hide' });
  if (await banner.isVisible().catch(() => false)) await banner.click();
}
