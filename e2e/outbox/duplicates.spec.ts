import { expect, test } from '../support/fixtures';
import { findDemoStudy, listSeriesInstances } from '../support/viewer';
import { verifyAfterFault } from './support/faultChecks';
import { harnessClientId, harnessStatus, openOutboxHarness, type HarnessWindow } from './support/outboxHarness';

interface IngestAnswer {
  results: Array<{ status: string }>;
}

test.describe('Outbox: every batch delivered twice and out of order', () => {
  test('the server keeps each event once and the labels end as the labeler left them', async ({ page, request, server }) => {
    const StudyInstanceUID = await findDemoStudy(request, 'CT CHEST WITHOUT CONTRAST');
    const { SeriesInstanceUID, SOPInstanceUID } = (await listSeriesInstances(request, StudyInstanceUID))[0]!;
    await openOutboxHarness(page, server.baseURL, { maxBatchSize: 2, batchDelayMs: 100 });
    const ids = await page.evaluate(() => Array.from({ length: 9 }, () => (window as unknown as HarnessWindow).rrHarness.createUuidV7()));
    const [a, b, c, ...eventIds] = ids as [string, string, string, ...string[]];

    const snapshot = (labelId: string, millimetres: number) => ({
      labelId,
      projectId: 'lung-nodules-ct',
      schemaVersion: 1,
      findingTypeId: 'nodule',
      attributes: { type: 'solid', 'mean-diameter': millimetres, lobe: 'rul' },
      status: 'draft',
      scope: 'image',
      StudyInstanceUID,
      SeriesInstanceUID,
      SOPInstanceUID,
      geometry: { kind: 'length', toolName: 'Length', points: [[0, 0, 0], [millimetres, 0, 0]] },
      measurements: [{ name: 'length', value: millimetres, unit: 'mm' }],
    });
    const at = (second: number) => new Date(Date.UTC(2026, 10, 28, 6, 0, second)).toISOString();
    const changes = [
      { type: 'label.created', payload: snapshot(a, 5) },
      { type: 'label.created', payload: snapshot(b, 7) },
      { type: 'label.modified', payload: snapshot(a, 6) },
      { type: 'label.created', payload: snapshot(c, 9) },
      { type: 'label.removed', payload: { labelId: b, projectId: 'lung-nodules-ct', StudyInstanceUID } },
      { type: 'label.modified', payload: snapshot(a, 8) },
    ].map((change, i) => ({ ...change, eventId: eventIds[i]!, occurredAt: at(i) }));

    // Each batch reaches the server twice; the one before it is replayed after it (out of order).
    const url = `${server.baseURL}/api/v1/events`;
    const bodies: string[] = [];
    const replay = async (body: string) => {
      const response = await page.request.post(url, { data: body, headers: { 'content-type': 'application/json' } });
      expect(response.status()).toBe(200);
      return (await response.json()) as IngestAnswer;
    };
    await page.route(url, async route => {
      const body = route.request().postData()!;
      await route.fetch();
      const again = await route.fetch();
      if (bodies.length > 0) expect((await replay(bodies.at(-1)!)).results.every(r => r.status === 'duplicate')).toBe(true);
      bodies.push(body);
      await route.fulfill({ response: again });
    });

    await page.evaluate(events => (window as unknown as HarnessWindow).rrHarness.sendAll(events), changes);
    await expect(page.getByTestId('rr-sync-status')).toHaveText('All changes saved');
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    // The client was answered "duplicate" for everything (its batches' second deliveries): delivered, nothing refused.
    expect(await harnessStatus(page)).toMatchObject({ pending: 0, rejected: 0 });
    // And every batch once more, newest first.
    for (const body of [...bodies].reverse()) expect((await replay(body)).results.every(r => r.status === 'duplicate')).toBe(true);

    const labels = (await (await request.get(`/api/v1/studies/${StudyInstanceUID}/labels?projectId=lung-nodules-ct`)).json()).labels as Array<{ labelId: string; attributes: Record<string, unknown> }>;
    const ours = labels.filter(l => [a, b, c].includes(l.labelId));
    expect(ours.map(l => [l.labelId, l.attributes['mean-diameter']]).sort()).toEqual([[a, 8], [c, 9]].sort());
    const versionsOf = async (labelId: string) => ((await (await request.get(`/api/v1/labels/${labelId}/versions`)).json()).versions as Array<{ change: string }>).map(v => v.change);
    expect(await versionsOf(a)).toEqual(['created', 'modified', 'modified']);
    expect(await versionsOf(b)).toEqual(['created', 'removed']);
    expect(await versionsOf(c)).toEqual(['created']);
    await verifyAfterFault({ baseURL: server.baseURL, dataDir: server.dataDir, clientId: await harnessClientId(page), eventIds: changes.map(e => e.eventId) });
  });
});
