// Dated pay (issue 18, point 5): a role's pay award from a date costs each
// side of it at its own rate, on the provision's page and in the budget; a
// pay scale with two versions gives a salary-based role its full-time
// salary by date. Every figure worked by hand below.
//
// The school is the fixture's, with the spring term Mon 5 Jan - Thu 2 Apr
// 2026 (13 teaching weeks, no half term) and the summer term Mon 20 Apr -
// Tue 21 Jul 2026 (12 teaching weeks). Today is fixed on Mon 2 Mar 2026.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

const TODAY = new Date('2026-03-02T12:00:00Z');

function school() {
  const data = structuredClone(fixture);
  const y = data.settings.years[0];
  y.terms[1] = { name: 'spring', start: '2026-01-05', end: '2026-04-02', teaching_weeks: 13, breaks: [] };
  y.terms[2] = { name: 'summer', start: '2026-04-20', end: '2026-07-21', teaching_weeks: 12, breaks: [] };
  return data;
}

const roleForm = (page) => page.locator('form.role-form').first();
const roleRow = (page, name) => page.locator('table.roles tbody tr').filter({ has: page.getByRole('cell', { name, exact: true }) });

async function noSidewaysScroll(page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

async function saved(page) {
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
}

// A form closes once what it saved is committed: waiting for that, not
// only the status (which may still read "saved" from the last edit).
async function closed(page, form) {
  await expect(page.locator(form)).toHaveCount(0);
  await saved(page);
}

for (const [width, height] of [[768, 1024], [1366, 768]]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height } });

    test('a pay award from 01/04/2026 costs each side of it at its own rate', async ({ page }) => {
      test.setTimeout(90_000);
      await page.clock.setFixedTime(TODAY);
      await seed(page, school());
      await page.goto('/#/settings');

      // A TA at a typed £20.00 an hour.
      const f = roleForm(page);
      await f.getByLabel('Role name').fill('Pay TA');
      await f.getByLabel('A rate I type').check();
      await f.getByLabel('Hourly rate (£)').fill('20.00');
      await f.getByRole('button', { name: 'Add role' }).click();
      await expect(roleRow(page, 'Pay TA')).toContainText('£20.00');
      await saved(page);

      // Its pay award, by keyboard: the button opens the form (the date is
      // focused), the rate is prefilled with £20.00 to raise, Enter saves.
      await page.getByRole('button', { name: 'Edit Pay TA', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Pay awards and rate changes: Pay TA' })).toBeVisible();
      await expect(page.locator('#rate-changes-list tbody tr')).toHaveCount(1);
      await page.locator('#add-rate-change-open').focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('#change-from')).toBeFocused();
      await page.locator('#change-from').fill('2026-04-01');
      await expect(page.locator('#change-hourly')).toHaveValue('20.00');
      await page.locator('#change-hourly').focus();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('21.00');
      await expect(page.locator('#change-rate-preview')).toHaveText('£21.00 an hour.');
      await page.keyboard.press('Enter');
      await closed(page, '#rate-change-form');
      const rows = page.locator('#rate-changes-list tbody tr');
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(0)).toHaveText(/Before 01\/04\/2026\s*Typed: £20.00 an hour\s*£20.00/);
      await expect(rows.nth(1)).toHaveText(/01\/04\/2026\s*Typed: £21.00 an hour\s*£21.00/);
      // Today (02/03/2026) the rate is £20.00, and the list says what is coming.
      await expect(roleRow(page, 'Pay TA')).toContainText('£20.00');
      await expect(roleRow(page, 'Pay TA').locator('.rate-note')).toHaveText(
        'Rate changes on 01/04/2026: £20.00 an hour before, £21.00 an hour from then.',
      );
      // The same date again is refused beside the date.
      await page.locator('#add-rate-change-open').click();
      await page.locator('#change-from').fill('2026-04-01');
      await page.locator('#rate-change-save').click();
      await expect(page.locator('#change-from-error')).toHaveText('Pay TA already has a rate from 01/04/2026: edit that one.');
      await expect(page.locator('#change-from')).toHaveAttribute('aria-invalid', 'true');
      expect(await axeViolations(page)).toEqual([]);
      await noSidewaysScroll(page);
      await page.screenshot({ path: test.info().outputPath(`pay-award-${width}.png`), fullPage: true });
      await page.locator('section[aria-labelledby="roles-heading"]').screenshot({ path: test.info().outputPath(`pay-award-roles-${width}.png`) });
      await page.locator('#rate-change-form').getByRole('button', { name: 'Cancel' }).click();

      // A provision spanning the award: Mon 2 Mar - Fri 1 May 2026, 2 x 30
      // minutes a week, 1 TA. One session: £20.00 x 30/60 = £10.00 to
      // 31/03, £21.00 x 30/60 = £10.50 from 01/04.
      // Spring: w/c 2, 9, 16 and 23 Mar are full weeks (4); w/c 30 Mar has 4
      // school days (Mon 30 - Thu 2 Apr), each 1/4 of a week: 5 weeks (under
      // the 13 teaching weeks). Before the award 4 + 2/4 = 4.5 weeks, from
      // it 2/4 = 0.5 weeks:
      //   2 x £10.00 x 4.5 + 2 x £10.50 x 0.5 = £90.00 + £10.50 = £100.50
      // Summer: w/c 20 and 27 Apr, 2 weeks: 2 x £10.50 x 2 = £42.00.
      // Total £142.50 over 7 weeks.
      await page.getByRole('link', { name: 'Provisions' }).click();
      await page.getByRole('button', { name: 'Add a provision' }).click();
      const pf = page.locator('form.provision-form');
      await pf.getByLabel('Name', { exact: true }).fill('Award catch-up');
      await pf.getByLabel('Staff role 1').selectOption({ label: 'Pay TA' });
      await pf.getByLabel('Sessions a week').fill('2');
      await pf.getByLabel('Minutes per session').fill('30');
      await pf.getByLabel('Start date').fill('2026-03-02');
      await pf.getByLabel('End date').fill('2026-05-01');
      await pf.getByLabel('Fixed and resource costs (£)').fill('0');
      await pf.getByLabel('Planned group size').fill('4');
      await pf.getByRole('button', { name: 'Add provision' }).click();
      await saved(page);
      await page.getByRole('link', { name: 'Award catch-up' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Award catch-up' })).toBeVisible();
      await expect(page.locator('#cost-session')).toHaveText('£10.00');
      await expect(page.locator('#cost-breakdown')).toContainText('£10.00 at the rates of 02/03/2026');
      await expect(page.locator('#cost-rate-steps')).toHaveText(
        'Pay rates change during this provision, so one session costs £10.00 from 02/03/2026, then £10.50 from 01/04/2026; each part is costed at its own rate.',
      );
      await expect(page.locator('#cost-weeks')).toHaveText('7');
      await expect(page.locator('#cost-staff')).toHaveText('£142.50');
      await expect(page.locator('#cost-total')).toHaveText('£142.50');
      await expect(page.locator('#cost-by-term tbody tr')).toHaveText([
        /Spring 2025-26\s*5\s*£100.50/,
        /Summer 2025-26\s*2\s*£42.00/,
      ]);
      expect(await axeViolations(page)).toEqual([]);
      await noSidewaysScroll(page);
      await page.screenshot({ path: test.info().outputPath(`pay-provision-${width}.png`), fullPage: true });
      await page.locator('section[aria-labelledby="cost-heading"]').screenshot({ path: test.info().outputPath(`pay-provision-cost-${width}.png`) });

      // The budget: the fixture's £428.45 (autumn) + £142.50 = £570.95
      // committed to the notional SEN budget; spring £100.50, summer £42.00;
      // Pay TA's time £142.50.
      await page.getByRole('link', { name: 'Budget' }).click();
      await expect(page.locator('#budget-committed-total')).toHaveText('£570.95');
      await expect(page.getByRole('row', { name: /Notional SEN budget/ }).first()).toContainText('£570.95');
      const breakdown = page.locator('[id^="breakdown-"]');
      await expect(breakdown.getByRole('row', { name: /^Spring 2025-26/ }).locator('td').first()).toHaveText('£100.50');
      await expect(breakdown.getByRole('row', { name: /^Summer 2025-26/ }).locator('td').first()).toHaveText('£42.00');
      await expect(breakdown.getByRole('row', { name: /^Pay TA/ }).locator('td').first()).toHaveText('£142.50');
      expect(await axeViolations(page)).toEqual([]);
      await noSidewaysScroll(page);
    });

    test('a pay scale with two versions gives a salary role its salary by date', async ({ page }) => {
      test.setTimeout(90_000);
      await page.clock.setFixedTime(TODAY);
      await seed(page, school());
      await page.goto('/#/settings');
      const panel = page.locator('#pay-scales');
      await expect(panel.getByText('No pay scales yet.')).toBeVisible();
      await expect(page.locator('#scale-form')).toHaveCount(0);

      // The scale, its name typed and Enter pressed.
      await page.locator('#add-scale-open').click();
      await expect(page.locator('#scale-name')).toBeFocused();
      await page.locator('#scale-kind').selectOption({ label: 'Support staff spine points' });
      await page.locator('#scale-name').fill('NJC spine');
      await page.locator('#scale-name').press('Enter');
      await closed(page, '#scale-form');
      await expect(panel.getByRole('heading', { name: 'NJC spine (Support staff spine points)' })).toBeVisible();

      // Its first version: point 3 £24,413 and point 4 £24,796 from 01/04/2025.
      await panel.getByRole('button', { name: 'Add a version of NJC spine' }).click();
      await expect(page.locator('#version-from')).toBeFocused();
      await page.locator('#version-from').fill('2025-04-01');
      await page.locator('#version-point-0').fill('3');
      await page.locator('#version-salary-0').fill('lots');
      await page.locator('#version-add-point').click();
      await expect(page.locator('#version-point-1')).toBeFocused();
      await page.locator('#version-point-1').fill('4');
      await page.locator('#version-salary-1').fill('24,796');
      await page.locator('#version-salary-1').press('Enter');
      await expect(page.locator('#version-points-error')).toHaveText('Row 1: enter the salary in pounds, like 24,413.');
      expect(await axeViolations(page)).toEqual([]);
      await noSidewaysScroll(page);
      await panel.screenshot({ path: test.info().outputPath(`pay-version-form-${width}.png`) });
      await page.locator('#version-salary-0').fill('24,413');
      await page.locator('#version-salary-0').press('Enter');
      await closed(page, '#version-form');
      // The second, from 01/04/2026: the points come filled in to raise.
      await panel.getByRole('button', { name: 'Add a version of NJC spine' }).click();
      await expect(page.locator('#version-point-0')).toHaveValue('3');
      await expect(page.locator('#version-salary-0')).toHaveValue('24413.00');
      await page.locator('#version-from').fill('2026-04-01');
      await page.locator('#version-salary-0').fill('25,145');
      await page.locator('#version-salary-1').fill('25,584');
      await page.locator('#version-save').click();
      await closed(page, '#version-form');
      await expect(panel.locator('table.scale-versions tbody tr')).toHaveText([
        /01\/04\/2026\s*3: £25,145.00; 4: £25,584.00/,
        /01\/04\/2025\s*3: £24,413.00; 4: £24,796.00/,
      ]);

      // A role on point 3: full time 37 of 37 hours, 30 with pupils, paid
      // 52.14 weeks, 38 with pupils, NI 15% above £5,000, pension 20%.
      // Today (02/03/2026) the salary is £24,413:
      //   paid    = 24,413 x 37/37 x 52.14 x 7/365 = 24,413 x 364.98/365 = £24,411.66
      //   NI      = 15% x (24,411.66 - 5,000) = £2,911.75
      //   pension = 20% x 24,411.66 = £4,882.33
      //   annual  = £32,205.74 over 30 x 38 = 1,140 hours = £28.25 an hour
      // From 01/04/2026, £25,145: paid 25,145 x 364.98/365 = £25,143.62,
      //   annual = 1.35 x 25,143.62 - 750 = £33,193.89, / 1,140 = £29.12.
      const f = roleForm(page);
      await f.getByLabel('Role name').fill('Spine TA');
      await f.getByLabel('A salary').check();
      await f.getByLabel('Take the full-time salary from a pay scale').check();
      await expect(f.getByLabel('Full-time salary (£ a year)')).toHaveCount(0);
      await expect(page.locator('#salary-scale')).toHaveValue(/.+/);
      await page.locator('#salary-point').selectOption('3');
      await expect(page.locator('#salary-scale-salary')).toHaveText(
        'Full-time salary in force today: £24,413.00 (from 01/04/2025). It changes to £25,145.00 on 01/04/2026.',
      );
      await f.getByLabel('Contracted hours a week').fill('37');
      await f.getByLabel('Hours a week with pupils').fill('30');
      await expect(page.locator('#rate-preview')).toHaveText(
        'The salary in force today gives: paid salary £24,411.66, employer NI £2,911.75, pension £4,882.33: £32,205.74 a year over 1140 hours with pupils = £28.25 an hour.',
      );
      await f.getByRole('button', { name: 'Add role' }).click();
      await expect(roleRow(page, 'Spine TA')).toContainText('£28.25');
      await saved(page);
      await expect(roleRow(page, 'Spine TA').locator('.rate-note')).toHaveText(
        'Rate changes on 01/04/2026: £28.25 an hour before, £29.12 an hour from then.',
      );
      // The scale cannot go while the role takes its salary from it.
      await panel.getByRole('button', { name: 'Delete NJC spine' }).click();
      await expect(page.locator('#pay-scales-message')).toHaveText(
        'NJC spine cannot be deleted. The role Spine TA takes its salary from it: choose another salary for Spine TA first.',
      );
      expect(await axeViolations(page)).toEqual([]);
      await noSidewaysScroll(page);
      await page.screenshot({ path: test.info().outputPath(`pay-scales-${width}.png`), fullPage: true });
      await panel.screenshot({ path: test.info().outputPath(`pay-scales-panel-${width}.png`) });
      await page.locator('section[aria-labelledby="roles-heading"]').screenshot({ path: test.info().outputPath(`pay-scales-roles-${width}.png`) });

      // After the award (today 01/05/2026) the rate is £29.12, and the year
      // in view (2025-26) says it changed.
      await page.clock.setFixedTime(new Date('2026-05-01T12:00:00Z'));
      await page.reload();
      await expect(roleRow(page, 'Spine TA')).toContainText('£29.12');
      await expect(roleRow(page, 'Spine TA').locator('.rate-note')).toHaveText(
        'Rate changed on 01/04/2026: £28.25 an hour before, £29.12 an hour from then.',
      );
      // Editing the role keeps its point; the form shows today's salary.
      await page.getByRole('button', { name: 'Edit Spine TA', exact: true }).click();
      await expect(page.locator('#salary-point')).toHaveValue('3');
      await page.locator('section[aria-labelledby="roles-heading"]').screenshot({ path: test.info().outputPath(`pay-scale-role-form-${width}.png`) });
      await expect(page.locator('#salary-scale-salary')).toHaveText(
        'Full-time salary in force today: £25,145.00 (from 01/04/2026). No later change is set up.',
      );

      // Printed: the lists show, the forms and the add buttons do not.
      await page.emulateMedia({ media: 'print' });
      await expect(panel.locator('table.scale-versions')).toBeVisible();
      await expect(page.locator('#add-scale-open')).toBeHidden();
      await expect(page.locator('#add-rate-change-open')).toBeHidden();
      await page.emulateMedia({ media: 'screen' });
    });
  });
}

