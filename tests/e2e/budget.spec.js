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

  await page.getByLabel('Pupil premium, academic year 2025-26', { exact: true }).fill('lots');
  await page.getByLabel('Pupil premium, academic year 2025-26', { exact: true }).press('Enter');
  await expect(page.locator('#budget-2-error, #budget-1-error').first()).toHaveText('Enter an amount in pounds, like 42,000.');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Pupil premium, academic year 2025-26', { exact: true }).fill('2,500');
  await page.getByLabel('Pupil premium, academic year 2025-26', { exact: true }).press('Enter');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');

  await page.reload();
  await expect(page.getByLabel('Notional SEN budget')).toHaveValue('400.00');
  await expect(page.getByLabel('Pupil premium, academic year 2025-26', { exact: true })).toHaveValue('2500.00');
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

// Spend by who delivers it (issue 18, point 4). The fixture's "Colourful
// semantics" (TA x 1, Mrs Patel) costs £428.45: staff 19.4082 x 30/60 x 3 x 13
// = 378.4599, which takes the penny the total's rounding adds (the fixed
// £49.99 being whole pence): staff £378.46, fixed £49.99.
// Added: an HLTA role at £17.99 an hour, Mr Jones (HLTA), and "Maths
// catch-up" 8/9 to 12/12/2025 (13 teaching weeks), one 25-minute session a
// week, HLTA x 1 Mr Jones and HLTA x 2 unnamed, fixed costs £10.00:
//   Mr Jones' line 17.99 x 25/60 = 7.4958333, the unnamed 14.9916667 a session
//   staff 22.4875 x 13 = 292.3375; + 10.00 = 302.3375 -> £302.34
//   staff 30234p x 292.3375 / 302.3375 = 29233.99 -> £292.34; fixed £10.00
//   Mr Jones 29234p / 3 = 9744.67 -> £97.45 (largest remainder),
//   unnamed 2/3 = 19489.33 -> £194.89
// Year: 428.45 + 302.34 = £730.79, all spent (the year is over).
//   By role:   HLTA 292.34 + TA 378.46 + fixed 59.99 = 730.79
//   By member: Mr Jones 97.45 + Mrs Patel 378.46 + none named 194.89
//              + fixed 59.99 = 730.79
function staffedSchool() {
  const data = structuredClone(fixture);
  const at = fixture.roles[0].created_at;
  const hlta = { id: '7d1f3c2a-5b6e-4f80-9a1b-2c3d4e5f6a7b', name: 'HLTA', category: 'teaching_assistant', rate: { basis: 'typed', hourly: 1799 }, created_at: at, updated_at: at };
  const jones = { id: '8e2a4d3b-6c7f-4a91-8b2c-3d4e5f6a7b8c', name: 'Mr Jones', role_id: hlta.id, hours_available_per_week: '20', created_at: at, updated_at: at };
  data.roles.push(hlta);
  data.members.push(jones);
  data.provisions.push({
    ...structuredClone(fixture.provisions[0]),
    id: '9f3b5e4c-7d80-4ba2-9c3d-4e5f6a7b8c9d',
    intervention_id: null,
    name: 'Maths catch-up',
    staff: [
      { role_id: hlta.id, member_id: jones.id, count: 1 },
      { role_id: hlta.id, member_id: null, count: 2 },
    ],
    sessions_per_week: 1,
    minutes_per_session: 25,
    fixed_costs: 1000,
    slots: [],
  });
  return data;
}

for (const [width, height] of [[768, 1024], [1366, 768]]) {
  test(`spend by staff role and by member of staff at ${width} px, fixed costs apart, and printed`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await seed(page, staffedSchool());
    await page.goto('/#/budget');
    await expect(page.locator('#budget-committed-total')).toHaveText('£730.79');
    const roles = page.getByRole('table', { name: 'By staff role' });
    const members = page.getByRole('table', { name: 'By member of staff' });
    const rows = async (table) => (await table.getByRole('row').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
    await expect(roles.getByRole('row')).toHaveCount(5);
    expect(await rows(roles)).toEqual([
      ['Staff role', 'Committed', 'Spent to date'],
      ['HLTA', '£292.34', '£292.34'],
      ['TA', '£378.46', '£378.46'],
      ['Fixed and resource costs', '£59.99', '£59.99'],
      ['Total', '£730.79', '£730.79'],
    ]);
    expect(await rows(members)).toEqual([
      ['Member of staff', 'Committed', 'Spent to date'],
      ['Mr Jones', '£97.45', '£97.45'],
      ['Mrs Patel', '£378.46', '£378.46'],
      ['No named member', '£194.89', '£194.89'],
      ['Fixed and resource costs', '£59.99', '£59.99'],
      ['Total', '£730.79', '£730.79'],
    ]);
    // Every breakdown comes to the same total.
    for (let i = 0; i < 6; i++) {
      await expect(page.locator(`#breakdown-${i}`).getByRole('row', { name: /^Total/ }).locator('td').first()).toHaveText('£730.79');
    }
    // Readable: no sideways scroll of the page, and both tables fit without
    // scrolling in their own box.
    const fits = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      tables: ['#breakdown-4', '#breakdown-5'].map((s) => {
        const box = document.querySelector(s).closest('.table-scroll');
        return box.scrollWidth <= box.clientWidth;
      }),
    }));
    expect(fits).toEqual({ page: true, tables: [true, true] });
    expect(await axeViolations(page)).toEqual([]);
    await members.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`budget-by-staff-${width}.png`), fullPage: true });

    // Printed: both tables, not the what-if; the PDF is A4 pages.
    await page.emulateMedia({ media: 'print' });
    await expect(roles).toBeVisible();
    await expect(members).toBeVisible();
    await expect(page.locator('#whatif-heading')).toBeHidden();
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    expect(pdf.match(/\/MediaBox \[0 0 595(\.\d+)? 842(\.\d+)?\]/)).not.toBeNull();
  });
}
