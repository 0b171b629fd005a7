// Financial years (issue 18, point 3): a school that budgets from April to
// March chooses so in Settings, enters its budgets for a financial year, and
// the budget view shows that year, its dates, and the costs incurred in it,
// a term across 1 April split by its school days. Switching back to the
// academic year shows the academic figures, and the financial year's budget
// is kept.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations, pupil, enrolment } from './helpers.js';

// The clock is fixed on Monday 30 November 2026 at noon, so "spent to date"
// and the year in view are worked out for a known day.
const TODAY = new Date('2026-11-30T12:00:00Z');

// Two academic years set up:
//   2025-26: autumn Mon 01/09/2025 to Fri 19/12/2025 (16 weeks), spring Mon
//            05/01/2026 to Thu 02/04/2026 (12 full weeks and a week of 4
//            days, 30/03 to 02/04, each day 1/4 of a week: 13 weeks), summer
//            Mon 20/04/2026 to Tue 21/07/2026 (13 full weeks and a 2-day
//            week: 14 weeks);
//   2026-27: autumn Mon 07/09/2026 to Fri 18/12/2026 (15 weeks), spring Mon
//            04/01/2027 to Fri 26/03/2027 (12), summer Mon 12/04/2027 to Fri
//            16/07/2027 (14).
// One role, a TA typed at £10.01 an hour; one provision, "Precision
// teaching", one 60-minute session a week (£10.01 a teaching week) from
// 05/01/2026 to 26/03/2027, charged to the notional SEN budget, with Ada in
// it throughout. The fixture's own provision and plans are taken out.
//
// Hand-worked costs (each term's part rounded once, half away from zero):
//   spring 2025-26: 13 x 10.01 = 130.13; to 31/03/2026: 12 weeks + 2 days
//     x 1/4 = 12.5 weeks, 125.125 -> 125.13; from 01/04/2026: 2 x 1/4 = 0.5
//     weeks, 5.005 -> 5.01 (the two parts, 130.14, are a penny over the term)
//   summer 2025-26: 14 x 10.01 = 140.14
//   autumn 2026-27: 15 x 10.01 = 150.15; to Mon 30/11/2026: 12 full weeks
//     (07/09 to 27/11) + 1 day of a 5-day week = 12.2 weeks, 122.122 -> 122.12
//   spring 2026-27: 12 x 10.01 = 120.12
// Financial year 2026-27 (01/04/2026 to 31/03/2027): committed 5.01 + 140.14
//   + 150.15 + 120.12 = 415.42; spent to 30/11/2026 5.01 + 140.14 + 122.12 =
//   267.27. Against a budget of £400.00: over by 415.42 - 400 = 15.42.
// Academic year 2026-27: 150.15 + 120.12 = 270.27; 2025-26: 130.13 + 140.14 =
//   270.27, against the fixture's £42,000.00: 41,729.73 remaining.
function financialSchool() {
  const data = structuredClone(fixture);
  const term = (name, start, end, weeks) => ({ name, start, end, teaching_weeks: weeks, breaks: [] });
  data.settings.years = [
    {
      id: crypto.randomUUID(), start_year: 2025, terms: [
        term('autumn', '2025-09-01', '2025-12-19', 16),
        term('spring', '2026-01-05', '2026-04-02', 13),
        term('summer', '2026-04-20', '2026-07-21', 14),
      ],
    },
    {
      id: crypto.randomUUID(), start_year: 2026, terms: [
        term('autumn', '2026-09-07', '2026-12-18', 15),
        term('spring', '2027-01-04', '2027-03-26', 12),
        term('summer', '2027-04-12', '2027-07-16', 14),
      ],
    },
  ];
  data.roles[0].rate = { basis: 'typed', hourly: 1001 };
  const p = {
    ...structuredClone(fixture.provisions[0]),
    id: crypto.randomUUID(), intervention_id: null, name: 'Precision teaching',
    broad_area: 'cognition_and_learning', staff: [{ role_id: data.roles[0].id, member_id: null, count: 1 }],
    sessions_per_week: 1, minutes_per_session: 60, start: '2026-01-05', end: '2027-03-26',
    funding: 'notional_sen', fixed_costs: 0, slots: [], planned_group_size: 1, split: 'actual_pupils',
    recurring: false,
  };
  const ada = pupil('Ada', 'Test', { year_group: 'Y3', class_name: '3R', sen_status: 'K', primary_need: 'SPLD', on_register_from: '2025-09-01' });
  data.pupils = [ada];
  data.provisions = [p];
  data.enrolments = [enrolment(ada.id, p)];
  data.plans = [];
  return data;
}

