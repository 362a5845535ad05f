// Time from navigation to the first rendered image of the demo CT: stock OHIF (no plugins,
// its basic viewer mode) against the same OHIF with ReadingRoom loaded (the Labeling mode,
// which is the basic mode plus our panel), same host version, same server, runs interleaved.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, machineLine, median, startServer, tempDir, writeResultSection } from './support.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const OHIF_VERSION = process.env.OHIF_VERSION ?? '3.13.2';

// Runs in the page before any host script: records when the viewport canvas first shows an image.
function recordFirstImage() {
  const check = () => {
    const canvas = document.querySelector('canvas.cornerstone-canvas');
    if (canvas && canvas.width > 0) {
      const { width, height } = canvas;
      const data = canvas.getContext('2d').getImageData(width / 4, height / 4, width / 2, height / 2).data;
      let min = 255;
      let max = 0;
      for (let i = 0; i < data.length; i += 4 * 97) {
        min = Math.min(min, data[i]);
        max = Math.max(max, data[i]);
      }
      if (max - min > 40) {
        window.__firstImageMs = performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function timeFirstImage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(recordFirstImage);
  await page.goto(url);
  await page.waitForFunction(() => window.__firstImageMs !== undefined, null, { timeout: 120_000, polling: 100 });
  const ms = await page.evaluate(() => window.__firstImageMs);
  await context.close();
  return ms;
}

async function findCt(baseUrl) {
  const studies = await (await fetch(`${baseUrl}/dicomweb/studies?includefield=00081030`)).json();
  return studies.find(s => s['00081030']?.Value?.[0] === 'CT CHEST WITHOUT CONTRAST')['0020000D'].Value[0];
}

export default async function run() {
  const dataDir = tempDir('readingroom-bench-');
  const emptyPlugins = join(dataDir, 'no-plugins');
  mkdirSync(emptyPlugins);
  const ours = await startServer({ DATA_DIR: dataDir, OHIF_VERSION });
  const stock = await startServer({ DATA_DIR: dataDir, OHIF_VERSION, PLUGINS_DIR: emptyPlugins, SEED_DEMO: 'false' });
  const browser = await launchChromium();
  try {
    const ct = await findCt(ours.url);
    const urls = { stock: `${stock.url}/basic?StudyInstanceUIDs=${ct}`, ours: `${ours.url}/labeling?StudyInstanceUIDs=${ct}` };
    // One untimed run each warms the server's file cache so the first timed pair is not penalised.
    await timeFirstImage(browser, urls.stock);
    await timeFirstImage(browser, urls.ours);
    const times = { stock: [], ours: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const variant of i % 2 ? ['ours', 'stock'] : ['stock', 'ours']) times[variant].push(await timeFirstImage(browser, urls[variant]));
    }
    const ratio = median(times.ours) / median(times.stock);
    const row = v => `${median(times[v]).toFixed(0)} ms (runs: ${times[v].map(t => t.toFixed(0)).join(', ')})`;
    const markdown = `
## Time to first image: ReadingRoom loaded vs stock OHIF

Command: \`npm run bench -- firstImage\` (BENCH_RUNS=${RUNS}, OHIF_VERSION=${OHIF_VERSION}); ${new Date().toISOString().slice(0, 10)}; ${machineLine()}.
Navigation start → first non-blank viewport canvas, demo CT (64 × 512² slices), fresh browser context per run (cold HTTP cache), runs interleaved.

| Variant | Median (all runs) |
|---|---|
| stock OHIF ${OHIF_VERSION}, no plugins, basic mode | ${row('stock')} |
| OHIF ${OHIF_VERSION} + ReadingRoom, Labeling mode | ${row('ours')} |

**Median ratio ours/stock: ${ratio.toFixed(3)}** (goal ≤ 1.05).
`;
    writeResultSection('first-image', markdown);
    console.log(markdown);
    return { ratio };
  } finally {
    await browser.close();
    await Promise.all([ours.stop(), stock.stop()]);
  }
}
