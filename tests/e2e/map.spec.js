// The whole-school provision map: the grid, its totals, the columns switch,
// the funding filter, and printing on A4 landscape.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

test('the map shows each provision in its row and term, with totals, and prints on A4 landscape', async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/map');
  await expect(page.getByRole('heading', { level: 1, name: 'Provision map' })).toBeVisible();
  const table = page.locator('table.map');
  await expect(table.locator('thead th')).toHaveText(['Area of need', 'Tier', 'Autumn 2025-26', 'Spring 2025-26', 'Summer 2025-26', 'Total']);
  // The fixture's one provision: £428.45 (see register.spec.js), all in the autumn.
  const row = table.locator('tbody tr').first();
  await expect(row.locator('th')).toHaveText('Communication and interaction');
  await expect(row.locator('td').nth(0)).toHaveText('Wave 2: targeted catch-up');
  await expect(row.locator('td').nth(1)).toContainText('Colourful semantics (Y4)');
  await expect(row.locator('td').nth(1)).toContainText('1 pupil, £428.45');
  await expect(row.locator('td').nth(2)).toHaveText('');
  await expect(page.locator('#map-total')).toHaveText('£428.45');
  expect(await axeViolations(page)).toEqual([]);

  // By year group: Zoë (Year 4) carries £107.11; the three empty places £321.34.
  await page.getByLabel('Columns').selectOption({ label: 'By year group' });
  await expect(table.locator('thead th')).toHaveText(['Area of need', 'Tier', 'Year 4', 'Other', 'Total']);
  await expect(table.locator('tbody tr').first().locator('td').nth(1)).toContainText('1 pupil, £107.11');
  await expect(table.locator('tbody tr').first().locator('td').nth(2)).toContainText('0 pupils, £321.34');
  await expect(page.locator('#map-total')).toHaveText('£428.45');

  await page.getByLabel('Charged to').selectOption({ label: 'Pupil premium' });
  await expect(page.getByText('No provision in this year yet.')).toBeVisible();
  await page.getByLabel('Charged to').selectOption({ label: 'Notional SEN budget' });
  await expect(page.locator('#map-total')).toHaveText('£428.45');

  // A cell links to the provision.
  await page.getByRole('link', { name: 'Colourful semantics (Y4)' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Colourful semantics (Y4)' })).toBeVisible();
  await page.goBack();

  // Print: A4 landscape (842 x 595 points), controls hidden.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, path: test.info().outputPath('map.pdf') });
  const text = pdf.toString('latin1');
  const box = text.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  expect(box, 'a page size in the PDF').not.toBeNull();
  expect(Math.round(Number(box[1]))).toBe(842);
  expect(Math.round(Number(box[2]))).toBe(595);
});

test('at tablet width the map scrolls in its own box, not the page', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await seed(page, fixture);
  await page.goto('/#/map');
  await expect(page.locator('#map-total')).toHaveText('£428.45');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
