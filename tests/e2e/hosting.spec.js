// Hosting safely (issue 16, points 8 and 10): the service worker keeps to
// the app's own folder; "Reload to update" waits for a save in flight and
// asks before losing typing; and the app on its own origin, framed by an
// intranet page on another origin under the README's CSP, works there while
// the intranet cannot reach into it, and a third origin cannot frame it.
// Each test serves dist/ itself with Node's http server.
import { test, expect } from '@playwright/test';
import { createServer } from 'node:http';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

const running = new Set();
test.afterEach(async () => { for (const stop of [...running]) await stop(); });

/**
 * Serve `dir` under `base` on `port` of each of `hosts` (one that cannot be
 * bound, such as ::1 without IPv6, is skipped), with `headers` on every
 * response; `pages` maps other paths to HTML. Every request is noted in
 * `requests` (its path, Sec-Fetch-Dest and Referer).
 */
async function serve({ port, dir = 'dist', base = '/', headers = {}, pages = {}, hosts = ['127.0.0.1'] }) {
  const root = resolve(dir);
  const requests = [];
  const handler = async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push({ path: url.pathname, dest: req.headers['sec-fetch-dest'], referer: req.headers.referer });
    const head = { 'Cache-Control': 'no-store', ...headers };
    const notFound = () => res.writeHead(404, { ...head, 'Content-Type': 'text/plain' }).end('Not found');
    if (pages[url.pathname] !== undefined) {
      res.writeHead(200, { ...head, 'Content-Type': 'text/html; charset=utf-8' }).end(pages[url.pathname]);
      return;
    }
    if (!url.pathname.startsWith(base)) return notFound();
    let path = normalize('/' + decodeURIComponent(url.pathname.slice(base.length)));
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root + sep)) return notFound();
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { ...head, 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      notFound();
    }
  };
  const servers = [];
  for (const host of hosts) {
    const s = createServer(handler);
    try {
      await new Promise((ok, fail) => { s.once('error', fail); s.listen(port, host, ok); });
      servers.push(s);
    } catch (e) {
      if (host === hosts[0]) throw e;
    }
  }
  const stop = () => {
    running.delete(stop);
    return Promise.all(servers.map((s) => new Promise((done) => { s.closeAllConnections(); s.close(() => done()); })));
  };
  running.add(stop);
  return { stop, requests };
}

async function addPupil(scope, given, family) {
  const f = scope.locator('form.add-pupil');
  await f.getByLabel('Given name').fill(given);
  await f.getByLabel('Family name').fill(family);
  await f.getByLabel('Year group', { exact: true }).selectOption({ label: 'Year 3' });
  await f.getByRole('button', { name: 'Add pupil' }).click();
  await expect(scope.locator('.save-status')).toHaveText('All changes saved');
}

