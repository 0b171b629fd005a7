// One academic year in view: the year containing today (else the nearest)
// until the user chooses another, one choice shared by every view and kept
// as the user moves between them, so "this year" is the same year everywhere.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

// The fixture has 2025-26 only; the clock is fixed on 1 October 2026 so the
// rule is tested, not the day the suite happens to run.
const TODAY = new Date('2026-10-01T10:00:00Z');

const yearShown = (page, id) => page.locator(`#${id} option:checked`);
const go = async (page, name) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
};

test('after a rollover every view shows one year, chosen once, with the same figures', async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  await seed(page, fixture);
  await page.goto('/#/pupils');
  // Only 2025-26 is set up: 1 October 2026 is after it, so it is the nearest.
  // Zoë's cost that year is £107.11 (worked in register.spec.js).
  await expect(yearShown(page, 'register-year')).toHaveText('2025-26');
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('£107.11');

  await go(page, 'Settings');
  await page.getByRole('button', { name: 'Preview the rollover' }).click();
  await page.getByRole('button', { name: 'Roll over to 2026-27' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');

  // 2026-27 now contains today: every view shows it, and Zoë, who is in no
  // provision of 2026-27 (the copy is planned, with nobody enrolled), has no cost.
  await go(page, 'Pupils');
  await expect(yearShown(page, 'register-year')).toHaveText('2026-27');
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).not.toContainText('£');
  for (const [view, id] of [['Provision map', 'map-year'], ['Budget', 'budget-year'], ['Impact', 'impact-year'], ['Reports', 'report-year']]) {
    await go(page, view);
    await expect(yearShown(page, id), view).toHaveText('2026-27');
  }

  // Chosen once, on the budget, 2025-26 stays as the user moves about, and
  // each view gives 2025-26's figures: the one provision's £428.45 (£107.11
  // Zoë's, £321.34 the three empty places of the group of 4).
  await go(page, 'Budget');
  await page.locator('#budget-year').selectOption({ label: '2025-26' });
  await expect(page.locator('#budget-committed-total')).toHaveText('£428.45');
  await go(page, 'Pupils');
  await expect(yearShown(page, 'register-year')).toHaveText('2025-26');
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('£107.11');
  await page.getByRole('link', { name: "Zoë O'Brien" }).click();
  await expect(yearShown(page, 'pupil-year')).toHaveText('2025-26');
  await expect(page.locator('#pupil-total')).toHaveText('£107.11');
  await go(page, 'Provision map');
  await expect(yearShown(page, 'map-year')).toHaveText('2025-26');
  await expect(page.locator('.map-page table tbody tr').first().locator('td').nth(1)).toContainText('1 pupil, £428.45');
  await go(page, 'Impact');
  await expect(yearShown(page, 'impact-year')).toHaveText('2025-26');
  // Zoë's standardised score 82.5 to 88: +5.5; £107.11 / 5.5 = £19.47 a point (impact.spec.js).
  const colourful = page.locator('#impact-provisions').getByRole('row', { name: /Colourful semantics/ });
  await expect(colourful).toContainText('+5.5');
  await expect(colourful).toContainText('£19.47 per point');
  await go(page, 'Reports');
  await expect(yearShown(page, 'report-year')).toHaveText('2025-26');
  expect(await axeViolations(page)).toEqual([]);

  // Changed on the map, the choice follows back to the register.
  await go(page, 'Provision map');
  await page.locator('#map-year').selectOption({ label: '2026-27' });
  await go(page, 'Pupils');
  await expect(yearShown(page, 'register-year')).toHaveText('2026-27');
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).not.toContainText('£');
});

test('a refused save is always explained: EHC plan details on a pupil made SEN support', async ({ page }) => {
  // Zoë has status E and EHC plan details. The register's form has no input
  // for those details, so the refusal shows in the form's summary, naming
  // the field, and nothing is saved.
  await seed(page, fixture);
  await page.goto('/#/pupils');
  await page.getByRole('button', { name: "Edit Zoë O'Brien" }).click();
  const form = page.locator('form.add-pupil');
  await form.getByLabel('SEN status').selectOption({ label: 'SEN support (K)' });
  await form.getByRole('button', { name: 'Save changes' }).click();
  const summary = form.locator('.problem-summary');
  await expect(summary).toBeVisible();
  await expect(summary.locator('li')).toHaveText(['EHC plan details: EHC plan details are given but the SEN status is not E.']);
  expect(await axeViolations(page)).toEqual([]);
  await page.reload();
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('E');
  await page.getByRole('button', { name: "Edit Zoë O'Brien" }).click();
  await expect(page.locator('#sen-status')).toHaveValue('E');
});
