// Settings: staff roles and their hourly cost, checked against the worked
// examples in src/domain/staff.rs.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

const roleForm = (page) => page.locator('form.role-form');
const roleRow = (page, name) => page.locator('table.roles tbody tr').filter({ has: page.getByRole('cell', { name, exact: true }) });

test('roles from a typed rate, a salary and an LA rate; edit and delete', async ({ page }) => {
  await page.goto('/#/settings');
  await expect(page.getByText('No roles yet.')).toBeVisible();
  const f = roleForm(page);

  // A salary: 25,584 x 32.5/37 x 43.57/(365/7) = 18,777.72; NI 15% above
  // 5,000 = 2,066.66; pension 20% = 3,755.54; 24,599.92 over the hours with
  // pupils (27.5 of the 32.5 contracted, x 39 = 1,072.5) = £22.94.
  await f.getByLabel('Role name').fill('TA');
  await f.getByLabel('A salary').check();
  await f.getByLabel('Full-time salary (£ a year)').fill('25,584');
  await f.getByLabel('Contracted hours a week').fill('32.5');
  await f.getByLabel('Hours a week with pupils').fill('27.5');
  await f.getByLabel('Paid weeks a year').fill('43.57');
  await f.getByLabel('Weeks a year with pupils').fill('39');
  await expect(page.locator('#rate-preview')).toHaveText(
    'Paid salary £18,777.72, employer NI £2,066.66, pension £3,755.54: £24,599.92 a year over 1072.5 hours with pupils = £22.94 an hour.',
  );
  await f.getByRole('button', { name: 'Add role' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(roleRow(page, 'TA')).toContainText('£22.94');
  await expect(roleRow(page, 'TA')).toContainText('Salary');

  // A typed rate, with a mistake first.
  await f.getByLabel('Role name').fill('HLTA');
  await f.getByLabel('A rate I type').check();
  await f.getByLabel('Hourly rate (£)').fill('lots');
  await f.getByRole('button', { name: 'Add role' }).click();
  await expect(page.locator('#rate-hourly-error')).toHaveText('Enter the hourly rate in pounds, like 1,234.56.');
  expect(await axeViolations(page)).toEqual([]);
  await expect(page.locator('table.roles tbody tr')).toHaveCount(1);
  await f.getByLabel('Hourly rate (£)').fill('18.50');
  await expect(page.locator('#rate-preview')).toHaveText('£18.50 an hour.');
  await f.getByRole('button', { name: 'Add role' }).click();
  await expect(roleRow(page, 'HLTA')).toContainText('£18.50');

  // An LA rate: £650 per weekly hour over 38 weeks = 17.105 -> £17.11.
  await f.getByLabel('Role name').fill('TA (LA rate)');
  await f.getByLabel('Kind of role').selectOption({ label: 'Teaching assistant' });
  await f.getByLabel('An LA rate per weekly hour').check();
  await f.getByLabel('LA rate per weekly hour (£ a year)').fill('650');
  await f.getByRole('button', { name: 'Add role' }).click();
  await expect(roleRow(page, 'TA (LA rate)')).toContainText('£17.11');

  // Edit: Teachers' Pension at 28.68% -> pension 5,385.45, 26,229.83 / 1,072.5 = £24.46.
  await page.getByRole('button', { name: 'Edit TA', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Edit TA' })).toBeVisible();
  await expect(f.getByLabel('Full-time salary (£ a year)')).toHaveValue('25584.00');
  await f.getByLabel('Employer pension (%)').fill('28.68');
  await f.getByRole('button', { name: 'Save role' }).click();
  await expect(roleRow(page, 'TA')).toContainText('£24.46');
  await expect(page.getByRole('heading', { name: 'Add a role' })).toBeVisible();

  await page.reload();
  await expect(roleRow(page, 'TA')).toContainText('£24.46');
  await page.getByRole('button', { name: 'Delete HLTA' }).click();
  await expect(roleRow(page, 'HLTA')).toHaveCount(0);
  await expect(page.locator('table.roles tbody tr')).toHaveCount(2);
  expect(await axeViolations(page)).toEqual([]);
});

test('a role in use cannot be deleted, and says why', async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Delete TA' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be deleted' })).toHaveText(
    'TA cannot be deleted. It is used by 1 provision and 1 member of staff and 1 intervention. Change those first.',
  );
  await expect(roleRow(page, 'TA')).toHaveCount(1);
  await page.reload();
  await expect(roleRow(page, 'TA')).toHaveCount(1);
});
