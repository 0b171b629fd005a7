// Offline, installable, no network, strict CSP, a sub-path, and embedding in
// an imitation intranet page (an iframe, and a <provision-map> element).
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fixture, seed, axeViolations, openAddPupil, addPupil } from './helpers.js';

const BASE = '/sen/provision-map/';

const running = new Set();
/** Serve dist/ on `port` under BASE (with the strict CSP if asked); resolves to a stop function. */
function serve(port, ...flags) {
  return new Promise((resolve, reject) => {
    const p = spawn('node', ['tests/e2e/serve.mjs', 'dist', String(port), '--base', BASE, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
    const stop = () => new Promise((done) => {
      running.delete(stop);
      if (p.exitCode !== null) return done();
      p.once('exit', done);
      p.kill('SIGTERM');
    });
    running.add(stop);
    p.stdout.once('data', () => resolve(stop));
    p.once('error', reject);
  });
}
// A failed test still stops its server.
test.afterEach(async () => { for (const stop of [...running]) await stop(); });

const menu = ['Interventions', 'Provisions', 'Provision map', 'Budget', 'Staff', 'Impact', 'Reports', 'Settings', 'Pupils'];
const headings = { 'Interventions': 'Intervention library', 'Provision map': 'Provision map', Pupils: 'Pupils' };

async function everyView(scope) {
  for (const item of menu) {
    await scope.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: item, exact: true }).click();
    await expect(scope.getByRole('heading', { level: 1, name: headings[item] ?? item, exact: true })).toBeVisible();
  }
}

test('installable, and after one visit everything works with the server stopped', async ({ page }) => {
  test.setTimeout(90_000);
  const port = 4181;
  const stop = await serve(port);
  const origin = `http://127.0.0.1:${port}`;
  await seed(page, fixture, `${origin}${BASE}manifest.webmanifest`);
  await page.goto(`${origin}${BASE}#/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  // The manifest: relative start_url and scope, icons of 192 and 512 (one maskable).
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
  expect(manifest).toMatchObject({ start_url: './', scope: './', display: 'standalone', theme_color: '#1d4f91' });
  expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  // The service worker has taken over and cached the build.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const c = await caches.open(keys.find((k) => k.startsWith('waymark-')));
    return (await c.keys()).map((r) => new URL(r.url).pathname);
  });
  const sw = readFileSync('dist/sw.js', 'utf8');
  const listed = JSON.parse(/const FILES = (\[[\s\S]*?\]);/.exec(sw)[1]);
  expect(cached.length).toBe(listed.length);
  for (const f of ['boot.js', 'embed.js', 'embed.css', 'manifest.webmanifest', 'icon-512.png', 'schema/waymark-document.schema.json'])
    expect(cached).toContain(`${BASE}${f}`);
  expect(cached.some((p) => p.endsWith('_bg.wasm'))).toBe(true);

  await stop();
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pupils' }).click();
  await addPupil(page, 'Offline', 'Olu');
  await everyView(page);
  await page.goto(`${origin}${BASE}#/pupils/${fixture.pupils[0].id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Zoë O'Brien");
  await page.goto(`${origin}${BASE}#/settings`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export a backup' }).click()]);
  expect(readFileSync(await download.path(), 'utf8')).toContain('"Offline"');
  expect(failed).toEqual([]);
});

test('no request leaves the app\'s own origin, and none is made under a strict CSP', async ({ page }) => {
  test.setTimeout(90_000);
  const port = 4182;
  const stop = await serve(port, '--csp');
  const origin = `http://127.0.0.1:${port}`;
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await seed(page, fixture, `${origin}${BASE}manifest.webmanifest`);
  await page.goto(`${origin}${BASE}#/pupils`);
  const policy = (await page.request.get(`${origin}${BASE}`)).headers()['content-security-policy'];
  expect(policy).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
  await addPupil(page, 'Csp', 'Checked');
  await everyView(page);
  await page.goto(`${origin}${BASE}#/pupils/${fixture.pupils[0].id}`);
  await expect(page.locator('.threshold-bar span')).toHaveCSS('width', /px$/);
  await page.goto(`${origin}${BASE}#/settings`);
  await page.getByLabel('Encrypt with a passphrase').check();
  await page.getByLabel('Passphrase (10 characters or more)').fill('a long passphrase');
  await page.getByLabel('The passphrase again').fill('a long passphrase');
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the file' }).click()]);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
  await stop();
});

test('in an iframe (sandboxed) on an intranet page', async ({ page }) => {
  const port = 4183;
  const stop = await serve(port);
  const origin = `http://127.0.0.1:${port}`;
  await page.goto(`${origin}/host/iframe.html`);
  const title = page.locator('#intranet-title');
  const before = await title.evaluate((e) => getComputedStyle(e).cssText || [getComputedStyle(e).color, getComputedStyle(e).fontFamily].join());
  const app = page.frameLocator('#app');
  await expect(app.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
  await addPupil(app, 'Framed', 'Fiona');
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), app.getByRole('button', { name: 'Export a backup' }).click()]);
  expect(readFileSync(await download.path(), 'utf8')).toContain('"Framed"');
  expect(page.url()).toBe(`${origin}/host/iframe.html`);
  await page.reload();
  await expect(app.getByRole('row', { name: /Fiona/ })).toBeVisible();
  expect(await title.evaluate((e) => getComputedStyle(e).cssText || [getComputedStyle(e).color, getComputedStyle(e).fontFamily].join())).toBe(before);
  await stop();
});

