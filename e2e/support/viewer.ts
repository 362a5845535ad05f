import type { APIRequestContext, Page } from '@playwright/test';

/** QIDO through the server under test: the demo CT (the current one, not the prior). */
export async function findDemoStudy(request: APIRequestContext, description: string): Promise<string> {
  const response = await request.get('/dicomweb/studies?includefield=00081030', { headers: { accept: 'application/dicom+json' } });
  const studies = (await response.json()) as Array<Record<string, { Value?: unknown[] }>>;
  const study = studies.find(s => s['00081030']?.Value?.[0] === description);
  if (!study) throw new Error(`demo study "${description}" not found`);
  return String(study['0020000D']!.Value![0]);
}

export async function listSeriesInstances(request: APIRequestContext, StudyInstanceUID: string): Promise<Array<{ SeriesInstanceUID: string; SOPInstanceUID: string }>> {
  const response = await request.get(`/dicomweb/studies/${StudyInstanceUID}/instances`, { headers: { accept: 'application/dicom+json' } });
  const instances = (await response.json()) as Array<Record<string, { Value?: unknown[] }>>;
  return instances.map(i => ({ SeriesInstanceUID: String(i['0020000E']!.Value![0]), SOPInstanceUID: String(i['00080018']!.Value![0]) }));
}

/**
 * Statistics of the pixels the first viewport shows: a blank or uniform canvas has almost no
 * spread. Reads the 2D canvas cornerstone draws into.
 */
export async function viewportPixelStats(page: Page) {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.cornerstone-canvas');
    if (!canvas || canvas.width === 0) return { width: 0, height: 0, stdDev: 0, distinctValues: 0 };
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    let sumSq = 0;
    const distinct = new Set<number>();
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const luma = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      sum += luma;
      sumSq += luma * luma;
      distinct.add(Math.round(luma));
    }
    const mean = sum / n;
    return { width: canvas.width, height: canvas.height, stdDev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), distinctValues: distinct.size };
  });
}

/** Draws a length across the middle of the first viewport with the labeling toolbar's Length tool. */
export async function drawLength(page: Page, from: [number, number] = [0.4, 0.5], to: [number, number] = [0.55, 0.55]) {
  await page.locator('[data-cy="ReadingRoomLength"]').click();
  const box = (await page.locator('canvas.cornerstone-canvas').first().boundingBox())!;
  const [x0, y0] = [box.x + box.width * from[0], box.y + box.height * from[1]];
  const [x1, y1] = [box.x + box.width * to[0], box.y + box.height * to[1]];
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(x0 + ((x1 - x0) * step) / 10, y0 + ((y1 - y0) * step) / 10);
  await page.mouse.up();
}

/** Annotations cornerstone holds right now, by tool (read from the host's own cornerstone tools). */
export async function cornerstoneAnnotations(page: Page) {
  return page.evaluate(() => {
    const tools = (window as unknown as { cornerstoneTools?: { annotation: { state: { getAllAnnotations(): Array<{ annotationUID: string; metadata: { toolName: string } }> } } } }).cornerstoneTools;
    return (tools?.annotation.state.getAllAnnotations() ?? []).map(a => ({ annotationUID: a.annotationUID, toolName: a.metadata.toolName }));
  });
}
