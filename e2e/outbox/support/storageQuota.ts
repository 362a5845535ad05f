import type { Page } from '@playwright/test';

/**
 * Limits the storage quota of `origin` (Chromium, CDP Storage.overrideQuotaForOrigin). Call it
 * before the page opens IndexedDB there: Chromium applies a new quota to databases opened after
 * it, not to one already open. Returns the function that lifts the limit.
 */
export async function limitStorageQuota(page: Page, origin: string, quotaBytes: number): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(origin).origin, quotaSize: quotaBytes });
  return async () => {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(origin).origin });
    await cdp.detach();
  };
}
