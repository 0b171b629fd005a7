// Benchmarks at whole-school scale (not a test: nothing here asserts a time).
// Usage: node tests/bench/run.mjs <dist> <dir of synthetic exports> [sizes...]
// Serves dist/ itself and drives Debian's Chromium headless; RUNS (default 5)
// runs of each figure; writes <dir>/results.json and prints a Markdown table.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { importDropped, editToPaint, mapPainted, openBusiestForEdit, openRegisterEdit, registerEditToPaint, provisionsCosted } from './flows.mjs';

const [dist = 'dist', dir = '.dev/bench', ...wanted] = process.argv.slice(2);
const sizes = wanted.length ? wanted : ['small', 'medium', 'large', 'xlarge'];
const RUNS = Number(process.env.RUNS ?? 5);
const port = 4199;
const origin = `http://127.0.0.1:${port}`;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

// Transfer sizes: what the first visit loads, and everything the worker caches.
function transfer() {
  const files = readdirSync(dist, { recursive: true }).filter((f) => statSync(join(dist, f)).isFile());
  const sum = (list) => list.reduce((t, f) => {
    const b = readFileSync(join(dist, f));
    return { raw: t.raw + b.length, gzip: t.gzip + gzipSync(b, { level: 9 }).length,
      brotli: t.brotli + brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
  }, { raw: 0, gzip: 0, brotli: 0 });
  const load = files.filter((f) => /^(index\.html|boot\.js|waymark-.*\.(js|wasm)|main-.*\.css)$/.test(f));
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  return { app: sum(load), wasm: sum(wasm), all: sum(files) };
}

async function measure(browser, size) {
  const text = readFileSync(join(dir, `${size}.json`), 'utf8');
  const doc = JSON.parse(text);
  const counts = Object.fromEntries(Object.entries(doc.data).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, v.length]));
  const r = { parse: [], stringify: [], put: [], getAll: [], import: [], cold: [], coldWasm: [], coldStart: [], coldOpen: [], coldRead: [], coldMap: [], export: [], edit: [], editCosted: [], regEdit: [], regCosted: [], pupil: [], heap: [], wasm: [] };
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    // Raw-JS baselines, on the same origin and data, without the app running.
    await page.goto(`${origin}/manifest.webmanifest`);
    const base = await page.evaluate(async (text) => {
      let t = performance.now(); const d = JSON.parse(text); const parse = performance.now() - t;
      t = performance.now(); JSON.stringify(d); const stringify = performance.now() - t;
      const stores = ['settings', 'roles', 'members', 'pupils', 'interventions', 'provisions', 'enrolments', 'plans'];
      const db = await new Promise((ok, no) => { const q = indexedDB.open('raw-baseline', 1);
        q.onupgradeneeded = () => { for (const s of stores) q.result.createObjectStore(s, { keyPath: 'id' }); };
        q.onsuccess = () => ok(q.result); q.onerror = () => no(q.error); });
      t = performance.now();
      await new Promise((ok, no) => { const tx = db.transaction(stores, 'readwrite');
        tx.objectStore('settings').put(d.data.settings);
        for (const s of stores.slice(1)) for (const rec of d.data[s]) tx.objectStore(s).put(rec);
        tx.oncomplete = ok; tx.onerror = () => no(tx.error); });
      const put = performance.now() - t;
      t = performance.now();
      await new Promise((ok, no) => { const tx = db.transaction(stores, 'readonly'); let left = stores.length;
        for (const s of stores) tx.objectStore(s).getAll().onsuccess = () => { if (--left === 0) ok(); };
        tx.onerror = () => no(tx.error); });
      const getAll = performance.now() - t;
      db.close();
      return { parse, stringify, put, getAll };
    }, text);
    for (const k of Object.keys(base)) r[k].push(base[k]);

    // Import through the app: the file dropped on the page, its preview, the
    // Import button, to the message that it is saved. The file is made in the
    // page first: handing Playwright a buffer would time its own upload too.
    await page.goto(`${origin}/#/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.evaluate(([name, text]) => { globalThis.benchFile = new File([text], name, { type: 'application/json' }); }, [`${size}.json`, text]);
    r.import.push(await page.evaluate(importDropped));

    // Export: the whole school to a download.
    let t0 = Date.now();
    await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByRole('button', { name: 'Export a backup' }).click()]);
    r.export.push(Date.now() - t0);

    // Cold start to an interactive whole-school map, the data already stored.
    // Timed in the page: the frame after the map's table first appears.
    const fresh = await context.newPage();
    await fresh.addInitScript(mapPainted);
    await fresh.goto(`${origin}/#/map`, { waitUntil: 'commit' });
    await fresh.waitForFunction(() => globalThis.benchMapPainted, null, { timeout: 600_000 });
    const cold = await fresh.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      return { painted: globalThis.benchMapPainted, wasm: wasm?.responseEnd ?? NaN, start: at('waymark-start'), opened: at('waymark-opened'), loaded: at('waymark-loaded') };
    });
    r.cold.push(cold.painted);
    // Where it went: the wasm downloaded, compiled and started; the database
    // opened; every record read; the map built and painted.
    r.coldWasm.push(cold.wasm);
    r.coldStart.push(cold.start);
    r.coldOpen.push(cold.opened - cold.start);
    r.coldRead.push(cold.loaded - cold.opened);
    r.coldMap.push(cold.painted - cold.loaded);

    // One edit: the minutes of the provision with the most pupils, to the new total painted.
    await openBusiestForEdit(fresh, doc);
    let costed = await fresh.evaluate(provisionsCosted);
    r.edit.push(await fresh.evaluate(editToPaint));
    r.editCosted.push((await fresh.evaluate(provisionsCosted)) - costed);

    // Opening a pupil page.
    r.pupil.push(await fresh.evaluate((id) => new Promise((done) => {
      const t = performance.now();
      location.hash = `#/pupils/${id}`;
      const check = () => document.querySelector('#pupil-total, #pupil-costs, .pupil-page .empty')
        ? requestAnimationFrame(() => done(performance.now() - t)) : requestAnimationFrame(check);
      check();
    }), doc.data.enrolments[0].pupil_id));

    // One edit on the register: a pupil's given name, to the row painted;
    // and how many provisions that edit costed.
    const newName = await openRegisterEdit(fresh);
    costed = await fresh.evaluate(provisionsCosted);
    r.regEdit.push(await fresh.evaluate(registerEditToPaint, newName));
    r.regCosted.push((await fresh.evaluate(provisionsCosted)) - costed);

    // Memory after load: JS heap (CDP) and the app's WebAssembly memory.
    const cdp = await context.newCDPSession(fresh);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    r.heap.push(metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN);
    r.wasm.push(await fresh.evaluate(() => globalThis.waymark?.wasmMemoryBytes?.() ?? NaN));
    await context.close();
    process.stderr.write(`${size}: run ${run + 1} of ${RUNS} done\n`);
  }
  return { size, bytes: text.length, counts, figures: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, stat(v)])) };
}

