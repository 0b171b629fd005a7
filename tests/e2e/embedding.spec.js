// Embedding safely (issue 16, point 10): the app on its own origin, framed
// by an intranet page on another origin of the same site (as the README's
// waymark.school.example in intranet.school.example: here one address on
// three ports, which are three origins of one site) under the README's CSP,
// works there while the intranet cannot reach into it, and an origin not
// named in frame-ancestors cannot frame it. The test serves dist/ itself
// (host-server.js).
import { test, expect } from '@playwright/test';
import { addPupil } from './helpers.js';
import { serve, stopAll } from './host-server.js';

test.afterEach(stopAll);

const APP_PORT = 4193;
const INTRANET_PORT = 4194;
const OTHER_PORT = 4195;
const APP = `http://127.0.0.1:${APP_PORT}`;
const INTRANET = `http://127.0.0.1:${INTRANET_PORT}`;
const OTHER = `http://127.0.0.1:${OTHER_PORT}`;
// The README's policy for the app on its own origin, framed only by the intranet.
const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + `object-src 'none'; base-uri 'none'; frame-ancestors ${INTRANET}`;
const framing = (title) => `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1 id="intranet-title">${title}</h1>
<iframe id="app" title="Waymark: SEN provision maps" src="${APP}/#/pupils"
  sandbox="allow-scripts allow-same-origin allow-downloads allow-modals allow-forms"
  style="width: 100%; height: 900px; border: 0"></iframe>
</body></html>`;

async function serveThree() {
  const app = await serve({ port: APP_PORT, headers: { 'Content-Security-Policy': POLICY, 'X-Content-Type-Options': 'nosniff' } });
  await serve({ port: INTRANET_PORT, pages: { '/': framing('St Example\'s intranet') } });
  await serve({ port: OTHER_PORT, pages: { '/': framing('Somewhere else') } });
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

test('on its own origin under the CSP, framed by an intranet on another origin of its site: it works there, and no one else can reach in or frame it', async ({ page, browser }) => {
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
    // (The first browser's worker may check /sw.js for an update meanwhile:
    // the server hears it, but it is no part of this page.)
    const framed = asked.filter((r) => r.dest !== 'serviceworker');
    expect(framed.map((r) => `${r.path} ${r.dest}`)).toEqual(['/ iframe']);
    expect(framed[0].referer).toBe(`${OTHER}/`);
  } finally {
    await fresh.close();
  }
  // ... and then in this one, whose service worker for the app may answer.
  await expectRefused(page, app, OTHER);
});
