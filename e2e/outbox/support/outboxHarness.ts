import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

const shimDist = fileURLToPath(new URL('../../../platform-shim/dist/', import.meta.url));

/** Where the harness lives on the server's origin (served by route interception, never by the server). */
export const HARNESS_PATH = '/__outbox-harness/';

/**
 * A test-only page on the server's origin that runs the built outbox (platform-shim/dist) with
 * the real API client, for volume the labeling UI cannot produce. It shows the same status line
 * the Labels panel shows (describeSyncStatus) and exposes the outbox as `window.rrHarness`.
 */
const HARNESS_HTML = `<!doctype html>
<meta charset="utf-8"><title>Outbox harness</title>
<p data-testid="rr-sync-status" data-state="starting"></p>
<script type="module">
  import { createOutbox } from './transport/createOutbox.js';
  import { describeSyncStatus } from './transport/syncStatus.js';
  import { createApiClient } from './api/createApiClient.js';
  import { createUuidV7 } from './ids/createUuidV7.js';
  const options = JSON.parse(new URLSearchParams(location.search).get('options') ?? '{}');
  const api = createApiClient();
  const session = api.getSession();
  const outbox = createOutbox({ api, scope: session.then(s => s.user.id), ...options });
  const line = document.querySelector('[data-testid="rr-sync-status"]');
  const show = status => { line.dataset.state = status.state; line.textContent = describeSyncStatus(status); };
  outbox.subscribe(show);
  outbox.ready.then(() => show(outbox.getStatus()));
  const kept = [];
  const refused = [];
  window.rrHarness = {
    outbox,
    createUuidV7,
    kept,
    refused,
    /** Sends events, recording which ones the outbox kept (send resolved) and which it refused. */
    async sendAll(events) {
      await Promise.all(events.map(event => outbox.send(event).then(
        () => kept.push(event.eventId),
        error => refused.push({ eventId: event.eventId, reason: error.message }),
      )));
    },
  };
</script>`;

/** Serves the harness page and the built shim modules under HARNESS_PATH on `baseURL`. */
export async function installOutboxHarness(page: Page, baseURL: string) {
  await page.context().route(`${baseURL}${HARNESS_PATH}**`, async route => {
    const path = new URL(route.request().url()).pathname.slice(HARNESS_PATH.length);
    if (path === '' || path === 'index.html') return route.fulfill({ contentType: 'text/html', body: HARNESS_HTML });
    const file = normalize(join(shimDist, path));
    if (!file.startsWith(shimDist) || !file.endsWith('.js')) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ contentType: 'text/javascript', body: await readFile(file) });
  });
}

/** Opens the harness (a "tab") and waits until its outbox is open. */
export async function openOutboxHarness(page: Page, baseURL: string, options: Record<string, unknown> = {}) {
  await installOutboxHarness(page, baseURL);
  await page.goto(`${baseURL}${HARNESS_PATH}index.html?options=${encodeURIComponent(JSON.stringify(options))}`);
  await page.waitForFunction(() => (window as unknown as { rrHarness?: unknown }).rrHarness !== undefined);
  await page.evaluate(() => (window as unknown as HarnessWindow).rrHarness.outbox.ready);
}

/** What the harness page exposes, for `page.evaluate` callbacks. */
export interface HarnessWindow {
  rrHarness: {
    outbox: {
      ready: Promise<void>;
      flush(options?: { keepalive?: boolean }): Promise<void>;
      getStatus(): { state: string; pending: number; rejected: number; message?: string };
      isFlusher(): boolean;
      getClientId(): string | undefined;
      canAccept(): boolean;
    };
    createUuidV7(): string;
    kept: string[];
    refused: Array<{ eventId: string; reason: string }>;
    sendAll(events: unknown[]): Promise<void>;
  };
}

/** `count` audit events (study.opened) with fresh UUIDv7 ids, made in the page. */
export async function sendAuditEvents(page: Page, count: number, StudyInstanceUID = '1.2.826.0.1.3680043.8.498.1'): Promise<string[]> {
  return page.evaluate(
    async ({ count, StudyInstanceUID }) => {
      const { rrHarness } = window as unknown as HarnessWindow;
      const events = Array.from({ length: count }, () => ({
        eventId: rrHarness.createUuidV7(),
        type: 'audit',
        occurredAt: new Date().toISOString(),
        payload: { action: 'study.opened', StudyInstanceUID, mode: 'outbox-e2e' },
      }));
      await rrHarness.sendAll(events);
      return events.map(e => e.eventId);
    },
    { count, StudyInstanceUID },
  );
}

export const harnessStatus = (page: Page) => page.evaluate(() => (window as unknown as HarnessWindow).rrHarness.outbox.getStatus());
export const harnessClientId = (page: Page) => page.evaluate(() => (window as unknown as HarnessWindow).rrHarness.outbox.getClientId()!);
