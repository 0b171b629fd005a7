// Where the time goes (not a test): CPU profiles of the benchmark's flows.
// Usage: node tests/bench/profile.mjs <dist> <synthetic export> [out dir]
// Build <dist> with function names kept to read the wasm frames, e.g. add
// data-keep-debug and data-wasm-opt-params="-g" to index.html's rust link.
// Prints each flow's heaviest functions by self time and writes the
// .cpuprofile files (open them in Chromium's DevTools Performance panel).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { importDropped, editToPaint, openBusiestForEdit } from './flows.mjs';

const [dist = 'dist', file = '.dev/bench/large.json', out = '.dev/profile'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const port = 4198;
const origin = `http://127.0.0.1:${port}`;
const text = readFileSync(file, 'utf8');
const doc = JSON.parse(text);

function summary(name, profile) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = f.functionName || `(${f.url.split('/').pop() || 'program'})`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\n## ${name}: ${total.toFixed(0)} ms sampled`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${v.toFixed(1).padStart(8)}  ${k.slice(0, 150)}`);
  // Inclusive time of the app's own functions (waymark::), the clearest view of where an edit goes.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at).callFrame.functionName;
      const key = f.replace(/::h[0-9a-f]{16}.*$/, '');
      if (/waymark::|leptos|reactive_graph|tachys/.test(key) && !seen.has(key)) {
        seen.add(key);
        incl.set(key, (incl.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
      }
    }
  });
  console.log('-- inclusive');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${v.toFixed(1).padStart(8)}  ${k.slice(0, 150)}`);
  writeFileSync(join(out, `${name}.cpuprofile`), JSON.stringify(profile));
}

// A trace's tasks of over 5 ms on the page's main thread, in order, with what ran in each.
function longTasks(trace, name, over = 5000) {
  const tasks = trace.traceEvents.filter((e) => e.name === 'RunTask' && e.dur > over).sort((a, b) => a.ts - b.ts);
  const nav = trace.traceEvents.find((e) => e.name === 'navigationStart')?.ts ?? tasks[0]?.ts ?? 0;
  console.log(`\n## ${name}: tasks over ${over / 1000} ms (start after navigation, length)`);
  for (const task of tasks) {
    const inner = trace.traceEvents.filter((e) => e.ph === 'X' && e.tid === task.tid && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task && e.dur > 2000);
    const names = [...new Set(inner.map((e) => e.name + (e.args?.data?.url ? `:${e.args.data.url.split('/').pop()}` : '')))].slice(0, 8).join(', ');
    console.log(`${((task.ts - nav) / 1000).toFixed(0).padStart(6)} +${(task.dur / 1000).toFixed(0).padStart(5)} ms  ${names}`);
  }
  writeFileSync(join(out, `${name}.trace.json`), JSON.stringify(trace));
}

async function profiled(cdp, name, work) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const t = Date.now();
  await work();
  const ms = Date.now() - t;
  const { profile } = await cdp.send('Profiler.stop');
  console.log(`\n${name}: ${ms} ms`);
  summary(name, profile);
}

const server = spawn('node', ['tests/e2e/serve.mjs', dist, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((ok) => server.stdout.once('data', ok));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${origin}/#/settings`);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  const cdp = await context.newCDPSession(page);
  await page.evaluate((text) => { globalThis.benchFile = new File([text], 'school.json', { type: 'application/json' }); }, text);
  const importing = async () => console.log('import', await page.evaluate(importDropped));
  if (process.env.TRACE_IMPORT) {
    // Traced rather than sampled: each long task of the page's main thread, in order.
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] });
    const t = Date.now();
    await importing();
    console.log(`\nimport (traced) ${Date.now() - t} ms`);
    longTasks(JSON.parse((await browser.stopTracing()).toString()), 'import');
  } else {
    await profiled(cdp, 'import', importing);
  }
  await profiled(cdp, 'export', async () => {
    await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByRole('button', { name: 'Export a backup' }).click()]);
  });
  const fresh = await context.newPage();
  const cdp2 = await context.newCDPSession(fresh);
  const starting = async () => {
    await fresh.goto(`${origin}/#/map`, { waitUntil: 'commit' });
    await fresh.locator('table.map').waitFor({ timeout: 600_000 });
  };
  if (process.env.TRACE_COLD) {
    await browser.startTracing(fresh, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'v8.wasm'] });
    await starting();
    longTasks(JSON.parse((await browser.stopTracing()).toString()), 'cold-start');
  } else {
    await profiled(cdp2, 'cold-start', starting);
  }
  console.log(`cold start at ${await fresh.evaluate(() => performance.now())} ms`);
  const minutes = await openBusiestForEdit(fresh, doc);
  await profiled(cdp2, 'edit', async () => {
    console.log('edit to paint', await fresh.evaluate(editToPaint));
  });
  // The edit again, traced: what the browser spends outside script (style, layout, paint).
  await fresh.getByRole('button', { name: 'Edit provision' }).click();
  await minutes.fill(String(Number(await minutes.inputValue()) + 5));
  await browser.startTracing(fresh, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  console.log('\nedit to paint (traced)', await fresh.evaluate(editToPaint));
  const trace = JSON.parse((await browser.stopTracing()).toString());
  longTasks(trace, 'edit', 300);
  const main = trace.traceEvents.filter((e) => e.ph === 'X' && e.dur);
  const byName = new Map();
  for (const e of main) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
  writeFileSync(join(out, 'edit.trace.json'), JSON.stringify(trace));
  await context.close();
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