const go = async (page, name) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
};
const senRow = (page) => page.locator('table.budget').getByRole('row', { name: /Notional SEN budget/ });
const termCell = (page, row, col) => page.locator('#breakdown-3').getByRole('row', { name: row }).locator('td').nth(col);
const noSidewaysScroll = async (page) => {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
};

/** Settings: choose the kind of year by `how` ('click' or 'tap') and save. */
async function chooseBudgetYear(page, label, how = 'click') {
  await go(page, 'Settings');
  const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Budget year', exact: true }) });
  await panel.getByLabel(label)[how]();
  await panel.getByRole('button', { name: 'Save budget year' })[how]();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  return panel;
}

/** The financial year 2026-27's figures, as worked out above. */
async function expectFinancialFigures(page) {
  await expect(page.getByRole('heading', { level: 2, name: 'Financial year 2026-27: 1 April 2026 to 31 March 2027' })).toBeVisible();
  await expect(page.locator('#budget-year option:checked')).toHaveText('2026-27');
  await expect(senRow(page)).toContainText('£415.42');
  await expect(senRow(page)).toContainText('£267.27');
  await expect(senRow(page)).toContainText('-£15.42 (over)');
  await expect(page.locator('#budget-committed-total')).toHaveText('£415.42');
  await expect(page.locator('#budget-warnings')).toHaveText(
    'Notional SEN budget is over budget by £15.42: £415.42 committed against £400.00.',
  );
  // By term: the spring term's part from 1 April, and each term's spend to date.
  await expect(termCell(page, /Spring 2025-26, from 01\/04\/2026/, 0)).toHaveText('£5.01');
  await expect(termCell(page, /Spring 2025-26, from 01\/04\/2026/, 1)).toHaveText('£5.01');
  await expect(termCell(page, /Summer 2025-26/, 0)).toHaveText('£140.14');
  await expect(termCell(page, /Autumn 2026-27/, 0)).toHaveText('£150.15');
  await expect(termCell(page, /Autumn 2026-27/, 1)).toHaveText('£122.12');
  await expect(termCell(page, /Spring 2026-27/, 0)).toHaveText('£120.12');
  await expect(termCell(page, /^Total/, 0)).toHaveText('£415.42');
  await expect(termCell(page, /^Total/, 1)).toHaveText('£267.27');
  // The split, where the figures show.
  await expect(page.locator('#budget-split-note')).toContainText(
    'Split at 1 April: Spring 2025-26 (05/01/2026 to 02/04/2026) counts here from 01/04/2026 to 02/04/2026.',
  );
  await expect(page.locator('#budget-split-note')).toContainText('each rounded to the penny on its own');
  await expect(page.locator('#budget-not-set-up')).toHaveCount(0);
}

