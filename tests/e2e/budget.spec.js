// Budget: committed and spent against each budget, over-budget warnings, the
// chart and its text alternative, and editing the budgets.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

test('budgets against committed spend, with warnings, edited in place', async ({ page }) => {
  // The fixture: a notional SEN budget of £42,000 for 2025-26 and one provision
  // charged to it costing £403.22 (see register.spec.js), all before today.
  await seed(page, fixture);
  await page.goto('/#/budget');
  await expect(page.getByRole('heading', { level: 1, name: 'Budget' })).toBeVisible();
  const sen = page.getByRole('row', { name: /Notional SEN budget/ });
  await expect(page.getByLabel('Notional SEN budget')).toHaveValue('42000.00');
  await expect(sen).toContainText('£403.22');
  await expect(sen).toContainText('£41,596.78');
  await expect(page.locator('#budget-committed-total')).toHaveText('£403.22');
  await expect(page.getByRole('img', { name: 'Committed spend against each budget' })).toBeVisible();
  await expect(page.locator('#budget-warnings')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);

  // Over budget: 403.22 - 400.00 = 3.22.
  await page.getByLabel('Notional SEN budget').fill('400');
  await page.getByLabel('Notional SEN budget').press('Enter');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.locator('#budget-warnings')).toHaveText(
    'Notional SEN budget is over budget by £3.22: £403.22 committed against £400.00.',
  );
  await expect(page.getByRole('row', { name: /Notional SEN budget/ })).toContainText('-£3.22 (over)');

  await page.getByLabel('Pupil premium', { exact: true }).fill('lots');
  await page.getByLabel('Pupil premium', { exact: true }).press('Enter');
  await expect(page.locator('#budget-2-error, #budget-1-error').first()).toHaveText('Enter an amount in pounds, like 42,000.');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Pupil premium', { exact: true }).fill('2,500');
  await page.getByLabel('Pupil premium', { exact: true }).press('Enter');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');

  await page.reload();
  await expect(page.getByLabel('Notional SEN budget')).toHaveValue('400.00');
  await expect(page.getByLabel('Pupil premium', { exact: true })).toHaveValue('2500.00');
  await expect(page.locator('#budget-warnings')).toBeVisible();
});
