// Takes the screenshots of docs/labeling-guide.md (and the README's) from the real viewer: the
// built server on a fresh data folder, the stock OHIF host, Debian Chromium. Run after
// `npm run build`:  node e2e/screenshots/takeLabelingGuideScreenshots.mjs
import { join } from 'node:path';
import { launchChromium, repositoryRoot, startServer, tempDir } from '../../bench/support.mjs';

const OUT = join(repositoryRoot, 'docs', 'images');
const OHIF_VERSION = process.env.OHIF_VERSION ?? '3.13.2';

async function findCt(baseUrl) {
  const studies = await (await fetch(`${baseUrl}/dicomweb/studies?includefield=00081030`)).json();
  return studies.find(s => s['00081030']?.Value?.[0] === 'CT CHEST WITHOUT CONTRAST')['0020000D'].Value[0];
}

function createViewerDriver(page) {
  const canvasBox = () => page.locator('canvas.cornerstone-canvas').first().boundingBox();
  const at = async ([fx, fy]) => {
    const box = await canvasBox();
    return [box.x + box.width * fx, box.y + box.height * fy];
  };
  return {
    async drag(from, to, steps = 6) {
      const [x0, y0] = await at(from);
      const [x1, y1] = await at(to);
      await page.mouse.move(x0, y0);
      await page.mouse.down();
      for (let s = 1; s <= steps; s++) await page.mouse.move(x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps);
      await page.mouse.up();
    },
    /** Answers the label picker once it is open, and waits until it closes. */
    async answer(...keys) {
      await page.getByTestId('rr-label-picker').waitFor();
      await this.keys(...keys);
      await page.getByTestId('rr-label-picker').waitFor({ state: 'hidden', timeout: 10_000 }).catch(async error => {
        await page.screenshot({ path: '/tmp/rr/screenshot-failure.png' });
        throw error;
      });
    },
    async keys(...keys) {
      for (const key of keys) {
        if (key.startsWith('type:')) await page.keyboard.type(key.slice(5));
        else await page.keyboard.press(key);
      }
    },
    picker: () => page.getByTestId('rr-label-picker'),
    async shot(name, clip) {
      await page.waitForTimeout(600);
      await page.screenshot({ path: join(OUT, name), ...(clip ? { clip } : {}) });
      console.log(`docs/images/${name}`);
    },
  };
}

/** A clip around the picker and what it labels, kept inside the page. */
async function pickerClip(page) {
  const box = await page.getByTestId('rr-label-picker').boundingBox();
  const x = Math.max(0, box.x - 260);
  const y = Math.max(0, box.y - 160);
  return { x, y, width: Math.min(1600 - x, box.width + 300), height: Math.min(1000 - y, box.height + 200) };
}

async function run() {
  const server = await startServer({ DATA_DIR: tempDir('readingroom-screenshots-'), OHIF_VERSION });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const ct = await findCt(server.url);
    await page.goto(`${server.url}/labeling?StudyInstanceUIDs=${ct}&projectId=lung-nodules-ct`);
    await page.getByTestId('rr-labels-panel').waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => document.querySelector('canvas.cornerstone-canvas')?.width > 0, null, { timeout: 120_000 });
    await page.getByRole('button', { name: 'Confirm and hide' }).click({ timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(3000);
    const viewer = createViewerDriver(page);

    // A nodule measured with Length (D), named in the picker: the finding type, then its attributes.
    await viewer.keys('d');
    await viewer.drag([0.3, 0.46], [0.36, 0.5]);
    await viewer.picker().waitFor();
    await viewer.shot('labeling-picker.png', await pickerClip(page));
    await viewer.keys('1', '1', 'Tab', 'type:7', 'Tab', '1');
    await viewer.shot('labeling-picker-attributes.png', await pickerClip(page));
    await viewer.answer('Enter');

    // More nodules: bidirectional (X) and ellipse (O); a painted one with the brush (S).
    await viewer.keys('x');
    await viewer.drag([0.66, 0.5], [0.72, 0.53]);
    await viewer.answer('1', '2', 'Tab', 'type:5', 'Tab', '4', 'Enter');
    await viewer.keys('o');
    await viewer.drag([0.6, 0.6], [0.65, 0.65]);
    await viewer.answer('1', '3', 'Tab', 'type:9', 'Tab', '5', 'Enter');
    await viewer.keys('s');
    await page.waitForTimeout(1500);
    await viewer.drag([0.34, 0.62], [0.35, 0.63], 1);
    await viewer.answer('1', '1', 'Tab', 'type:11', 'Tab', '3', 'Enter');
    // The study's Lung-RADS assessment (K).
    await viewer.keys('k');
    await viewer.picker().waitFor();
    await viewer.shot('labeling-classify.png', await pickerClip(page));
    await viewer.answer('1', '2', 'Enter');
    await page.getByTestId('rr-sync-status').and(page.locator('[data-state="synced"]')).waitFor({ timeout: 60_000 });

    // The labels panel: select a label from the list (M, arrows), delete it, the undo offer.
    await viewer.keys('m', 'Home', 'ArrowDown');
    await viewer.shot('labeling-mode.png');
    const panel = await page.getByTestId('rr-labels-panel').boundingBox();
    await viewer.shot('labeling-panel.png', { x: panel.x - 8, y: 40, width: panel.width + 16, height: 680 });
    await viewer.keys('Delete');
    await page.getByTestId('rr-undo-bar').waitFor();
    await viewer.shot('labeling-undo.png', { x: panel.x - 8, y: 40, width: panel.width + 16, height: 260 });
    await viewer.keys('Control+z');
    await page.getByTestId('rr-label-count').and(page.getByText('5', { exact: true })).waitFor();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await run();