test('a school that budgets by the financial year sees that year, and its academic figures and budgets are kept', async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  await seed(page, financialSchool());
  await page.goto('/#/budget');
  // The academic year by default: 2026-27 holds 30/11/2026; 270.27 committed.
  await expect(page.getByRole('heading', { level: 2, name: 'Academic year 2026-27: 7 September 2026 to 16 July 2027' })).toBeVisible();
  await expect(page.locator('#budget-committed-total')).toHaveText('£270.27');

  const panel = await chooseBudgetYear(page, 'Financial year (April to March)');
  await expect(panel.getByRole('status')).toHaveText('Budget year: saved. The school budgets by the financial year (April to March).');
  await expect(panel.getByText('Maintained schools: the local authority')).toBeVisible();
  // The fixture's academic budget is kept, and says it is not in use.
  await expect(page.locator('#budgets-entered')).toContainText('Academic year 2025-26 (1 September 2025 to 21 July 2026) Kept, not in use while the school budgets by the financial year.');
  await expect(page.locator('#budgets-entered')).toContainText('Notional SEN budget: £42,000.00');
  expect(await axeViolations(page)).toEqual([]);

  await go(page, 'Budget');
  // 30/11/2026 is in the financial year 2026-27; the financial years that
  // overlap 2025-26 and 2026-27 are 2025-26, 2026-27 and 2027-28.
  await expect(page.locator('#budget-year option')).toHaveText(['2025-26', '2026-27', '2027-28']);
  await expect(page.getByRole('heading', { level: 2, name: 'Financial year 2026-27: 1 April 2026 to 31 March 2027' })).toBeVisible();
  await expect(page.locator('#budget-year-kind')).toContainText('The school budgets by the financial year (April to March).');
  // No budget yet for this financial year.
  const input = page.getByLabel('Notional SEN budget, financial year 2026-27');
  await expect(input).toHaveValue('');
  await input.fill('400');
  await input.press('Enter');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expectFinancialFigures(page);
  expect(await axeViolations(page)).toEqual([]);

  // The financial year 2025-26 takes the spring term to 31/03/2026: 125.13;
  // its April to August 2025 is in 2024-25, not set up, and says so.
  await page.locator('#budget-year').selectOption('2025');
  await expect(page.getByRole('heading', { level: 2, name: 'Financial year 2025-26: 1 April 2025 to 31 March 2026' })).toBeVisible();
  await expect(page.locator('#budget-committed-total')).toHaveText('£125.13');
  await expect(termCell(page, /Spring 2025-26, to 31\/03\/2026/, 0)).toHaveText('£125.13');
  await expect(page.locator('#budget-not-set-up')).toHaveText(
    '01/04/2025 to 31/08/2025 of the financial year 2025-26 falls in no academic year set up, so provision then is not costed in these figures. Set up the academic year 2024-25 in Settings to cost it.',
  );
  await expect(page.getByLabel('Notional SEN budget, financial year 2025-26')).toHaveValue('');
  expect(await axeViolations(page)).toEqual([]);
  // The choice stays as the user moves between views.
  await go(page, 'Pupils');
  await go(page, 'Budget');
  await expect(page.locator('#budget-year option:checked')).toHaveText('2025-26');
  await page.locator('#budget-year').selectOption('2026');

  // Back to the academic year: its figures, and the financial budget kept.
  await chooseBudgetYear(page, 'Academic year (September to August)');
  await expect(page.locator('#budgets-entered li').first()).toContainText('Academic year 2025-26 (1 September 2025 to 21 July 2026)');
  await expect(page.locator('#budgets-entered')).toContainText(
    'Financial year 2026-27 (1 April 2026 to 31 March 2027) Kept, not in use while the school budgets by the academic year.',
  );
  await expect(page.locator('#budgets-entered')).toContainText('Notional SEN budget: £400.00');
  await go(page, 'Budget');
  await expect(page.getByRole('heading', { level: 2, name: 'Academic year 2026-27: 7 September 2026 to 16 July 2027' })).toBeVisible();
  await expect(page.locator('#budget-committed-total')).toHaveText('£270.27');
  await expect(page.getByLabel('Notional SEN budget, academic year 2026-27')).toHaveValue('');
  await expect(page.locator('#budget-split-note')).toHaveCount(0);
  await page.locator('#budget-year').selectOption('2025');
  await expect(senRow(page)).toContainText('£270.27');
  await expect(senRow(page)).toContainText('£41,729.73');
  await expect(page.getByLabel('Notional SEN budget, academic year 2025-26')).toHaveValue('42000.00');

  // And to the financial year again: the £400.00 is there, and so are its figures.
  await chooseBudgetYear(page, 'Financial year (April to March)');
  await go(page, 'Budget');
  await expect(page.getByLabel('Notional SEN budget, financial year 2026-27')).toHaveValue('400.00');
  await expectFinancialFigures(page);
});