test('the service worker\'s scope is the app\'s folder, and it refuses the host\'s root', async ({ page }) => {
  test.setTimeout(60_000);
  const port = 4191;
  const origin = `http://127.0.0.1:${port}`;
  // The worst case: a server that would let a worker claim its whole origin.
  await serve({
    port, base: '/waymark/', headers: { 'Service-Worker-Allowed': '/' },
    pages: { '/': '<!DOCTYPE html><html lang="en-GB"><title>Host root</title><h1>The host\'s own page</h1></html>' },
  });
  await page.goto(`${origin}/waymark/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  expect(await page.evaluate(async () => ({
    scope: (await navigator.serviceWorker.ready).scope,
    script: navigator.serviceWorker.controller.scriptURL,
  }))).toEqual({ scope: `${origin}/waymark/`, script: `${origin}/waymark/sw.js` });

  // A page of the host at / is not controlled, and no registration covers it.
  await page.goto(`${origin}/`);
  await expect(page.getByRole('heading', { name: 'The host\'s own page' })).toBeVisible();
  expect(await page.evaluate(async () => ({
    controlled: navigator.serviceWorker.controller !== null,
    here: (await navigator.serviceWorker.getRegistration('/')) === undefined ? 'none' : 'one',
    scopes: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
  }))).toEqual({ controlled: false, here: 'none', scopes: [`${origin}/waymark/`] });

  // The app's worker registered for the root (the browser allows it here):
  // it refuses to install and unregisters itself.
  const refused = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.register('/waymark/sw.js', { scope: '/' });
    const w = reg.installing ?? reg.waiting ?? reg.active;
    if (w.state !== 'redundant' && w.state !== 'activated') {
      await new Promise((done) => w.addEventListener('statechange', () => {
        if (w.state === 'redundant' || w.state === 'activated') done();
      }));
    }
    return {
      state: w.state,
      scopes: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
    };
  });
  expect(refused).toEqual({ state: 'redundant', scopes: [`${origin}/waymark/`] });
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(false);

  // The app is unharmed.
  await page.goto(`${origin}/waymark/#/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
});

/** A new release of the build in `dir`: its worker and a file change. */
async function release(page, dir, n) {
  appendFileSync(`${dir}/sw.js`, `\n// release ${n}\n`);
  appendFileSync(`${dir}/embed.css`, `\n/* release ${n} */\n`);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await expect(page.locator('#update-ready')).toContainText('A new version of Waymark is ready.');
}

const cacheName = (page) => page.evaluate(async () => (await caches.keys()).find((k) => k.startsWith('waymark-')));
const cacheReplaced = (page, old) => page.waitForFunction(
  (old) => caches.keys().then((k) => !k.includes(old) && k.some((x) => x.startsWith('waymark-'))), old, { timeout: 20_000 });

test('reload to update asks before losing typing, and waits for a save in flight', async ({ page }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync('/tmp/waymark-dist-');
  cpSync('dist', dir, { recursive: true });
  const port = 4192;
  await serve({ port, dir });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  const form = page.locator('form.add-pupil');

  // Typing not saved: asked first, and going back keeps it.
  await form.getByLabel('Given name').fill('Half');
  let first = await cacheName(page);
  await release(page, dir, 2);
  await page.getByRole('button', { name: 'Reload to update' }).click();
  await expect(page.locator('#update-question')).toHaveText('You have unsaved changes in Add a pupil: reload anyway?');
  await page.getByRole('button', { name: 'Go back to my changes' }).click();
  await expect(page.locator('#update-question')).toHaveCount(0);
  await expect(form.getByLabel('Given name')).toHaveValue('Half');
  await expect(form.getByLabel('Given name')).toBeFocused();

  // A save held in flight (another connection keeps a write to pupils open):
  // the update waits for it, then reloads, and the pupil is kept.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('waymark');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result;
      const store = db.transaction(['pupils'], 'readwrite').objectStore('pupils');
      window.__hold = true;
      const spin = () => { store.get('none').onsuccess = () => { if (window.__hold) spin(); else db.close(); }; };
      spin();
      resolve();
    };
  }));
  await form.getByLabel('Family name').fill('Held');
  await form.getByLabel('Year group', { exact: true }).selectOption({ label: 'Year 3' });
  await form.getByRole('button', { name: 'Add pupil' }).click();
  await expect(page.locator('.save-status')).toHaveText('Saving…');
  await page.getByRole('button', { name: 'Reload to update' }).click();
  await expect(page.locator('#update-waiting')).toHaveText('Saving your last change first…');
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.__hold)).toBe(true);
  await expect(page.locator('.save-status')).toHaveText('Saving…');
  await page.evaluate(() => { window.__hold = false; });
  await cacheReplaced(page, first);
  await expect(page.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
  await expect(page.locator('#update-ready')).toHaveCount(0);
  expect(await page.evaluate(() => window.__hold)).toBeUndefined();
  await expect(page.getByRole('row', { name: /Half Held/ })).toBeVisible();

  // Told to reload anyway, it does.
  await form.getByLabel('Given name').fill('Dropped');
  first = await cacheName(page);
  await release(page, dir, 3);
  await page.getByRole('button', { name: 'Reload to update' }).click();
  await expect(page.locator('#update-question')).toHaveText('You have unsaved changes in Add a pupil: reload anyway?');
  await page.getByRole('button', { name: 'Reload anyway' }).click();
  await cacheReplaced(page, first);
  await expect(page.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
  await expect(form.getByLabel('Given name')).toHaveValue('');

  // With nothing typed, and a saved form, it reloads at once.
  await addPupil(page, 'Saved', 'First');
  first = await cacheName(page);
  await release(page, dir, 4);
  await page.getByRole('button', { name: 'Reload to update' }).click();
  await cacheReplaced(page, first);
  await expect(page.getByRole('row', { name: /Saved First/ })).toBeVisible();
});

