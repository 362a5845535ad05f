// Labels panel with 500 labels: time of one update (select, edit, add, delete) from the state
// change to the committed DOM and a forced layout, in Debian Chromium, production React. Ours (the
// real LabelList: memoized rows, one listbox) against a baseline that re-renders every row on every
// change (the same rows without memoization, as the issue-2 panel did). Goal: every update ≤ 16 ms.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpack from 'webpack';
import { launchChromium, machineLine, median, percentile, repositoryRoot, tempDir, writeResultSection } from './support.mjs';

const LABELS = Number(process.env.BENCH_LABELS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const src = join(repositoryRoot, 'extensions/labeling/src');

// Runs in the page: renders one variant, then times updates of each kind.
const harness = `
import { flushSync } from 'react-dom';
import * as ReactDOM from 'react-dom';
import { useState } from 'react';
import { LabelList } from '${src}/panels/LabelList';
import { LabelRow } from '${src}/panels/LabelRow';
import { groupLabels } from '${src}/runtime/groupLabels';
import { nodulesTestSchema as schema } from '${src}/testing/testSchema';

const kinds = ['length', 'ellipse', 'rectangle', 'point', 'bidirectional', 'freehand'];
function makeEntry(i, diameter = 4 + (i % 20)) {
  const kind = kinds[i % kinds.length];
  return {
    origin: 'server',
    snapshot: {
      labelId: '0192f0c8-0000-7000-8000-' + String(i).padStart(12, '0'),
      projectId: 'bench', schemaVersion: 1,
      findingTypeId: i % 3 === 0 ? 'mass' : 'nodule',
      attributes: i % 3 === 0 ? {} : { composition: i % 2 ? 'solid' : 'part-solid', diameter },
      status: i % 5 === 0 ? 'submitted' : 'draft', scope: 'image',
      StudyInstanceUID: '1.2', SeriesInstanceUID: '1.2.3', SOPInstanceUID: '1.2.3.' + i,
      geometry: { kind, toolName: kind, points: [[0, 0, 0], [diameter, 0, 0]] },
      measurements: [{ name: kind === 'length' ? 'length' : 'area', value: diameter * 1.7, unit: kind === 'length' ? 'mm' : 'mm²' }, { name: 'mean', value: -400 + i, unit: 'HU' }],
    },
  };
}

// Baseline: the same groups and rows, every row re-rendered on every change.
const PlainRow = LabelRow.type;
function BaselineList({ entries, selectedLabelId, onAction }) {

  return (
    <div role="listbox" tabIndex={0}>
      {groupLabels(entries, schema).map(group => (
        <div key={group.findingTypeId} role="group">
          <div>{group.title} ({group.entries.length})</div>
          {group.entries.map(entry => <PlainRow key={entry.snapshot.labelId} entry={entry} schema={schema} selected={entry.snapshot.labelId === selectedLabelId} onAction={onAction} />)}
        </div>
      ))}
    </div>
  );
}

const noop = () => undefined;
window.runBench = (variant, count, rounds) => {
  let setState;
  function App() {
    const [state, set] = useState({ entries: Array.from({ length: count }, (_, i) => makeEntry(i)), selected: undefined });
    setState = set;
    const List = variant === 'ours' ? LabelList : BaselineList;
    return <List entries={state.entries} schema={schema} selectedLabelId={state.selected} onSelect={noop} onAction={noop} onUndo={() => false} />;
  }
  const container = document.getElementById('root');
  const root = ReactDOM.createRoot(container);
  flushSync(() => root.render(<App />));
  const timeUpdate = update => {
    const start = performance.now();
    flushSync(() => setState(update));
    void container.offsetHeight; // style and layout of the change count too
    return performance.now() - start;
  };
  const times = { select: [], edit: [], add: [], delete: [] };
  let next = count;
  for (let r = 0; r < rounds; r++) {
    times.select.push(timeUpdate(s => ({ ...s, selected: s.entries[(r * 7) % s.entries.length].snapshot.labelId })));
    times.edit.push(timeUpdate(s => {
      const i = (r * 13) % s.entries.length;
      const entries = s.entries.slice();
      entries[i] = { ...makeEntry(i, 30 + r), origin: 'local' };
      return { ...s, entries };
    }));
    times.add.push(timeUpdate(s => ({ ...s, entries: [...s.entries, makeEntry(next++)] })));
    times.delete.push(timeUpdate(s => ({ ...s, entries: s.entries.filter((_, i) => i !== (r * 11) % s.entries.length) })));
  }
  root.unmount();
  return times;
};
`;

async function buildHarness(dir) {
  const entry = join(dir, 'harness.jsx');
  writeFileSync(entry, harness);
  const config = {
    mode: 'production',
    context: repositoryRoot,
    entry,
    output: { path: dir, filename: 'harness.js' },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.jsx', '.json'],
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
      modules: [join(repositoryRoot, 'node_modules')],
      alias: { '@readingroom/platform-shim': join(repositoryRoot, 'platform-shim/src/index.ts') },
    },
    module: {
      rules: [{
        test: /\.[jt]sx?$/,
        exclude: /node_modules/,
        use: { loader: 'swc-loader', options: { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' } } },
      }],
    },
    resolveLoader: { modules: [join(repositoryRoot, 'node_modules')] },
    performance: { hints: false },
  };
  await new Promise((resolve, reject) =>
    webpack(config, (error, stats) => (error || stats.hasErrors() ? reject(error ?? new Error(stats.toString('errors-only'))) : resolve())),
  );
  return readFileSync(join(dir, 'harness.js'), 'utf8');
}

export default async function run() {
  const dir = tempDir('readingroom-bench-panel-');
  mkdirSync(dir, { recursive: true });
  const script = await buildHarness(dir);
  const browser = await launchChromium();
  const results = { ours: [], baseline: [] };
  try {
    // Fresh page per run, variants interleaved, so neither profits from the other's warm-up.
    for (const variant of ['baseline', 'ours', 'ours', 'baseline']) {
      const page = await browser.newPage({ viewport: { width: 420, height: 1000 } });
      await page.setContent('<!doctype html><html><body style="margin:0"><div id="root" style="width:400px"></div></body></html>');
      await page.addScriptTag({ content: script });
      results[variant].push(await page.evaluate(([v, n, r]) => window.runBench(v, n, r), [variant, LABELS, ROUNDS]));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const kinds = ['select', 'edit', 'add', 'delete'];
  const pooled = variant => Object.fromEntries(kinds.map(k => [k, results[variant].flatMap(r => r[k])]));
  const ours = pooled('ours');
  const baseline = pooled('baseline');
  const cell = values => `${median(values).toFixed(1)} / ${percentile(values, 95).toFixed(1)} / ${Math.max(...values).toFixed(1)}`;
  const worstP95 = Math.max(...kinds.map(k => percentile(ours[k], 95)));
  const markdown = `
## Labels panel: one update with ${LABELS} labels

Command: \`npm run bench -- labelsPanel\` (BENCH_LABELS=${LABELS}, BENCH_ROUNDS=${ROUNDS}, 2 page runs per variant, interleaved); ${new Date().toISOString().slice(0, 10)}; ${machineLine()}.
Time from a state change to the committed DOM plus a forced layout (\`flushSync\`, production React 18), the real \`LabelList\` grouped by finding type. Baseline: the same rows without memoization (every row re-renders on every change, as the issue-2 panel did).

| Update | ours: median / p95 / max (ms) | baseline: median / p95 / max (ms) |
|---|---|---|
${kinds.map(k => `| ${k} | ${cell(ours[k])} | ${cell(baseline[k])} |`).join('\n')}

**Worst p95 of ours: ${worstP95.toFixed(1)} ms** (goal: each update ≤ 16 ms).
`;
  writeResultSection('labels-panel', markdown);
  console.log(markdown);
  return { worstP95 };
}
