import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const OUTBOX_PROJECT = 'e2e-outbox';

/** A one-finding schema whose label needs no attributes: the picker saves on the first key. */
const outboxSchema = {
  title: 'Outbox faults (E2E)',
  findingTypes: [
    {
      id: 'mark',
      label: 'Mark',
      code: { CodeValue: 'OBX1', CodingSchemeDesignator: '99RRE2E', CodeMeaning: 'outbox test mark' },
      category: { CodeValue: 'OBX', CodingSchemeDesignator: '99RRE2E', CodeMeaning: 'outbox test' },
      geometries: ['length'],
      attributes: [],
    },
  ],
};

/** Creates the project through the real API with the study in it (a new schema version if it exists). */
export async function createOutboxProject(request: APIRequestContext, StudyInstanceUID: string) {
  const base = `/api/v1/projects/${OUTBOX_PROJECT}`;
  expect((await request.put(base, { data: { title: 'Outbox faults (E2E)' } })).ok()).toBe(true);
  expect((await request.post(`${base}/schemas`, { data: outboxSchema })).status()).toBe(201);
  expect((await request.put(`${base}/studies/${StudyInstanceUID}`)).ok()).toBe(true);
}

/** Draws a length with the labeling keymap (D) between two points given as fractions of the viewport, and names it. */
export async function drawNamedLength(page: Page, from: [number, number], to: [number, number]) {
  const box = (await page.locator('canvas.cornerstone-canvas').first().boundingBox())!;
  const at = ([fx, fy]: [number, number]) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  await page.keyboard.press('d');
  const [x0, y0] = at(from);
  const [x1, y1] = at(to);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let step = 1; step <= 8; step++) await page.mouse.move(x0 + ((x1 - x0) * step) / 8, y0 + ((y1 - y0) * step) / 8);
  await page.mouse.up();
  const picker = page.getByTestId('rr-label-picker');
  await expect(picker).toBeVisible();
  await page.keyboard.press('1');
  return picker;
}
