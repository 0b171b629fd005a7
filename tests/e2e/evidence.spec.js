// The top-up evidence pack: one pupil's costed individual provision map as the
// school and the LA cost it, against the element-2 threshold, with plans,
// gains, attendance, timetable and the notional SEN budget; pseudonymised by
// default, printable on A4, its tables as CSV; its figures the other views'.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fixture, seed, axeViolations } from './helpers.js';

const zoe = fixture.pupils[0];
const ref = zoe.id.replaceAll('-', '').slice(0, 6);

/** The fixture with an LA rate card: £653.60 a weekly TA hour over 38 weeks,
 * lunch (12:00 to 13:00) not costed, resources not costed. */
function withCard() {
  const data = structuredClone(fixture);
  data.settings.rate_cards = [{
    id: crypto.randomUUID(),
    authority: 'Anyshire',
    from: '2025-04-01',
    weeks: '38',
    rates: [{ category: 'teaching_assistant', rate: { basis: 'per_weekly_hour', amount: 65360 } }],
    excluded_times: [{ name: 'Lunch', start: '12:00:00', end: '13:00:00' }],
    excluded_tiers: [],
    costs_resources: false,
    cap_per_pupil: null,
    example: false,
    notes: '',
    created_at: '2025-09-01T08:00:00Z',
    updated_at: '2025-09-01T08:00:00Z',
  }];
  return data;
}

const table = (page, caption) => page.locator('.evidence-pack table', { has: page.locator('caption', { hasText: caption }) });
const cell = (page, caption, row, col) => table(page, caption).getByRole('row', { name: row }).locator('td').nth(col);

for (const width of [1366, 768]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 768 ? 1024 : 768 }, hasTouch: width === 768 });

    test('the pack costs Zoë both ways, agrees with every other view, and names no one', async ({ page }) => {
      await seed(page, withCard());
      // The pupil page's figures, to compare: Zoë's share £107.11 of the
      // £428.45 provision (a planned group of 4: 428.45 / 4 = 107.1125).
      await page.goto(`/#/pupils/${zoe.id}`);
      await expect(page.locator('#pupil-total')).toHaveText('£107.11');
      // The pupil page's own LA costing: £83.85 (worked below).
      await expect(page.locator('#la-total')).toHaveText('£83.85');
      await expect(page.locator('#la-school-total')).toHaveText('£107.11');
      const pageGain = await page.locator('#pupil-gains tbody tr').first().locator('td').nth(4).textContent();
      if (width === 768) await page.locator('#open-evidence').tap();
      else await page.locator('#open-evidence').click();
      await expect(page).toHaveURL(new RegExp(`#/pupils/${zoe.id}/evidence$`));

      // Pseudonymised by default: initials and a reference, no UPN, birth date or class.
      await expect(page.locator('#evidence-title')).toHaveText(`Top-up evidence pack: Z.O. (ref ${ref}), 2025-26`);
      await expect(page.locator('main')).not.toContainText("O'Brien");
      await expect(page.locator('main')).not.toContainText('A123456789012');
      await expect(page.locator('main')).not.toContainText('29/02/2016');

      // The map. Colourful semantics: 3 × 30 min a week = 1 h 30 min; Zoë
      // carries 107.11 / 428.45 = 25% of it. As the LA costs it: £653.60 / 38
      // = £17.20 an hour × 30/60 × 3 sessions (the Tuesday 10:45 slot is not
      // in lunch) × 13 weeks (08/09 to 12/12, the school's count, under 38)
      // / 4 (the planned group) = 335.40 / 4 = £83.85; resources not costed.
      const map = 'Costed individual provision map, 2025-26';
      const row = /Colourful semantics/;
      await expect(cell(page, map, row, 4)).toHaveText('1 h 30 min (3 × 30 min)');
      await expect(cell(page, map, row, 5)).toHaveText('25%');
      await expect(cell(page, map, row, 7)).toHaveText('£107.11');
      await expect(cell(page, map, row, 8)).toHaveText('1/4');
      await expect(cell(page, map, row, 9)).toHaveText('£83.85');
      await expect(cell(page, map, /^Total/, 7)).toHaveText('£107.11');
      await expect(cell(page, map, /^Total/, 9)).toHaveText('£83.85');
      // Against £6,000: 6,000 - 107.11 = 5,892.89 below; 6,000 - 83.85 = 5,916.15 below.
      const against = 'Against the element-2 threshold';
      await expect(cell(page, against, /Against the threshold/, 0)).toHaveText('£5,892.89 below');
      await expect(cell(page, against, /Against the threshold/, 1)).toHaveText('£5,916.15 below');
      const why = table(page, "Why the school's and the LA's costings differ");
      await expect(why).toContainText('£17.20');

      // The same figures as the other views: the pupil page's total and gain,
      // the budget view's notional SEN spend (all £428.45 of it).
      await expect(cell(page, map, /^Total/, 7)).toHaveText('£107.11');
      await expect(table(page, 'Entry and exit data').locator('tbody tr').first().locator('td').nth(3)).toHaveText(pageGain);
      const budget = 'How the school';
      await expect(cell(page, budget, /Notional SEN budget, 2025-26/, 0)).toHaveText('£42,000.00');
      await expect(cell(page, budget, /Provision charged to it this year/, 0)).toHaveText('£428.45');
      // One support plan (autumn): the pack says panels ask for two terms.
      await expect(page.locator('.evidence-pack .report-notes')).toContainText('Support plans are recorded for one term only');
      // The week: Tuesday 10:45 to 11:15, the fixture's slot; the timetable
      // opens on the year's first week with a session of Zoë's (08/09/2025).
      await expect(table(page, 'Weekly timetable: Monday 08/09/2025')).toContainText('10:45 to 11:15');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: test.info().outputPath(`evidence-${width}.png`), fullPage: true });

      // The figures on the budget view agree.
      await page.goto('/#/budget');
      await expect(page.getByRole('row', { name: /Notional SEN budget/ }).first()).toContainText('£428.45');
    });
  });
}

