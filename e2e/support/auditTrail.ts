import type { APIRequestContext, Page } from '@playwright/test';

export interface TrailRecord {
  kind: string;
  actor: { userId: string };
  subject: { StudyInstanceUID?: string; SeriesInstanceUID?: string; SOPInstanceUIDs?: string[] };
}

/** A study's ledger trail (every page), oldest first; `headers` carry a token when identity is on. */
export async function readStudyTrail(request: APIRequestContext, StudyInstanceUID: string, headers: Record<string, string> = {}): Promise<TrailRecord[]> {
  const records: TrailRecord[] = [];
  for (let after = 0; ; ) {
    const response = await request.get(`/api/v1/audit/trail?studyInstanceUid=${StudyInstanceUID}&limit=1000&after=${after}`, { headers });
    const trail = (await response.json()) as { entries: Array<{ record: TrailRecord }>; next?: number };
    records.push(...trail.entries.map(e => e.record));
    if (trail.next === undefined) return records;
    after = trail.next;
  }
}

/** The series the viewer's viewports show now (from the image each one displays). */
export async function readShownSeries(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Viewport = { getCurrentImageId(): string | undefined };
    const w = window as unknown as Record<string, unknown>;
    const core = (w['@cornerstonejs/core'] ?? w.cornerstone) as { getRenderingEngines(): Array<{ getViewports(): Viewport[] }>; metaData: { get(type: string, id: string): { seriesInstanceUID?: string } | undefined } };
    const series = new Set<string>();
    for (const engine of core.getRenderingEngines()) {
      for (const viewport of engine.getViewports()) {
        const imageId = viewport.getCurrentImageId();
        const uid = imageId ? core.metaData.get('generalSeriesModule', imageId)?.seriesInstanceUID : undefined;
        if (uid) series.add(uid);
      }
    }
    return [...series].sort();
  });
}

interface LedgerRecordJson {
  seq: number;
  kind: string;
  actor: { userId: string };
  detail: Record<string, unknown>;
}

/**
 * The newest `count` ledger records (GET /audit/records/{seq}, newest first): for records of no
 * study (sign-in, sign-out), which no study trail lists. Finds the last seq by doubling, then bisecting.
 */
export async function readNewestRecords(request: APIRequestContext, headers: Record<string, string>, count: number): Promise<LedgerRecordJson[]> {
  const exists = async (seq: number) => (await request.get(`/api/v1/audit/records/${seq}`, { headers })).status() === 200;
  if (!(await exists(1))) return [];
  let low = 1;
  let high = 2;
  while (await exists(high)) [low, high] = [high, high * 2];
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await exists(middle)) low = middle;
    else high = middle;
  }
  const records: LedgerRecordJson[] = [];
  for (let seq = low; seq >= 1 && records.length < count; seq--) records.push((await (await request.get(`/api/v1/audit/records/${seq}`, { headers })).json()) as LedgerRecordJson);
  return records;
}