/** What the app's look comes down to, measured the same way standalone and embedded. */
async function look(scope) {
  return scope.locator('.waymark-app').evaluate((app) => {
    const q = (s) => app.querySelector(s);
    const m = (e) => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();
      return [s.fontFamily, s.fontSize, s.fontWeight, s.color, s.backgroundColor, s.boxSizing, s.display, Math.round(r.height), Math.round(r.width)].join(' | '); };
    return { h1: m(q('h1')), nav: m(q('nav a')), add: m(q('#add-pupil-open')), input: m(q('#filter-text')), header: m(q('.app-header')) };
  });
}

test('in the page as <provision-map>: isolated both ways, and as it looks standalone', async ({ page }) => {
  test.setTimeout(60_000);
  const port = 4184;
  const stop = await serve(port);
  const origin = `http://127.0.0.1:${port}`;
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.goto(`${origin}/host/inpage.html`);
  const hostStyles = () => page.evaluate(() => ['#intranet-title', '#intranet-button', '#intranet-table td', 'body', '#intranet-header a'].map((s) => {
    const c = getComputedStyle(document.querySelector(s));
    return [s, c.fontFamily, c.fontSize, c.color, c.display, c.width, c.borderTopWidth, c.boxSizing, c.textTransform].join(' | ');
  }));
  const app = page.locator('provision-map');
  // Embedded, the app opens on its home view like the page; then the register.
  await expect(app.getByRole('heading', { level: 1, name: 'What is due' })).toBeVisible();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pupils', exact: true }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
  const styles = await hostStyles();
  const globals = await page.evaluate(() => Object.keys(window).sort());
  // The host page's own look, measured once the app is in: as its CSS says.
  expect(styles[0]).toContain('serif | 20px');
  expect(styles[1]).toContain('block');
  expect(styles[2]).toContain('3px');
  // The app looks as it does on its own at the width the host gives it
  // (the host keeps its body margin).
  const embedded = await look(page);
  const width = await app.evaluate((e) => Math.round(e.getBoundingClientRect().width));
  const alone = await page.context().newPage();
  await alone.setViewportSize({ width, height: 900 });
  await alone.goto(`${origin}${BASE}#/pupils`);
  await expect(alone.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
  expect(embedded).toEqual(await look(alone));
  await alone.close();

  await addPupil(app, 'Embedded', 'Ema');
  for (const item of ['Provisions', 'Settings', 'Pupils']) {
    await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: item, exact: true }).click();
    await expect(app.getByRole('heading', { level: 1, name: item, exact: true })).toBeVisible();
  }
  await app.getByRole('link', { name: 'Embedded Ema' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Embedded Ema');
  // Nothing of the host changed: URL, styles, globals (beyond `waymark`).
  expect(page.url()).toBe(`${origin}/host/inpage.html`);
  expect(await hostStyles()).toEqual(styles);
  expect((await page.evaluate(() => Object.keys(window).sort())).filter((k) => !globals.includes(k))).toEqual([]);
  expect(globals.filter((k) => k.toLowerCase().includes('waymark') || k.startsWith('wasm'))).toEqual(['waymark']);
  await page.reload();
  // It opens on its home view again; the pupil is kept.
  await expect(app.getByRole('heading', { level: 1, name: 'What is due' })).toBeVisible();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pupils', exact: true }).click();
  await expect(app.getByRole('row', { name: /Embedded Ema/ })).toBeVisible();
  await stop();
});

test('deep links under a sub-path survive a reload', async ({ page }) => {
  const port = 4185;
  const stop = await serve(port);
  const origin = `http://127.0.0.1:${port}`;
  await seed(page, fixture, `${origin}${BASE}manifest.webmanifest`);
  await page.goto(`${origin}${BASE}#/provisions/${fixture.provisions[0].id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Colourful semantics (Y4)' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Colourful semantics (Y4)' })).toBeVisible();
  await page.goto(`${origin}${BASE}index.html#/budget`);
  await expect(page.getByRole('heading', { level: 1, name: 'Budget' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await stop();
});

test('a new version waiting is offered, and taken on reload', async ({ page }) => {
  test.setTimeout(60_000);
  // A copy of the build to change, as a new release would.
  const { cpSync, mkdtempSync, appendFileSync } = await import('node:fs');
  const dir = mkdtempSync('/tmp/waymark-dist-');
  cpSync('dist', dir, { recursive: true });
  const port = 4186;
  const p = spawn('node', ['tests/e2e/serve.mjs', dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => p.stdout.once('data', r));
  try {
    await page.goto(`http://127.0.0.1:${port}/#/pupils`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    await expect(page.locator('#update-ready')).toHaveCount(0);
    const first = await page.evaluate(async () => (await caches.keys()).find((k) => k.startsWith('waymark-')));
    appendFileSync(`${dir}/sw.js`, '\n// release 2\n');
    appendFileSync(`${dir}/embed.css`, '\n/* release 2 */\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await expect(page.locator('#update-ready')).toContainText('A new version of Waymark is ready.');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Reload to update' }).click();
    await page.waitForFunction((old) => caches.keys().then((k) => !k.includes(old) && k.some((x) => x.startsWith('waymark-'))), first, { timeout: 20_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
    await expect(page.locator('#update-ready')).toHaveCount(0);
  } finally {
    p.kill('SIGTERM');
  }
});

test.describe('on a tablet, by touch', () => {
  test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });

  test('the main flows by tapping at 768x1024', async ({ page }) => {
    await seed(page, fixture);
    await page.goto('/#/pupils');
    const f = await openAddPupil(page, 'tap');
    await f.getByLabel('Given name').tap();
    await expect(f.getByLabel('Given name')).toHaveAttribute('type', 'text');
    await f.getByLabel('Given name').fill('Tabitha');
    await f.getByLabel('Family name').fill('Touch');
    await f.getByLabel('Year group', { exact: true }).selectOption({ label: 'Year 3' });
    await f.getByRole('button', { name: 'Add pupil' }).tap();
    await expect(page.locator('.save-status')).toHaveText('All changes saved');
    await page.getByLabel('Select Tabitha Touch').tap();
    await page.getByLabel('Provision', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Enrol selected pupils' }).tap();
    await expect(page.locator('#enrol-message')).toContainText('Enrol 1 pupil in Colourful semantics (Y4).');
    await page.getByRole('link', { name: 'Tabitha Touch' }).tap();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tabitha Touch');
    // Planned group of 4: her full place is a quarter of £428.45 = 107.1125 -> £107.11
    // (the two empty places' 214.225 has the larger remainder, so the odd penny).
    await expect(page.locator('#pupil-total')).toHaveText('£107.11');
    await page.getByRole('link', { name: 'Colourful semantics (Y4)' }).tap();
    // On-screen keyboards: numbers get a numeric keypad, money a decimal one.
    await page.getByRole('button', { name: 'Edit provision' }).tap();
    await expect(page.getByLabel('Sessions a week')).toHaveAttribute('inputmode', 'numeric');
    await expect(page.getByLabel('Fixed and resource costs (£)')).toHaveAttribute('inputmode', 'decimal');
    for (const item of ['Provision map', 'Budget', 'Reports', 'Settings']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: item }).tap();
      await expect(page.getByRole('heading', { level: 1, name: item })).toBeVisible();
    }
    await expect(page.getByLabel('School name')).toHaveAttribute('type', 'text');
    await expect(page.getByLabel('Element-2 threshold per pupil a year (£)')).toHaveAttribute('inputmode', 'decimal');
  });
});
