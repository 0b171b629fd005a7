// Budget: committed and spent against each budget, over-budget warnings, the
// chart and its text alternative, and editing the budgets.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

test('budgets against committed spend, with warnings, edited in place', async ({ page }) => {
  // The fixture: a notional SEN budget of £42,000 for 2025-26 and one provision
  // charged to it costing £428.45 (see register.spec.js), all before today.
  await seed(page, fixture);
  await page.goto('/#/budget');
  await expect(page.getByRole('heading', { level: 1, name: 'Budget' })).toBeVisible();
  const sen = page.getByRole('row', { name: /Notional SEN budget/ });
  await expect(page.getByLabel('Notional SEN budget')).toHaveValue('42000.00');
  await expect(sen).toContainText('£428.45');
  await expect(sen).toContainText('£41,571.55');
  await expect(page.locator('#budget-committed-total')).toHaveText('£428.45');
  await expect(page.getByRole('img', { name: 'Committed spend against each budget' })).toBeVisible();
  await expect(page.locator('#budget-warnings')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);

  // Over budget: 428.45 - 400.00 = 28.45.
  await page.getByLabel('Notional SEN budget').fill('400');
  await page.getByLabel('Notional SEN budget').press('Enter');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.locator('#budget-warnings')).toHaveText(
    'Notional SEN budget is over budget by £28.45: £428.45 committed against £400.00.',
  );
  await expect(page.getByRole('row', { name: /Notional SEN budget/ })).toContainText('-£28.45 (over)');

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

test('breakdowns add up, and a what-if shows the budget effect before saving', async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/budget');
  // All £428.45 is communication and interaction, wave 2, autumn 2025-26;
  // Zoë's £107.11 is Year 4 and £321.34 is carried by no pupil (group of 4).
  const cell = (i, row, col) => page.locator(`#breakdown-${i}`).getByRole('row', { name: row }).locator('td').nth(col);
  await expect(cell(0, /Communication and interaction/, 0)).toHaveText('£428.45');
  await expect(cell(1, /Wave 2/, 0)).toHaveText('£428.45');
  await expect(cell(2, /Year 4/, 0)).toHaveText('£107.11');
  await expect(cell(2, /Not carried by a pupil/, 0)).toHaveText('£321.34');
  await expect(cell(3, /Autumn 2025-26/, 0)).toHaveText('£428.45');
  for (const i of [0, 1, 2, 3]) await expect(cell(i, /^Total/, 0)).toHaveText('£428.45');
  // The year is over (today is after 12/12/2025): all of it is spent.
  await expect(cell(3, /^Total/, 1)).toHaveText('£428.45');

  // What if it ran 6 sessions a week? Staff time doubles: 19.4082 x 30/60 x 6 x 13
  // = 756.92 (to the penny, rounding once), + 49.99 = £806.91.
  await page.getByLabel('Provision', { exact: true }).selectOption({ label: 'Colourful semantics (Y4)' });
  await expect(page.getByLabel('Sessions a week')).toHaveValue('3');
  await page.getByLabel('Sessions a week').fill('6');
  await expect(page.locator('#whatif-effect')).toContainText('£428.45 now, £806.91 after (+£378.46)');
  const row = page.locator('#whatif-table').getByRole('row', { name: /Notional SEN budget/ });
  await expect(row).toContainText('£428.45');
  await expect(row).toContainText('£806.91');
  await expect(row).toContainText('£41,193.09');
  // Nothing saved yet.
  await expect(page.getByRole('row', { name: /Notional SEN budget/ }).first()).toContainText('£41,571.55');
  await page.getByLabel('Sessions a week').fill('0');
  await expect(page.locator('#whatif-sessions-error')).toHaveText('Enter the sessions a week as a whole number from 1, like 3.');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Sessions a week').fill('6');
  await page.getByRole('button', { name: 'Save these changes to the provision' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.locator('#budget-committed-total')).toHaveText('£806.91');
  await page.goto(`/#/provisions/${fixture.provisions[0].id}`);
  await expect(page.locator('#cost-total')).toHaveText('£806.91');
});
