// Provisions: create one, enrol pupils in one go, see its cost and each
// pupil's share change with the figures the costing rules give, and delete it.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations, openAddPupil } from './helpers.js';

test('a provision is costed, shared among its pupils, edited and deleted', async ({ page }) => {
  // The fixture's school: 2025-26 terms (autumn 1 Sep - 20 Dec 2025, 14 teaching
  // weeks, half term 27-31 Oct) and a TA whose salary gives £19.4082 an hour.
  await seed(page, fixture);
  await page.goto('/#/pupils');
  const f = await openAddPupil(page);
  await f.getByLabel('Given name').fill('Ada');
  await f.getByLabel('Family name').fill('Lovelace');
  await f.getByLabel('Year group', { exact: true }).selectOption({ label: 'Year 5' });
  await f.getByRole('button', { name: 'Add pupil' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');

  await page.getByRole('link', { name: 'Provisions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Provisions' })).toBeVisible();
  // The list comes first; the button opens the form.
  await expect(page.locator('form.provision-form')).toHaveCount(0);
  await page.getByRole('button', { name: 'Add a provision' }).click();
  const form = page.locator('form.provision-form');
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await form.getByLabel('Name', { exact: true }).fill('Reading catch-up');
  await form.getByLabel('Staff role 1').selectOption({ label: 'TA' });
  await form.getByLabel('Sessions a week').fill('3');
  await form.getByLabel('Minutes per session').fill('-30');
  await form.getByLabel('Start date').fill('2025-09-08');
  await form.getByLabel('End date').fill('2025-12-12');
  await form.getByLabel('Fixed and resource costs (£)').fill('45');
  await form.getByLabel('Planned group size').fill('4');
  await form.getByRole('button', { name: 'Add provision' }).click();
  await expect(page.locator('#provision-minutes-error')).toHaveText('Enter the minutes per session as a whole number, like 30.');
  expect(await axeViolations(page)).toEqual([]);
  await form.getByLabel('Minutes per session').fill('30');
  await form.getByRole('button', { name: 'Add provision' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');

  // Mon 8 Sep - Fri 12 Dec runs every school day of w/c 8 Sep to w/c 8 Dec,
  // 14 weeks less the half term: 13 weeks, as a SENCO counts them.
  // 19.4082 x 30/60 = 9.7041 a session x 3 x 13 = 378.46, + 45 = £423.46.
  const row = page.getByRole('row', { name: /Reading catch-up/ });
  await expect(row).toContainText('£423.46');
  await expect(row).toContainText('TA × 1');
  await expect(row).toContainText('08/09/2025 to 12/12/2025');
  await page.getByLabel('Running in').selectOption({ label: 'Spring 2025-26' });
  await expect(page.getByRole('row', { name: /Reading catch-up/ })).toHaveCount(0);
  await page.getByLabel('Running in').selectOption({ label: 'Autumn 2025-26' });
  await page.getByRole('link', { name: 'Reading catch-up' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Reading catch-up' })).toBeVisible();
  await expect(page.locator('#cost-session')).toHaveText('£9.70');
  await expect(page.locator('#cost-weeks')).toHaveText('13');
  await expect(page.locator('#cost-staff')).toHaveText('£378.46');
  await expect(page.locator('#cost-fixed')).toHaveText('£45.00');
  await expect(page.locator('#cost-total')).toHaveText('£423.46');
  await expect(page.locator('#cost-unallocated')).toHaveText('£423.46');
  // Term by term: all of it in the autumn, 13 weeks.
  await expect(page.locator('#cost-by-term tbody tr')).toHaveCount(1);
  await expect(page.locator('#cost-by-term tbody tr')).toHaveText(/Autumn 2025-26\s*13\s*£423.46/);
  await expect(page.locator('#cost-outside-years')).toHaveCount(0);

  // Enrol both pupils in one edit: 423.46 / 2 = £211.73 each.
  await page.getByLabel(/Ada Lovelace/).check();
  await page.getByLabel(/Zoë O'Brien/).check();
  await page.getByRole('button', { name: 'Enrol 2 pupils' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  const shares = page.locator('table.enrolled tbody tr');
  await expect(shares).toHaveCount(2);
  await expect(shares.nth(0)).toContainText('£211.73');
  await expect(shares.nth(1)).toContainText('£211.73');
  await expect(shares.nth(0)).toContainText('65');
  await expect(page.locator('#cost-per-pupil')).toHaveText('£211.73');
  await expect(page.locator('#cost-unallocated')).toHaveText('£0.00');
  expect(await axeViolations(page)).toEqual([]);

  // Entry and exit reading ages, 8 Sep to 12 Dec (95 days = 95 x 12 / 365.25 = 3.12 months):
  // Ada 84 -> 96 (+12, ratio 3.85), Zoë 90 -> 95 (+5, ratio 1.60): mean ratio gain
  // 8.5 / 3.12 = 2.72, "useful"; both at or above modest (1.4). Cost per pupil with data
  // £211.73, per month gained 211.73 / 8.5 = 24.909 -> £24.91.
  await page.getByLabel('Measure').selectOption({ label: 'Reading age (months)' });
  await page.getByLabel('Entry for Ada Lovelace').fill('84');
  await page.getByLabel('Exit for Ada Lovelace').fill('96');
  await page.getByLabel("Entry for Zoë O'Brien").fill('90');
  await page.getByLabel("Exit for Zoë O'Brien").fill('lots');
  await page.getByRole('button', { name: 'Save entry and exit data' }).click();
  await expect(page.getByText('Exit: Enter the age in whole months, like 98 (8 years 2 months).')).toBeVisible();
  await expect(page.locator('#impact-summary')).toHaveText('');
  await page.getByLabel("Exit for Zoë O'Brien").fill('95');
  await page.getByRole('button', { name: 'Save entry and exit data' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.locator('#impact-summary')).toHaveText(
    '2 of 2 pupils have entry and exit data: mean ratio gain 2.72 (Useful impact), 100% at or above modest impact. £24.91 per pupil per month gained',
  );
  await expect(page.locator('#ratio-gain-definition')).toContainText('under 4 weeks between entry and exit is too soon to judge');
  expect(await axeViolations(page)).toEqual([]);
  await page.reload();
  await expect(page.getByLabel('Exit for Ada Lovelace')).toHaveValue('96');

  // EEF advice appears when the sessions are too short for TA-led wave 2.
  await page.getByRole('button', { name: 'Edit provision' }).click();
  await page.locator('form.provision-form').getByLabel('Minutes per session').fill('15');
  await page.getByRole('button', { name: 'Save provision' }).click();
  await expect(page.getByRole('note', { name: 'EEF advice' })).toContainText('under 20');
  // 19.4082 x 15/60 x 3 x 13 = 189.23, + 45 = £234.23.
  await expect(page.locator('#cost-total')).toHaveText('£234.23');
  // The page is updated in place: each share (234.23 / 2 = 117.115 -> £117.12 and £117.11)
  // and the cost per month gained ((117.12 + 117.11) / 2 = 117.115 -> 117.12, / 8.5 = £13.78).
  await expect(shares.nth(0)).toContainText('£117.12');
  await expect(shares.nth(1)).toContainText('£117.11');
  await expect(page.locator('#impact-summary')).toContainText('£13.78 per pupil per month gained');

  // The register shows each pupil's share this year.
  await page.getByRole('link', { name: 'Pupils' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Ada Lovelace/ })).toContainText('£117.12');

  // Deleting the provision takes its enrolments with it, in one edit.
  await page.goBack();
  await page.getByRole('button', { name: 'Delete provision' }).click();
  await page.getByRole('button', { name: 'Yes, delete it and its enrolments' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Provisions' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Reading catch-up' })).toHaveCount(0);
  await page.reload();
  await page.getByRole('link', { name: 'Pupils' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pupils' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Ada Lovelace/ })).not.toContainText('£');
});

test('dates in no academic year set up are flagged, never costed as £0 in silence', async ({ page }) => {
  // The fixture has 2025-26 only (1 Sep 2025 to 31 Aug 2026). Colourful semantics,
  // and Zoë's place in it, run on to Sat 31 Oct 2026.
  const data = structuredClone(fixture);
  data.provisions[0].end = '2026-10-31';
  data.enrolments[0].end = '2026-10-31';
  await seed(page, data);
  await page.goto(`/#/provisions/${data.provisions[0].id}`);
  const note = 'Not costed: 01/09/2026 to 31/10/2026 fall in no academic year set up. Set up the academic year in Settings to cost them.';
  await expect(page.locator('#cost-outside-years')).toHaveText(note);
  await expect(page.locator('table.enrolled tbody tr').first()).toContainText(note);
  // What can be costed still is: autumn from Mon 8 Sep to the term's end, w/c 8 Sep
  // to w/c 15 Dec less the half term = 14 weeks (the term's 14); the typical spring
  // (Mon 5 Jan - Tue 31 Mar 2026: 12 full weeks and a part week = 13, counted as the
  // term's 12) and summer (Tue 14 Apr - Tue 21 Jul: 15 weeks with school days,
  // counted as 12): 14 + 12 + 12 = 38 weeks.
  await expect(page.locator('#cost-weeks')).toHaveText('38');
  await expect(page.locator('#cost-by-term tbody tr')).toHaveCount(3);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'All provision' }).click();
  await expect(page.getByRole('row', { name: /Colourful semantics/ })).toContainText('(some dates in no academic year set up: not costed)');
});
