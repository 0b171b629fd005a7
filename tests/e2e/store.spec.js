// Flows of the IndexedDB store: tabs in step, a full disk, schema upgrades
// across tabs, storage status and backups.
import { test, expect } from '@playwright/test';
import { axeViolations, openAddPupil } from './helpers.js';


async function addPupil(page, given, family, yearLabel = 'Year 3') {
  await openAddPupil(page);
  await page.getByLabel('Given name').fill(given);
  await page.getByLabel('Family name').fill(family);
  await page.getByLabel('Year group', { exact: true }).selectOption({ label: yearLabel });
  await page.getByRole('button', { name: 'Add pupil' }).click();
}

/** From the next load on, IndexedDB puts throw QuotaExceededError while window.__full is set. */
async function simulateFullDisk(page) {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__full) throw new DOMException('simulated full disk', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
}

const row = (page, name) => page.getByRole('row', { name: new RegExp(name) });

test('an edit in one tab appears in another within a second', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/#/pupils');
  await b.goto('/#/pupils');
  await expect(b.getByText('No pupils yet')).toBeVisible();

  await addPupil(a, 'Tab', 'Alpha');
  await expect(a.locator('.save-status')).toHaveText('All changes saved');
  await expect(row(b, 'Tab Alpha')).toBeVisible({ timeout: 1000 });

  // And back the other way, a delete this time.
  await b.getByRole('button', { name: 'Delete Tab Alpha' }).click();
  await b.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(b.locator('.save-status')).toHaveText('All changes saved');
  await expect(row(a, 'Tab Alpha')).toHaveCount(0, { timeout: 1000 });
});

test('a full disk shows a clear message, keeps the typing, and stores nothing', async ({ page }) => {
  await simulateFullDisk(page);
  await page.goto('/#/pupils');
  await addPupil(page, 'Kept', 'Safe');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');

  await page.evaluate(() => { window.__full = true; });
  await addPupil(page, 'Too', 'Much');
  const status = page.locator('.save-status');
  await expect(status).toHaveAttribute('data-state', 'failed');
  await expect(status).toContainText('storage for the app is full');
  await expect(row(page, 'Too Much')).toHaveCount(0);
  // The typed values are still there to retry.
  await expect(page.getByLabel('Given name')).toHaveValue('Too');
  await expect(page.getByLabel('Family name')).toHaveValue('Much');

  // Stored data is as it was.
  await page.reload();
  await expect(row(page, 'Kept Safe')).toBeVisible();
  await expect(row(page, 'Too Much')).toHaveCount(0);
});

test('a retry after a failed save succeeds', async ({ page }) => {
  await simulateFullDisk(page);
  await page.goto('/#/pupils');
  await page.evaluate(() => { window.__full = true; });
  await addPupil(page, 'Second', 'Try');
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'failed');
  await page.evaluate(() => { window.__full = false; });
  await page.getByRole('button', { name: 'Add pupil' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(row(page, 'Second Try')).toBeVisible();
});

test('a newer version opening in another tab makes this one stop and ask to reload', async ({ context }) => {
  const old = await context.newPage();
  await old.goto('/#/pupils');
  await addPupil(old, 'Before', 'Upgrade');
  await expect(old.locator('.save-status')).toHaveText('All changes saved');

  // Another tab of the same site opens the database at a newer schema version.
  const newer = await context.newPage();
  await newer.goto('/favicon.svg');
  const upgraded = await newer.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('waymark', 99);
    r.onupgradeneeded = () => {};
    r.onblocked = () => resolve('blocked');
    r.onsuccess = () => { r.result.close(); resolve('upgraded'); };
    r.onerror = () => reject(r.error);
  }));
  expect(upgraded).toBe('upgraded');
  await expect(old.getByRole('alert').filter({ hasText: 'updated in another tab' })).toBeVisible();
  await expect(old.getByRole('button', { name: 'Reload' })).toBeVisible();
  expect(await axeViolations(old)).toEqual([]);
  // No write is attempted on the closed connection.
  await addPupil(old, 'After', 'Upgrade');
  await expect(old.locator('.save-status')).toHaveAttribute('data-state', 'failed');
  await expect(old.locator('.save-status')).toContainText('Reload the page');
});

