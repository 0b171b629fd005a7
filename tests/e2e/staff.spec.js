// Staff: members of staff in Settings, and weekly hours asked of each role
// and member against the hours they have.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

test('weekly hours against availability, with over-allocation flagged', async ({ page }) => {
  // The fixture's provision, 3 x 30 min a week (1.5 hours) from 8 Sep to 12 Dec 2025, is
  // delivered by Mrs Patel (TA). Give her 1 hour a week for provision: she is over-allocated.
  const data = structuredClone(fixture);
  data.members[0].hours_available_per_week = '1';
  await seed(page, data);
  await page.goto('/#/staff');
  await page.getByLabel('Provision running on').fill('2025-10-01');
  const roles = page.locator('#capacity-roles tbody tr');
  await expect(roles).toHaveCount(1);
  await expect(roles.first()).toHaveText(/TA\s*1\.5\s*1\s*Over-allocated/);
  await expect(page.locator('#capacity-members tbody tr').first()).toHaveText(/Mrs Patel\s*1\.5\s*1\s*Over-allocated/);
  expect(await axeViolations(page)).toEqual([]);
  // Outside the provision's dates nothing is asked.
  await page.getByLabel('Provision running on').fill('2026-01-14');
  await expect(roles.first()).toHaveText(/TA\s*0\s*1\s*$/);

  // A second TA with 2 hours: the role now has 3 hours for 1.5 asked.
  await page.goto('/#/settings');
  await page.getByLabel('Name', { exact: true }).fill('Mr Brown');
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'TA' });
  await page.getByLabel('Hours a week for provision').fill('2');
  await page.getByRole('button', { name: 'Add member of staff' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.locator('table.members')).toContainText('Mr Brown');
  // Mrs Patel delivers a provision, so she cannot be deleted.
  await page.getByRole('button', { name: 'Delete Mrs Patel' }).click();
  await expect(page.getByText('Mrs Patel cannot be deleted. They deliver 1 provision. Change it first.')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.goto('/#/staff');
  await page.getByLabel('Provision running on').fill('2025-10-01');
  await expect(roles.first()).toHaveText(/TA\s*1\.5\s*3\s*$/);
});
