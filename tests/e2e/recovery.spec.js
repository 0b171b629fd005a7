// A bad record never bricks the app (issue 16, point 2): records that do not
// read or break their own rules are set aside as the app opens, named in
// Settings to download, correct or delete; and if the app stops, the boot
// script's recovery screen offers everything stored and a safe start.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

/** The fixture with three poisoned records stored straight into IndexedDB. */
function poisoned() {
  const data = structuredClone(fixture);
  const zoe = data.pupils[0];
  // Does not read: a year group the app does not have.
  data.pupils.push({ ...zoe, id: '00000000-0000-4000-8000-000000000001', given_name: 'Yara', family_name: 'Ninety', upn: null, year_group: 'Y99' });
  // Reads, but breaks its rules: a right-to-left override in the name.
  data.pupils.push({ ...zoe, id: '00000000-0000-4000-8000-000000000002', given_name: 'Eve\u202e', family_name: 'Hidden', upn: null });
  // A provision with the largest i64 of fixed costs (what bricked the app):
  // the browser's numbers round it to 9223372036854776000, past i64, so it
  // does not even read.
  data.provisions.push({ ...data.provisions[0], id: '00000000-0000-4000-8000-000000000003', name: 'Huge', fixed_costs: 9223372036854775807 });
  return data;
}

test('poisoned records are set aside, named, downloadable, correctable and deletable; the rest opens', async ({ page }) => {
  await seed(page, poisoned());
  await page.goto('/#/pupils');
  // The rest opens: Zoë is on the register, with her cost.
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('£107.11');
  await expect(page.locator('#set-aside-notice')).toContainText('3 stored records could not be used and are set aside, left out of every figure.');
  await page.locator('#set-aside-notice').getByRole('link', { name: 'See them in Settings' }).click();
  const panel = page.locator('#set-aside');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Records set aside (3)');
  const items = panel.locator('li.set-aside-item');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText('Pupil Yara Ninety');
  await expect(items.nth(0)).toContainText('It does not read');
  await expect(items.nth(1)).toContainText('Pupil Eve');
  await expect(items.nth(1)).toContainText('U+202E');
  await expect(items.nth(2)).toContainText('Provision Huge');
  await expect(items.nth(2)).toContainText('It does not read: invalid value: integer `9223372036854776000`');
  expect(await axeViolations(page)).toEqual([]);

  // Downloaded as stored, with their problems.
  const [file] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download the records set aside' }).click()]);
  const saved = JSON.parse(readFileSync(await file.path(), 'utf8'));
  expect(saved.map((r) => r.kind)).toEqual(['pupils', 'pupils', 'provisions']);
  expect(saved[0].record.year_group).toBe('Y99');

  // Corrected: the override taken out of Eve's name, she is back in use.
  await items.nth(1).getByRole('button', { name: 'Correct it' }).click();
  const text = items.nth(1).getByLabel('The record as stored (JSON): correct it, then save');
  const record = JSON.parse(await text.inputValue());
  record.given_name = 'Eve';
  await text.fill(JSON.stringify(record, null, 2));
  await items.nth(1).getByRole('button', { name: 'Save it back' }).click();
  await expect(panel.locator('.message')).toHaveText('Pupil Eve\u202e Hidden: corrected and back in use.');
  await expect(items).toHaveCount(2);

  // Deleted: Yara's record is gone from the store.
  await items.nth(0).getByRole('button', { name: 'Delete it' }).click();
  await expect(panel.locator('.message')).toHaveText('Pupil Yara Ninety: deleted.');
  await expect(items).toHaveCount(1);

  // After a reload: Eve is on the register, one record is still set aside.
  await page.reload();
  await expect(page.locator('#set-aside-notice')).toContainText('1 stored record could not be used and is set aside');
  await page.goto('/#/pupils');
  await expect(page.getByRole('row', { name: /Eve Hidden/ })).toHaveCount(1);
  await expect(page.getByRole('row', { name: /Yara/ })).toHaveCount(0);
});

test('if the app stops, the recovery screen offers everything stored and a safe start', async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/pupils');
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toBeVisible();
  // What the browser reports when the wasm traps (a panic, with panic =
  // "abort"): an uncaught WebAssembly.RuntimeError.
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent('error', { error: new WebAssembly.RuntimeError('unreachable'), message: 'RuntimeError: unreachable' })));
  const box = page.locator('#waymark-recovery');
  await expect(box.getByRole('heading', { level: 1 })).toHaveText('Waymark stopped');
  await expect(box).toContainText('Your data is still stored in this browser and nothing has been deleted.');
  const [file] = await Promise.all([page.waitForEvent('download'), box.getByRole('button', { name: 'Download everything stored' }).click()]);
  const dump = JSON.parse(readFileSync(await file.path(), 'utf8'));
  expect(dump.format).toBe('waymark-stored-records');
  expect(dump.stores.pupils.map((p) => p.given_name)).toEqual(['Zoë']);
  expect(Object.keys(dump.stores).sort()).toEqual(expect.arrayContaining(['enrolments', 'meta', 'plans', 'provisions', 'pupils', 'roles', 'settings']));
  await expect(box.getByRole('status')).toHaveText(/^Downloaded: \d+ records\.$/);
  await box.getByRole('button', { name: 'Safe start: open Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('#waymark-recovery')).toHaveCount(0);
});