test('a tab opening during an upgrade waits for the old tab, then carries on', async ({ context }) => {
  const holder = await context.newPage();
  await holder.goto('/favicon.svg');
  // An "old version" holding the database open at version 1 and ignoring versionchange.
  await holder.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('waymark', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('pupils', { keyPath: 'id' });
    r.onsuccess = () => { window.__db = r.result; resolve(); };
    r.onerror = () => reject(r.error);
  }));
  const page = await context.newPage();
  await page.goto('/#/pupils');
  await expect(page.getByRole('heading', { name: 'Waiting for other tabs' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await holder.evaluate(() => window.__db.close());
  await expect(page.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
});

test('settings show storage status; a backup exports everything and stops the reminder', async ({ page }) => {
  await page.goto('/#/pupils');
  await expect(page.getByText('has never been exported')).toHaveCount(0);
  await addPupil(page, 'Backup', 'Me');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  const reminder = page.getByText('has never been exported');
  await expect(reminder).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'Export a backup' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('#storage-persisted')).not.toHaveText('Checking…');
  await expect(page.locator('#storage-usage')).toContainText('of about');
  await expect(page.locator('#last-export')).toHaveText('Never');
  expect(await axeViolations(page)).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export a backup' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^waymark-whole-\d{4}-\d{2}-\d{2}\.json$/);
  const doc = JSON.parse(await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
  expect(doc.format).toBe('waymark');
  expect(doc.data.pupils.map((p) => p.given_name)).toEqual(['Backup']);
  await expect(page.getByText('Backup exported.')).toBeVisible();
  await expect(page.locator('#last-export')).toHaveText(/^\d{2}\/\d{2}\/\d{4} at \d{2}:\d{2} UTC$/);
  await expect(reminder).toHaveCount(0);

  // The reminder period is a setting, checked and saved.
  await page.getByLabel(/Remind me to export/).fill('400');
  await page.getByRole('button', { name: 'Save reminder' }).click();
  await expect(page.locator('#reminder-days-error')).toHaveText('Enter a whole number of days from 0 to 365.');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel(/Remind me to export/).fill('30');
  await page.getByRole('button', { name: 'Save reminder' }).click();
  await expect(page.locator('#reminder-days-error')).toHaveText('');
  await page.reload();
  await expect(page.getByLabel(/Remind me to export/)).toHaveValue('30');
});

test('persistent storage is asked for once, on the first real data', async ({ page }) => {
  // Count calls to navigator.storage.persist, across reloads of this page.
  await page.addInitScript(() => {
    const real = navigator.storage.persist.bind(navigator.storage);
    navigator.storage.persist = () => {
      localStorage.setItem('persistCalls', String(Number(localStorage.getItem('persistCalls') ?? 0) + 1));
      return real();
    };
  });
  await page.goto('/#/pupils');
  await expect(page.getByText('No pupils yet')).toBeVisible();
  const calls = () => page.evaluate(() => Number(localStorage.getItem('persistCalls') ?? 0));
  expect(await calls()).toBe(0);
  await addPupil(page, 'First', 'Data');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect.poll(calls).toBe(1);
  await addPupil(page, 'Second', 'Pupil');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await page.reload();
  await addPupil(page, 'Third', 'Pupil');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await page.waitForTimeout(300);
  expect(await calls()).toBe(1);
});

test('after a refusal, persistent storage is asked for again on a real edit a day later, not on every edit', async ({ page }) => {
  // The browser refuses every time; calls are counted across reloads.
  await page.addInitScript(() => {
    navigator.storage.persisted = () => Promise.resolve(false);
    navigator.storage.persist = () => {
      localStorage.setItem('persistCalls', String(Number(localStorage.getItem('persistCalls') ?? 0) + 1));
      return Promise.resolve(false);
    };
  });
  const start = new Date('2026-11-02T09:00:00Z');
  const hoursLater = (h) => new Date(start.getTime() + h * 3600 * 1000);
  await page.clock.setFixedTime(start);
  await page.goto('/#/pupils');
  await expect(page.getByText('No pupils yet')).toBeVisible();
  const calls = () => page.evaluate(() => Number(localStorage.getItem('persistCalls') ?? 0));
  const add = async (given) => {
    await addPupil(page, given, 'Pupil');
    await expect(page.locator('.save-status')).toHaveText('All changes saved');
  };
  await add('First');
  await expect.poll(calls).toBe(1);
  await add('Second');
  await page.clock.setFixedTime(hoursLater(23));
  await add('Third');
  await page.waitForTimeout(300);
  expect(await calls()).toBe(1);
  await page.clock.setFixedTime(hoursLater(25));
  await add('Fourth');
  await expect.poll(calls).toBe(2);
  // When it was asked is kept: not again after a reload the same day.
  await page.reload();
  await add('Fifth');
  await page.waitForTimeout(300);
  expect(await calls()).toBe(2);
});
