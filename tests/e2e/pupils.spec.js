// The first real flow: add a pupil, reload, still there; no console errors; axe clean.
import { test, expect } from '@playwright/test';
import { axeViolations, openAddPupil } from './helpers.js';

/** Collect console errors and uncaught exceptions for the whole test. */
function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return errors;
}

async function addPupil(page, given, family, yearLabel) {
  await openAddPupil(page);
  await page.getByLabel('Given name').fill(given);
  await page.getByLabel('Family name').fill(family);
  await page.getByLabel('Year group', { exact: true }).selectOption({ label: yearLabel });
  await page.getByRole('button', { name: 'Add pupil' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`${given} ${family}`) })).toBeVisible();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
}


test('the app loads with no console errors', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/#/pupils');
  await expect(page.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
  await expect(page.getByText('No pupils yet')).toBeVisible();
  await expect(page).toHaveTitle('Waymark');
  expect(errors).toEqual([]);
});

test('a pupil added is still listed after a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/#/pupils');
  await addPupil(page, 'Ada', 'Lovelace', 'Year 5');
  await addPupil(page, 'Ben', 'Okoro', 'Reception');
  await expect(page.getByRole('heading', { name: /Register/ })).toContainText('(2 pupils)');

  await page.reload();
  const ada = page.getByRole('row', { name: /Ada Lovelace/ });
  await expect(ada).toBeVisible();
  await expect(ada).toContainText('Year 5');
  await expect(page.getByRole('row', { name: /Ben Okoro/ })).toContainText('Reception');
  // Register order: family name first.
  await expect(page.locator('table.register tbody tr').first()).toContainText('Ada Lovelace');
  expect(errors).toEqual([]);
});

test('a pupil deleted after confirming stays deleted after a reload', async ({ page }) => {
  await page.goto('/#/pupils');
  await addPupil(page, 'Cara', 'Jones', 'Year 2');
  await addPupil(page, 'Dev', 'Patel', 'Year 2');
  await page.getByRole('button', { name: 'Delete Cara Jones' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByRole('row', { name: /Cara Jones/ })).toHaveCount(0);
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  // Focus is not lost on a removed button.
  await expect(page.locator('#register-heading')).toBeFocused();
  await page.reload();
  await expect(page.getByRole('row', { name: /Dev Patel/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Cara Jones/ })).toHaveCount(0);
});

test('the form can be completed by keyboard alone', async ({ page }) => {
  await page.goto('/#/pupils');
  // The register comes first; the button beside the heading opens the form
  // and puts the cursor in it.
  await page.locator('#add-pupil-open').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Given name')).toBeFocused();
  await page.keyboard.type('Eve');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Adeyemi');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Year group', { exact: true })).toBeFocused();
  await page.getByLabel('Year group', { exact: true }).selectOption({ label: 'Year 9' });
  await page.keyboard.press('Tab');
  await expect(page.getByText('More details (optional)')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add pupil' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row', { name: /Eve Adeyemi/ })).toContainText('Year 9');
  // Focus returns to the first field, ready for the next pupil.
  await expect(page.getByLabel('Given name')).toBeFocused();

  // Enter in a text field submits too; the year group chosen last time is kept.
  await page.keyboard.type('Finn');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Murphy');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row', { name: /Finn Murphy/ })).toContainText('Year 9');
});

test('axe-core finds no violations: empty, with pupils, with form errors, confirming a delete', async ({ page }) => {
  await page.goto('/#/pupils');
  await expect(page.getByText('No pupils yet')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await addPupil(page, 'Fay', 'Ng', 'Nursery');
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Add pupil' }).click();
  await expect(page.locator('#given-name-error')).toHaveText('Enter a given name.');
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Delete Fay Ng' }).click();
  await expect(page.getByRole('button', { name: 'Yes, delete' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('at tablet width the page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('/#/pupils');
  await addPupil(page, 'Gus', 'Featherstonehaugh-Montmorency', 'Year 13');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
