// Updates and the service worker's scope (issue 16, point 8): the worker
// keeps to the app's own folder and refuses the host's root; "Reload to
// update" waits for a save in flight and asks before losing typing. Each
// test serves dist/ (or a copy of it it can change) itself.
import { test, expect } from '@playwright/test';
import { openAddPupil, addPupil } from './helpers.js';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { serve, stopAll } from './host-server.js';

test.afterEach(stopAll);

test('the service worker\'s scope is the app\'s folder, and it refuses the host\'s root', async ({ page }) => {
  test.setTimeout(60_000);
  const port = 4191;
  const origin = `http://127.0.0.1:${port}`;
  // The worst case: a server that would let a worker claim its whole origin.
  await serve({
    port, base: '/waymark/', headers: { 'Service-Worker-Allowed': '/' },
    pages: { '/': '<!DOCTYPE html><html lang="en-GB"><title>Host root</title><h1>The host\'s own page</h1></html>' },
  });
  await page.goto(`${origin}/waymark/#/pupils`);
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
    return w.state;
  });
  expect(refused).toBe('redundant');
  // Its registration goes with it: only the app's folder is registered.
  await page.waitForFunction(async (home) => {
    const scopes = (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope);
    return scopes.length === 1 && scopes[0] === home;
  }, `${origin}/waymark/`, { timeout: 10_000 });
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
  await page.goto(`http://127.0.0.1:${port}/#/pupils`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  const form = await openAddPupil(page);

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
  await openAddPupil(page);
  await form.getByLabel('Given name').fill('Dropped');
  first = await cacheName(page);
  await release(page, dir, 3);
  await page.getByRole('button', { name: 'Reload to update' }).click();
  await expect(page.locator('#update-question')).toHaveText('You have unsaved changes in Add a pupil: reload anyway?');
  await page.getByRole('button', { name: 'Reload anyway' }).click();
  await cacheReplaced(page, first);
  await expect(page.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
  // A new page: the form is closed, and opens empty.
  await openAddPupil(page);
  await expect(form.getByLabel('Given name')).toHaveValue('');

  // With nothing typed, and a saved form, it reloads at once.
  await addPupil(page, 'Saved', 'First');
  first = await cacheName(page);
  await release(page, dir, 4);
  await page.getByRole('button', { name: 'Reload to update' }).click();
  await cacheReplaced(page, first);
  await expect(page.getByRole('row', { name: /Saved First/ })).toBeVisible();
});