test.describe('on a tablet, by touch', () => {
  test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true });

  test('a scale, a version and a pay award added by tapping', async ({ page }) => {
    test.setTimeout(90_000);
    await page.clock.setFixedTime(TODAY);
    await seed(page, school());
    await page.goto('/#/settings');
    const panel = page.locator('#pay-scales');
    await page.locator('#add-scale-open').tap();
    await page.locator('#scale-name').fill('Teachers');
    await page.locator('#scale-kind').selectOption({ label: "Teachers' pay ranges" });
    await page.locator('#scale-save').tap();
    await closed(page, '#scale-form');
    await panel.getByRole('button', { name: 'Add a version of Teachers' }).tap();
    await page.locator('#version-from').fill('2025-09-01');
    await page.locator('#version-point-0').fill('M1');
    await page.locator('#version-salary-0').fill('32,916');
    await page.locator('#version-save').tap();
    await closed(page, '#version-form');
    await expect(panel.locator('table.scale-versions tbody tr')).toHaveText([/01\/09\/2025\s*M1: £32,916.00/]);
    // Rename it, then delete it (no role uses it).
    await panel.getByRole('button', { name: 'Rename Teachers' }).tap();
    await page.locator('#scale-name').fill('Teachers (MPR)');
    await page.locator('#scale-save').tap();
    await closed(page, '#scale-form');
    await expect(panel.getByRole('heading', { name: /Teachers \(MPR\)/ })).toBeVisible();
    await panel.getByRole('button', { name: 'Delete Teachers (MPR)' }).tap();
    await saved(page);
    await expect(panel.getByText('No pay scales yet.')).toBeVisible();

    // The fixture's TA (a salary of £25,584; its hours with pupils are its
    // 32.5 contracted hours, x 39 weeks = 1,267.5) gets a pay award: £26,409
    // from 01/04/2026, tapped in.
    //   before: £24,599.92 a year (staff.rs's worked example) / 1,267.5 = £19.41
    //   from it: paid 26,409 x 32.5/37 x 43.57 x 7/365 = £19,383.24;
    //            NI 15% x 14,383.24 = £2,157.49; pension 20% = £3,876.65;
    //            £25,417.37 a year / 1,267.5 = £20.05
    await page.getByRole('button', { name: 'Edit TA', exact: true }).tap();
    await page.locator('#add-rate-change-open').tap();
    await page.locator('#change-from').fill('2026-04-01');
    await expect(page.locator('#change-fte')).toHaveValue('25584.00');
    await page.locator('#change-fte').fill('26,409');
    await page.locator('#rate-change-save').tap();
    await closed(page, '#rate-change-form');
    const rows = page.locator('#rate-changes-list tbody tr');
    await expect(rows.nth(0)).toHaveText(/Before 01\/04\/2026\s*Salary £25,584.00 full time\s*£19.41/);
    await expect(rows.nth(1)).toHaveText(/01\/04\/2026\s*Salary £26,409.00 full time\s*£20.05/);
    // Tap targets are at least 44 px.
    for (const b of await page.locator('#rate-changes-list button, #add-rate-change-open, #add-scale-open').all()) {
      const box = await b.boundingBox();
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    expect(await axeViolations(page)).toEqual([]);
    await noSidewaysScroll(page);
    await page.screenshot({ path: test.info().outputPath('pay-touch-768.png'), fullPage: true });
  });
});