const server = spawn('node', ['tests/e2e/serve.mjs', dist, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((ok) => server.stdout.once('data', ok));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});
const results = { date: new Date().toISOString(), browser: `Chromium ${browser.version()}`,
  machine: `${execFileSync('nproc').toString().trim()} cores, ${Math.round(Number(execFileSync('awk', ['/MemTotal/ {print $2}', '/proc/meminfo']).toString()) / 1048576)} GiB`,
  runs: RUNS, transfer: transfer(), sizes: [] };
try {
  for (const size of sizes) results.sizes.push(await measure(browser, size));
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2));

const ms = (s) => `${s.median.toFixed(s.median < 10 ? 1 : 0)} (${s.min.toFixed(0)}-${s.max.toFixed(0)})`;
const ratio = (a, b) => (a.median / b.median).toFixed(1);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const t = results.transfer;
console.log(`Measured ${results.date.slice(0, 10)} in ${results.browser}, ${results.machine}, median (min-max) of ${RUNS} runs, times in ms.\n`);
console.log(`Transfer, first visit (index, boot.js, js, wasm, css): ${kb(t.app.raw)} raw, ${kb(t.app.gzip)} gzip, ${kb(t.app.brotli)} brotli (wasm alone ${kb(t.wasm.gzip)} gzip, ${kb(t.wasm.brotli)} brotli).\n`);
console.log('| size | pupils / enrolments | file | cold start to map | (x getAll) | import | (x parse + put) | export | (x stringify) | edit to paint | pupil page | JS heap | wasm memory |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const s of results.sizes) {
  const f = s.figures;
  const importBase = { median: f.parse.median + f.put.median };
  console.log(`| ${s.size} | ${s.counts.pupils} / ${s.counts.enrolments} | ${kb(s.bytes)} | ${ms(f.cold)} | ${ratio(f.cold, f.getAll)} | ${ms(f.import)} | ${ratio(f.import, importBase)} | ${ms(f.export)} | ${ratio(f.export, f.stringify)} | ${ms(f.edit)} | ${ms(f.pupil)} | ${(f.heap.median / 1048576).toFixed(1)} MB | ${(f.wasm.median / 1048576).toFixed(1)} MB |`);
}
console.log('\nWork per edit: edit to paint (ms) and provisions costed by the edit (the app\'s debug counter; n/a for a build without it), for the provision edit above and for a pupil\'s name changed on the register.\n');
console.log('| size | provision edit | provisions costed | register edit | provisions costed |');
console.log('|---|---|---|---|---|');
const count = (s) => (Number.isFinite(s.median) ? String(s.median) : 'n/a');
for (const s of results.sizes) {
  const f = s.figures;
  console.log(`| ${s.size} | ${ms(f.edit)} | ${count(f.editCosted)} | ${ms(f.regEdit)} | ${count(f.regCosted)} |`);
}
console.log('\n| size | baseline JSON.parse | JSON.stringify | IndexedDB bulk put | getAll of every store |');
console.log('|---|---|---|---|---|');
for (const s of results.sizes) {
  const f = s.figures;
  console.log(`| ${s.size} | ${ms(f.parse)} | ${ms(f.stringify)} | ${ms(f.put)} | ${ms(f.getAll)} |`);
}
console.log('\nCold start, where it goes (medians, ms from navigation): the wasm downloaded; the app started (wasm compiled and instantiated, the page mounted); then opening the database, reading every record, and building and painting the map.\n');
console.log('| size | wasm downloaded | app started | open database | read records | map built and painted | cold start |');
console.log('|---|---|---|---|---|---|---|');
for (const s of results.sizes) {
  const f = s.figures;
  const m = (x) => x.median.toFixed(0);
  console.log(`| ${s.size} | ${m(f.coldWasm)} | ${m(f.coldStart)} | ${m(f.coldOpen)} | ${m(f.coldRead)} | ${m(f.coldMap)} | ${m(f.cold)} |`);
}