test('named when asked, printed on A4 with nothing cut off, and its tables as CSV', async ({ page }, info) => {
  await seed(page, withCard());
  await page.goto(`/#/pupils/${zoe.id}/evidence`);
  await expect(page.locator('#evidence-title')).toContainText('Z.O.');
  // By keyboard: the switch, then the CSV.
  await page.locator('#evidence-pseudonymise').focus();
  await page.keyboard.press('Space');
  await expect(page.locator('#evidence-title')).toHaveText("Top-up evidence pack: Zoë O'Brien, 2025-26");
  await expect(table(page, 'About the pupil')).toContainText('A123456789012');
  await page.locator('#evidence-csv').focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('top-up-evidence-pack-zoë-o-brien-2025-26.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('Costed individual provision map, 2025-26');
  expect(csv).toMatch(/Colourful semantics \(Y4\),.*,£107\.11,1\/4,£83\.85/);
  expect(csv).toContain('Total,,,,,,,,£107.11,,£83.85');
  // The fixture's hand-typed attendance (35 of 38) is marked as such.
  expect(csv).toContain('Colourful semantics (Y4),Entered by hand,');
  await expect(page.locator('.evidence-page .message')).toHaveText(/Downloaded top-up-evidence-pack/);

  // Pseudonymised again, then printed: A4, the controls hidden, no table
  // wider than the page.
  await page.locator('#evidence-pseudonymise').check();
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.report-controls')).toBeHidden();
  await expect(page.locator('.app-header')).toBeHidden();
  const overflow = await page.evaluate(() => [...document.querySelectorAll('.evidence-pack table')]
    .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((t) => t.querySelector('caption')?.textContent));
  expect(overflow).toEqual([]);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const file = info.outputPath('evidence.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  expect(text).toContain(`Z.O. (ref ${ref})`);
  expect(text).toContain('£83.85');
  expect(text).not.toContain("O'Brien");
  expect(text).not.toContain('Download its tables');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())[1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(4);
});

test('without a rate card the pack says so, and a pupil not there is said plainly', async ({ page }) => {
  await seed(page, fixture);
  await page.goto(`/#/pupils/${zoe.id}/evidence`);
  await expect(page.locator('.evidence-pack .report-notes')).toContainText('No LA rate card is set up');
  await expect(table(page, 'Costed individual provision map').locator('thead th')).toHaveCount(9);
  await page.goto(`/#/pupils/${crypto.randomUUID()}/evidence`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pupil not found');
});