/** Seed the school budgeting by the financial year with £400.00 for 2026-27. */
async function financialWithBudget(page) {
  const data = financialSchool();
  data.settings.budget_year = 'financial';
  data.settings.budgets.push({ start_year: 2026, year: 'financial', source: 'notional_sen', amount: 40000 });
  await page.clock.setFixedTime(TODAY);
  await seed(page, data);
}

for (const [width, height] of [[768, 1024], [1366, 768]]) {
  test(`the financial year's budget view at ${width} px: readable, axe clean, no sideways scroll`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await financialWithBudget(page);
    await page.goto('/#/budget');
    await expectFinancialFigures(page);
    await noSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`financial-year-budget-${width}.png`), fullPage: true });
    await page.goto('/#/settings');
    const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Budget year', exact: true }) });
    await expect(panel.getByLabel('Financial year (April to March)')).toBeChecked();
    await expect(page.locator('#budgets-entered li').first()).toContainText('Financial year 2026-27 (1 April 2026 to 31 March 2027)');
    await noSidewaysScroll(page);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: test.info().outputPath(`financial-year-settings-${width}.png`) });
  });
}

test('by keyboard: choose the financial year, enter its budget, choose another year', async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  await seed(page, financialSchool());
  await page.goto('/#/settings');
  const academic = page.locator('#budget-kind-academic');
  await academic.focus();
  await expect(academic).toBeChecked();
  // Arrow keys move through a radio group and choose as they go; Tab leaves
  // it for the save button.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#budget-kind-financial')).toBeChecked();
  await expect(page.locator('#budget-kind-financial')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('#budget-year-save')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');

  await page.goto('/#/budget');
  const input = page.getByLabel('Notional SEN budget, financial year 2026-27');
  await input.focus();
  await page.keyboard.type('400');
  await page.keyboard.press('Enter');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expectFinancialFigures(page);
  // The year chooser, by keyboard: ArrowUp picks the financial year before.
  await page.locator('#budget-year').focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('heading', { level: 2, name: 'Financial year 2025-26: 1 April 2025 to 31 March 2026' })).toBeVisible();
  await expect(page.locator('#budget-committed-total')).toHaveText('£125.13');
});

test.describe('by touch', () => {
  test.use({ hasTouch: true, viewport: { width: 768, height: 1024 } });

  test('choose the financial year and enter its budget with taps', async ({ page }) => {
    await page.clock.setFixedTime(TODAY);
    await seed(page, financialSchool());
    await page.goto('/#/budget');
    await chooseBudgetYear(page, 'Financial year (April to March)', 'tap');
    // The radio and the save button are big enough to tap (44 px).
    for (const sel of ['label[for="budget-kind-financial"]', '#budget-year-save']) {
      const box = await page.locator(sel).boundingBox();
      expect(box.height, sel).toBeGreaterThanOrEqual(44);
    }
    await go(page, 'Budget');
    const input = page.getByLabel('Notional SEN budget, financial year 2026-27');
    await input.tap();
    await input.fill('400');
    await input.press('Enter');
    await expect(page.locator('.save-status')).toHaveText('All changes saved');
    await expectFinancialFigures(page);
    const box = await page.locator('#budget-year').boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(44);
  });
});

test('the printed budget view says which financial year it is and leaves out the controls', async ({ page }) => {
  await financialWithBudget(page);
  await page.goto('/#/budget');
  await expectFinancialFigures(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 2, name: 'Financial year 2026-27: 1 April 2026 to 31 March 2027' })).toBeVisible();
  await expect(page.locator('#budget-split-note')).toBeVisible();
  await expect(page.locator('table.budget')).toBeVisible();
  await expect(page.locator('#budget-year')).toBeHidden();
  await expect(page.locator('#budget-year-kind')).toBeHidden();
  await expect(page.locator('#whatif-heading')).toBeHidden();
  await expect(page.locator('.app-header')).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('financial-year-budget-print.png'), fullPage: true });
});
