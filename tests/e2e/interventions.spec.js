// The intervention library: add with inline validation, EEF advice as typed
// and in the list, edit, start a provision from an entry (its cost follows
// the costing rules), and a guarded delete.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

test('library entries, EEF advice, and a provision started from one', async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/pupils');
  await page.getByRole('link', { name: 'Interventions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Intervention library' })).toBeVisible();
  // Text is shown as text, never as markup.
  await expect(page.locator('.library-entry').first()).toContainText('Sentence building <b>with colours</b>');
  await expect(page.locator('.library-entry').first()).toContainText('1 × TA, groups of 4, 3 sessions a week of 30 minutes, for 12 weeks');
  await expect(page.locator('.library-entry').first()).toContainText('£62.49');

  const f = page.locator('form.provision-form');
  await expect(f).toHaveCount(0);
  await page.getByRole('button', { name: 'Add an intervention' }).click();
  await f.getByLabel('Name', { exact: true }).fill('Precision teaching');
  await f.getByLabel('Staff role').selectOption({ label: 'TA' });
  await f.getByLabel('Group size').fill('4');
  await f.getByLabel('Sessions a week').fill('3');
  await f.getByLabel('Minutes per session').fill('30');
  await f.getByLabel('Weeks').fill('');
  await f.getByLabel('Fixed costs (£)').fill('40');
  await f.getByLabel('Resource costs (£)').fill('5');
  await f.getByRole('button', { name: 'Add intervention' }).click();
  await expect(page.locator('#intervention-weeks-error')).toHaveText('Enter the number of weeks as a whole number, like 10.');
  await expect(page.locator('#intervention-areas-error')).toHaveText('Choose at least one broad area of need.');
  await expect(page.locator('.library-entry')).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);

  // TA-led at wave 2 for 6 weeks: outside the EEF's 8 to 20, said as it is typed.
  await f.getByLabel('Cognition and learning').check();
  await f.getByLabel('Weeks').fill('6');
  await expect(f.getByRole('note', { name: 'EEF advice on this entry' })).toHaveText('EEF guidance: run for 8 to 20 weeks; this is under 8.');
  await f.getByRole('button', { name: 'Add intervention' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.getByRole('note', { name: 'EEF advice for Precision teaching' })).toHaveText('EEF guidance: run for 8 to 20 weeks; this is under 8.');
  await expect(page.getByRole('heading', { name: /^Library/ })).toContainText('(2)');

  // Edit it to 12 weeks: the advice goes.
  await page.getByRole('button', { name: 'Edit Precision teaching', exact: true }).click();
  await expect(f.getByLabel('Name', { exact: true })).toHaveValue('Precision teaching');
  await f.getByLabel('Weeks').fill('12');
  await f.getByRole('button', { name: 'Save intervention' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.getByRole('note', { name: 'EEF advice for Precision teaching' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit Precision teaching', exact: true })).toBeFocused();

  // Start a provision from it: the form comes filled from the library.
  await page.getByRole('link', { name: 'Start a provision of Precision teaching' }).click();
  await expect(page.getByRole('heading', { name: 'Start a provision from the library' })).toBeVisible();
  await expect(page.getByLabel('Start date')).toBeFocused();
  await expect(f.getByLabel('Name', { exact: true })).toHaveValue('Precision teaching');
  await expect(f.getByLabel('Sessions a week')).toHaveValue('3');
  await expect(f.getByLabel('Minutes per session')).toHaveValue('30');
  await expect(f.getByLabel('Planned group size')).toHaveValue('4');
  await expect(f.getByLabel('Fixed and resource costs (£)')).toHaveValue('45.00');
  await expect(f.getByLabel('Staff role 1')).toHaveValue(fixture.roles[0].id);
  await f.getByLabel('Start date').fill('2025-09-08');
  await f.getByLabel('End date').fill('2025-12-12');
  await f.getByRole('button', { name: 'Add provision' }).click();
  // On its own page; the same figures as provisions.spec.js: £378.46 (13 weeks) + £45.
  await expect(page.getByRole('heading', { level: 1, name: 'Precision teaching' })).toBeVisible();
  await expect(page.locator('#cost-staff')).toHaveText('£378.46');
  await expect(page.locator('#cost-total')).toHaveText('£423.46');

  // An entry a provision was started from cannot be deleted; an unused one can.
  await page.getByRole('link', { name: 'Interventions' }).click();
  await page.getByRole('button', { name: 'Delete Precision teaching', exact: true }).click();
  await expect(page.locator('.message')).toHaveText('Precision teaching cannot be deleted. 1 provision was started from it.');
  await page.getByRole('button', { name: 'Add an intervention' }).click();
  await f.getByLabel('Name', { exact: true }).fill('Lego therapy');
  await f.getByLabel('Social, emotional and mental health').check();
  await f.getByLabel('Group size').fill('3');
  await f.getByLabel('Sessions a week').fill('1');
  await f.getByLabel('Minutes per session').fill('45');
  await f.getByLabel('Weeks').fill('10');
  await f.getByRole('button', { name: 'Add intervention' }).click();
  await expect(page.getByRole('heading', { name: /^Library/ })).toContainText('(3)');
  await page.getByRole('button', { name: 'Delete Lego therapy', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Library/ })).toContainText('(2)');
  await page.reload();
  await expect(page.getByRole('heading', { name: /^Library/ })).toContainText('(2)');
  expect(await axeViolations(page)).toEqual([]);
});
