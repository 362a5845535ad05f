import type { Page } from '@playwright/test';
import { answerPicker, circlePath, clickAt, dragThrough, type Fraction } from './labeling';

/** The picker answers for a Lesion with a smooth margin (the every-geometry schema). */
const SMOOTH_LESION = ['1', '1', 'Enter'];

/**
 * Draws and names, by keyboard, one label of each geometry of the every-geometry schema: point,
 * length, bidirectional, ellipse, rectangle, freehand and a brush segmentation (all smooth
 * lesions), then a study-level classification (Image quality: limited) and a series-level one
 * (pleural effusion, no attributes): nine labels.
 */
export async function labelEveryGeometry(page: Page): Promise<void> {
  await page.keyboard.press('p');
  await clickAt(page, [0.3, 0.3]);
  await answerPicker(page, SMOOTH_LESION);
  const drawn: Array<[string, Fraction[]]> = [
    ['d', [[0.22, 0.45], [0.32, 0.5]]],
    ['x', [[0.6, 0.38], [0.7, 0.44]]],
    ['o', [[0.62, 0.55], [0.7, 0.62]]],
    ['q', [[0.22, 0.6], [0.3, 0.68]]],
    ['f', circlePath([0.5, 0.27], 0.04)],
    ['s', [[0.44, 0.78], [0.5, 0.79]]],
  ];
  for (const [key, path] of drawn) {
    await page.keyboard.press(key);
    // A brush repaints on every move: a short stroke is enough.
    await dragThrough(page, path, key === 's' ? 1 : 4);
    await answerPicker(page, SMOOTH_LESION);
  }
  await page.keyboard.press('k');
  await answerPicker(page, ['1', '2', 'Enter']);
  await page.keyboard.press('k');
  await answerPicker(page, ['2']);
}