const APP_PORT = 4193;
const INTRANET_PORT = 4194;
const OTHER_PORT = 4195;
const APP = `http://127.0.0.1:${APP_PORT}`;
const INTRANET = `http://localhost:${INTRANET_PORT}`;
const OTHER = `http://localhost:${OTHER_PORT}`;
// The README's policy for the app on its own origin, framed only by the intranet.
const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + `object-src 'none'; base-uri 'none'; frame-ancestors ${INTRANET}`;
const framing = (title) => `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1 id="intranet-title">${title}</h1>
<iframe id="app" title="Waymark: SEN provision maps" src="${APP}/"
  sandbox="allow-scripts allow-same-origin allow-downloads allow-modals allow-forms"
  style="width: 100%; height: 900px; border: 0"></iframe>
</body></html>`;

async function serveThree() {
  const app = await serve({ port: APP_PORT, headers: { 'Content-Security-Policy': POLICY, 'X-Content-Type-Options': 'nosniff' } });
  const loopback = ['127.0.0.1', '::1'];
  await serve({ port: INTRANET_PORT, hosts: loopback, pages: { '/': framing('St Example\'s intranet') } });
  await serve({ port: OTHER_PORT, hosts: loopback, pages: { '/': framing('Somewhere else') } });
  return app;
}

/** The app never ran in the page's #app frame: its document was refused. */
async function expectRefused(page, app, from) {
  const before = app.requests.length;
  await page.goto(`${from}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('load');
  await page.waitForTimeout(1500);
  await expect(page.frameLocator('#app').locator('.waymark-app')).toHaveCount(0);
  await expect(page.frameLocator('#app').getByRole('heading', { name: 'Pupils' })).toHaveCount(0);
  return app.requests.slice(before);
}

test('on its own origin under the CSP, framed by an intranet on another: it works there, and no one else can reach in or frame it', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const app = await serveThree();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const headers = (await page.request.get(`${APP}/`)).headers();
  expect(headers['content-security-policy']).toBe(POLICY);
  expect(headers['x-content-type-options']).toBe('nosniff');

  // In the intranet's iframe the app works, and what it saves is kept.
  await page.goto(`${INTRANET}/`);
  const framed = page.frameLocator('#app');
  await expect(framed.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
  await addPupil(framed, 'Framed', 'Crossorigin');
  const frame = page.frames().find((f) => f.url().startsWith(`${APP}/`));
  expect(await frame.evaluate(() => window.__violations)).toEqual([]);
  expect(await frame.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('waymark');

  // The intranet cannot read the app's document or its storage: another origin.
  const reach = await page.evaluate(() => {
    const iframe = document.querySelector('#app');
    const w = iframe.contentWindow;
    const attempt = (f) => { try { f(); return 'read'; } catch (e) { return e.name; } };
    return {
      contentDocument: iframe.contentDocument === null ? 'null' : 'a document',
      document: attempt(() => w.document.body),
      indexedDB: attempt(() => w.indexedDB.open('waymark')),
      localStorage: attempt(() => w.localStorage.length),
    };
  });
  expect(reach).toEqual({ contentDocument: 'null', document: 'SecurityError', indexedDB: 'SecurityError', localStorage: 'SecurityError' });
  // Its own IndexedDB (its origin's) holds nothing of the app's.
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('waymark');
  expect(page.url()).toBe(`${INTRANET}/`);

  await page.reload();
  await expect(framed.getByRole('row', { name: /Framed Crossorigin/ })).toBeVisible();
  expect(await page.frames().find((f) => f.url().startsWith(`${APP}/`)).evaluate(() => window.__violations)).toEqual([]);

  // A third origin, not in frame-ancestors, cannot frame it: first in a
  // browser that never visited it (the server is asked for the page and
  // nothing more: the document never ran) ...
  const fresh = await browser.newContext();
  try {
    const stranger = await fresh.newPage();
    const asked = await expectRefused(stranger, app, OTHER);
    expect(asked.map((r) => `${r.path} ${r.dest}`)).toEqual(['/ iframe']);
    expect(asked[0].referer).toBe(`${OTHER}/`);
  } finally {
    await fresh.close();
  }
  // ... and then in this one, whose service worker for the app may answer.
  await expectRefused(page, app, OTHER);
});
