// Settings: the school and its threshold, term dates and breaks, ratio-gain
// bands, funding figures, and the academic-year rollover with its preview.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

test('school, threshold and calendar change the figures elsewhere', async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/settings');
  const school = page.getByRole('region', { name: 'School and calendar' });
  await expect(school.getByLabel('School name')).toHaveValue('Sample Primary');
  await school.getByLabel('School name').fill('Hillside Primary');
  await school.getByLabel('Element-2 threshold per pupil a year (£)').fill('lots');
  // A break outside its term.
  await school.getByLabel('Autumn 2025-26 break 1 from').fill('2025-08-01');
  await school.getByRole('button', { name: 'Save school and calendar' }).click();
  await expect(page.locator('#school-threshold-error')).toHaveText('Enter the threshold in pounds, like 6000.00.');
  await school.getByLabel('Element-2 threshold per pupil a year (£)').fill('100');
  await school.getByRole('button', { name: 'Save school and calendar' }).click();
  await expect(page.locator('#school-years-errors')).toHaveText("2025-26: A break in the Autumn term falls outside the term's dates.");
  expect(await axeViolations(page)).toEqual([]);
  // Without the half-term break the autumn term has 80 school days, not 75.
  await school.getByRole('button', { name: 'Remove break 1' }).first().click();
  await school.getByRole('button', { name: 'Save school and calendar' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(school.locator('.message')).toHaveText('School and calendar: saved.');

  await page.reload();
  await expect(page.getByRole('region', { name: 'School and calendar' }).getByLabel('School name')).toHaveValue('Hillside Primary');
  // Zoë's £107.11 is now over the £100 threshold.
  await page.goto('/#/pupils');
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('At or over threshold');
  // With no half term, Mon 8 Sep - Fri 12 Dec runs every school day of the
  // 14 weeks w/c 8 Sep to w/c 8 Dec: 14 weeks (pro rata it was 14 x 70/80 =
  // 12.25); 9.70411 x 3 x 14 = 407.57, + 49.99 = £457.56.
  await page.goto(`/#/provisions/${fixture.provisions[0].id}`);
  await expect(page.locator('#cost-weeks')).toHaveText('14');
  await expect(page.locator('#cost-total')).toHaveText('£457.56');
});

test('bands and funding figures are checked, saved and used', async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/settings');
  const bands = page.getByRole('region', { name: 'Judging gains' });
  await bands.getByLabel('Band 3 from').fill('1.0');
  await bands.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#bands-errors')).toHaveText('Ratio-gain bands must go up in order.');
  await bands.getByLabel('Band 3 from').fill('2');
  await bands.getByLabel('Band 2 name').fill('Some impact');
  // The weeks before a gain is judged: 4 by default, 1 to 26, the problem beside it.
  const weeks = bands.getByLabel(/Weeks between entry and exit before a gain is judged/);
  await expect(weeks).toHaveValue('4');
  await weeks.fill('0');
  await bands.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#min-weeks-to-judge-error')).toHaveText('The weeks before a gain is judged must be from 1 to 26.');
  await weeks.fill('6');
  await bands.getByRole('button', { name: 'Save' }).click();
  await expect(bands.locator('.message')).toHaveText('Judging gains: saved.');

  const figures = page.getByRole('region', { name: 'Funding figures' });
  const ppPlus = figures.getByLabel('Pupil premium plus (LAC and PLAC), 2025-26 (£)');
  await expect(ppPlus).toHaveValue('2630.00');
  await ppPlus.fill('abc');
  await figures.getByRole('button', { name: 'Save funding figures' }).click();
  await expect(page.locator('#figures-errors')).toHaveText('Pupil premium plus (LAC and PLAC) for 2025-26: enter an amount in pounds, like 1515.00.');
  await ppPlus.fill('2,700');
  await figures.getByRole('button', { name: 'Save funding figures' }).click();
  await expect(figures.locator('.message')).toHaveText('Funding figures: saved.');
  expect(await axeViolations(page)).toEqual([]);

  // Both saved: one part's save did not undo the other.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Judging gains' }).getByLabel('Band 2 name')).toHaveValue('Some impact');
  await expect(page.getByRole('region', { name: 'Judging gains' }).getByLabel(/Weeks between entry and exit/)).toHaveValue('6');
  await expect(page.getByRole('region', { name: 'Funding figures' }).getByLabel('Pupil premium plus (LAC and PLAC), 2025-26 (£)')).toHaveValue('2700.00');
  await page.goto('/#/reports');
  await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Pupil premium plus: children in care' });
  await expect(page.locator('#report-table-0').getByRole('row', { name: /School's PP\+ allocation/ })).toContainText('£2,700.00');
});

test('rollover is previewed, applied as one edit, and undone', async ({ page }) => {
  const data = structuredClone(fixture);
  data.pupils.push({ ...structuredClone(fixture.pupils[0]), id: crypto.randomUUID(), given_name: 'Sam', family_name: 'Leaver', year_group: 'Y6', upn: null, ehcp: null, sen_status: 'N', primary_need: null, secondary_need: null, flags: { pupil_premium: false, lac: false, plac: false, service_child: false, eal: false } });
  await seed(page, data);
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Preview the rollover' }).click();
  const preview = page.locator('#rollover-summary');
  await expect(preview.getByRole('heading')).toHaveText('Rolling over to 2026-27');
  await expect(preview).toContainText('1 pupil moves up a year group; 1 pupil leaving; 1 provision copied as planned.');
  await preview.getByText('Pupils moving up').click();
  await expect(preview).toContainText("Zoë O'Brien: Year 4 to Year 5");
  await preview.getByText('Leavers').click();
  await expect(preview).toContainText('Sam Leaver');
  expect(await axeViolations(page)).toEqual([]);
  // Nothing has changed yet.
  await page.goto('/#/pupils');
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('Year 4');

  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Preview the rollover' }).click();
  await page.getByRole('button', { name: 'Roll over to 2026-27' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.getByRole('region', { name: 'Start the next academic year' }).locator('.message')).toHaveText('Roll over to 2026-27: done. Check the new year\'s term dates above.');
  // (Moving by the menu keeps the undo history, which lives in the page.)
  await page.getByRole('link', { name: 'Pupils' }).click();
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('Year 5');
  await expect(page.getByRole('row', { name: /Sam Leaver/ })).toHaveCount(0);
  await page.getByLabel('Including leavers').check();
  await expect(page.getByRole('row', { name: /Sam Leaver/ })).toContainText('(left)');
  await page.getByRole('link', { name: 'Provisions' }).click();
  await expect(page.getByRole('row', { name: /Colourful semantics/ })).toHaveCount(2);
  await expect(page.getByRole('row', { name: /Colourful semantics/ }).nth(1)).toContainText('2026');

  await page.getByRole('button', { name: 'Undo: Roll over to 2026-27' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.getByRole('row', { name: /Colourful semantics/ })).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole('row', { name: /Colourful semantics/ })).toHaveCount(1);
  await page.goto('/#/pupils');
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('Year 4');
});
