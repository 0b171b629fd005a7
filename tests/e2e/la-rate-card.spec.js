// LA rate cards: a card file imported (the shipped example; a bad file lists
// its problems and stores nothing), a card added and edited by keyboard, and
// a pupil's provision as the school costs it and as the LA costs it, side by
// side with the differences said. Every figure is worked by hand below.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { fixture, seed, axeViolations, pupil, enrolment } from './helpers.js';

const examplePath = new URL('../../public/examples/la-rate-card-example.json', import.meta.url);
const exampleText = readFileSync(examplePath, 'utf8');
const schema = JSON.parse(readFileSync(new URL('../../public/schema/waymark-la-rate-card.schema.json', import.meta.url), 'utf8'));

// The school: the fixture's 2025-26 with an autumn term of 15 teaching weeks
// (1 Sep to 19 Dec is 16 weeks, less the half-term week: 15), so the year has
// 15 + 12 + 12 = 39; the TA at a typed £19.34 an hour. Amy has a place all
// year in a reading group (1 TA, 3 sessions of 30 minutes a week, Monday and
// Wednesday 09:00 and Friday 12:15, £120 of resources, costed as a full
// group of 4) and all autumn in class support (wave 1, 1 TA, 5 sessions of
// 60 minutes, no timetable slots, costed among the pupils there: Amy alone).
const amy = pupil('Amy', 'Able', { year_group: 'Y3', sen_status: 'K', primary_need: 'SLCN' });
function school() {
  const data = structuredClone(fixture);
  data.settings.years[0].terms[0].teaching_weeks = 15;
  const ta = data.roles[0];
  ta.rate = { basis: 'typed', hourly: 1934 };
  const made = fixture.provisions[0].created_at;
  const base = { intervention_id: null, broad_area: 'cognition_and_learning', staff: [{ role_id: ta.id, member_id: null, count: 1 }],
    funding: 'notional_sen', recurring: false, planned: false, created_at: made, updated_at: made };
  const reading = { ...base, id: crypto.randomUUID(), name: 'Reading group', tier: 'wave-2', sessions_per_week: 3, minutes_per_session: 30,
    start: '2025-09-01', end: '2026-07-21', fixed_costs: 12000, planned_group_size: 4, split: 'planned_group_size',
    slots: [{ day: 'monday', start: '09:00:00' }, { day: 'wednesday', start: '09:00:00' }, { day: 'friday', start: '12:15:00' }] };
  const support = { ...base, id: crypto.randomUUID(), name: 'Class support', tier: 'wave-1', sessions_per_week: 5, minutes_per_session: 60,
    start: '2025-09-01', end: '2025-12-19', fixed_costs: 0, planned_group_size: 1, split: 'actual_pupils', slots: [] };
  data.provisions.push(reading, support);
  data.pupils.push(amy);
  data.enrolments.push(enrolment(amy.id, reading), enrolment(amy.id, support));
  return data;
}

async function importCard(page, name, text) {
  await page.locator('#rate-card-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function noSidewaysScroll(page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
}

test('the shipped example card is valid against the published schema', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  expect(validate(JSON.parse(exampleText)), JSON.stringify(validate.errors)).toBe(true);
  // A card with weeks written as a number, and an unknown field, is not.
  const bad = JSON.parse(exampleText);
  bad.card.weeks = 38;
  bad.card.colour = 'blue';
  expect(validate(bad)).toBe(false);
});

test('a card file is imported, checked first, and the pupil page costs provision both ways', async ({ page }, info) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await seed(page, school());
  await page.goto('/#/settings');
  const panel = page.locator('#rate-cards');
  await expect(panel.locator('#rate-cards-empty')).toBeVisible();

  // A bad file: weeks of 60 and a tier the school has not got. Every
  // problem listed with its path; nothing stored.
  const bad = exampleText.replace('"weeks": "38"', '"weeks": "60"').replace('"wave-1"', '"wave-9"');
  await importCard(page, 'bad-card.json', bad);
  const problems = page.locator('#rate-card-file-problems');
  await expect(problems).toContainText('bad-card.json was not added: 2 problems. Nothing was stored.');
  await expect(problems.locator('li')).toHaveText([
    "card.weeks: The weeks in the LA's year must be from 1 to 52.",
    'card.excluded_tiers: There is no tier called "wave-9" in Settings: use one of "wave-1", "wave-2", "wave-3".',
  ]);
  await expect(panel.locator('#rate-cards-empty')).toBeVisible();
  // Not a card at all: a Waymark document.
  await importCard(page, 'school.json', JSON.stringify({ format: 'waymark', format_version: 4 }));
  await expect(problems.locator('li')).toHaveText(['format: This is a Waymark document, not a rate card file: import it in Settings, under Share and back up.']);

  // The example file as shipped.
  await page.locator('#rate-card-file').setInputFiles(examplePath.pathname);
  await expect(page.locator('#rate-cards-message')).toHaveText("Added the rate card Example LA (not a real authority's figures) from 01/09/2025 from la-rate-card-example.json.");
  await expect(problems).toBeEmpty();
  const row = page.locator('#rate-cards-list tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Example LA (not a real authority's figures)Example");
  await expect(row).toContainText('01/09/2025');
  await expect(row).toContainText('Teaching assistant: £653.60 for a weekly hour over 38 weeks; Teacher: 75p a minute; Specialist: £55.00 an hour');
  // Importing it again is refused: it is in the list.
  await page.locator('#rate-card-file').setInputFiles(examplePath.pathname);
  await expect(problems.locator('li')).toHaveText(["This card is already in the list: Example LA (not a real authority's figures) from 01/09/2025."]);
  await expect(row).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);
  await noSidewaysScroll(page);
  await page.screenshot({ path: info.outputPath('rate-cards-1366.png'), fullPage: true });

  // Exported, it is the same card.
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: /^Export Example LA/ }).click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(exported).toEqual(JSON.parse(exampleText));

  // Amy's page, by the example card.
  await page.goto(`/#/pupils/${amy.id}`);
  const la = page.locator('#la-costing');
  await expect(page.locator('#la-card-used')).toHaveText("The LA's figures are by the card of Example LA (not a real authority's figures) from 01/09/2025, over 01/09/2025 to 21/07/2026.");
  await expect(page.locator('#la-card-example')).toContainText("This is Waymark's example card, not a real authority's figures");
  const reading = la.locator('tbody.la-line', { hasText: 'Reading group' });
  // The school: a session is £19.34 x 30 / 60 = 967p, a week 3 x 967 =
  // 2,901p. Autumn 15 weeks: 43,515p + £120 of resources = 55,515p; spring
  // and summer 12 weeks each: 34,812p. A group of 4 with Amy alone: autumn
  // 55,515 / 4 = 13,878.75 -> 13,879p (the larger remainder), spring and
  // summer 8,703p each: 13,879 + 8,703 + 8,703 = 31,285p, £312.85.
  await expect(reading.locator('td.school')).toHaveText('£312.85');
  // The LA: £653.60 / 38 = £17.20 an hour, 860p a session of 30 minutes;
  // Friday's 12:15 session is in lunch, so 2 sessions a week; 39 weeks
  // capped at 38; a share of 1/4; no resources: 860 x 2 x 38 / 4 =
  // 16,340p, £163.40.
  await expect(reading.locator('td.la')).toHaveText('£163.40');
  await expect(reading.locator('td.sessions-counted')).toHaveText('2 of 3');
  await expect(reading.locator('td.share')).toHaveText('1/4');
  await expect(reading).toContainText('1 h 30 min a week (3 × 30 min)');
  await expect(reading.locator('tr.why li')).toHaveText([
    "The LA pays £17.20 an hour for a teaching assistant (£653.60 for a weekly hour over 38 weeks); the school's rate for TA is £19.34.",
    "The LA does not cost Friday's 12:15 session: it is in lunch (12:00–13:00).",
    'The LA counts 38 weeks; the place runs 39.',
    // £120 / 4 = £30.00.
    "The LA does not cost the £30.00 of resources (the pupil's share of the provision's £120.00 of fixed and resource costs).",
  ]);
  // Class support: 1,934p x 5 sessions x 15 autumn weeks = 145,050p,
  // Amy's alone: £1,450.50. The card does not cost wave 1.
  const support = la.locator('tbody.la-line', { hasText: 'Class support' });
  await expect(support.locator('td.school')).toHaveText('£1,450.50');
  await expect(support.locator('td.la')).toHaveText('Not costed');
  await expect(support.locator('tr.why li')).toHaveText(['The LA does not cost Wave 1: quality-first teaching.']);
  // Totals: 31,285 + 145,050 = 176,335p; the LA 16,340p; 176,335 - 16,340
  // = 159,995p less.
  await expect(page.locator('#la-school-total')).toHaveText('£1,763.35');
  await expect(page.locator('#la-total')).toHaveText('£163.40');
  await expect(page.locator('#la-gap')).toHaveText("The LA's figure is £1,599.95 less than the school's.");
  // The school's own section agrees.
  await expect(page.locator('#pupil-total')).toHaveText('£1,763.35');
  expect(await axeViolations(page)).toEqual([]);
  await noSidewaysScroll(page);
  await page.locator('#la-costing-panel').screenshot({ path: info.outputPath('la-costing-1366.png') });

  // Printed on A4: the section and its reasons, without the controls.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#la-costing')).toBeVisible();
  await expect(reading.locator('tr.why')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const file = info.outputPath('la-costing.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  expect(text).toContain('As the school costs it and as the LA costs it');
  expect(text).toContain('£163.40');
  expect(text).toContain('The LA counts 38 weeks; the place runs 39.');
  expect(text).not.toContain('Undo');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(4);
});

test('a card is added and edited by keyboard, capped, and chosen on the pupil page', async ({ page }, info) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await seed(page, school());
  await page.goto('/#/settings');
  await page.locator('#add-example-card').click();
  await expect(page.locator('#rate-cards-message')).toContainText('Added the example card.');

  // A second card, Anyshire's from 01/09/2024, typed: a TA at £20.00 an
  // hour. Enter saves; a wrong figure shows beside its field.
  await page.locator('#add-card-open').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#card-authority')).toBeFocused();
  await page.keyboard.type('Anyshire County Council');
  await page.locator('#card-from').fill('2024-09-01');
  await page.locator('#card-weeks').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0');
  await page.locator('#card-rate-kind-0').selectOption({ label: '£ an hour' });
  await page.locator('#card-rate-amount-0').focus();
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await expect(page.locator('#card-weeks-error')).toHaveText("The weeks in the LA's year must be from 1 to 52.");
  await expect(page.locator('#card-weeks')).toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolations(page)).toEqual([]);
  await page.locator('#card-weeks').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('38');
  await page.keyboard.press('Enter');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.locator('#rate-card-form')).toHaveCount(0);
  await expect(page.locator('#add-card-open')).toBeFocused();
  await expect(page.locator('#rate-cards-list tbody tr')).toHaveCount(2);

  // Edit the example by keyboard: a cap of £100 a pupil a year.
  const edit = page.getByRole('button', { name: /^Edit Example LA/ });
  await edit.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#card-authority')).toBeFocused();
  await expect(page.locator('#card-weeks')).toHaveValue('38');
  await expect(page.locator('#card-time-name-1')).toHaveValue('Lunch');
  await page.locator('#card-cap').focus();
  await page.keyboard.type('100');
  await page.keyboard.press('Enter');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(edit).toBeFocused();

  await page.goto(`/#/pupils/${amy.id}`);
  // The example (from 01/09/2025) is in force on the year's first day.
  // Its figures, 16,340p (reading group; wave 1 not costed), come to
  // £163.40, over the £100.00 cap: the reading group is cut to £100.00.
  await expect(page.locator('#la-total')).toHaveText('£100.00');
  await expect(page.locator('#la-costing-panel')).toContainText('In 2025-26 the LA\'s figures come to £163.40, capped at £100.00.');
  const reading = page.locator('#la-costing tbody.la-line', { hasText: 'Reading group' });
  await expect(reading.locator('tr.why')).toContainText("The LA's cap of £100.00 a pupil a year cuts this by £63.40 in 2025-26");

  // Anyshire's card, chosen: £20.00 an hour, lunch not costed, no tiers
  // excluded. Reading group: 2,000 x 30 / 60 = 1,000p a session, 2 counted,
  // 38 weeks, 1/4: 1,000 x 2 x 38 / 4 = 19,000p, £190.00. Class support:
  // 2,000p a session, 5 sessions (no times, all counted), 15 weeks, Amy
  // alone: 150,000p, £1,500.00. Total 169,000p; 176,335 - 169,000 = 7,335p.
  await page.locator('#la-card').selectOption({ label: 'Anyshire County Council from 01/09/2024' });
  await expect(page.locator('#la-card-example')).toHaveCount(0);
  await expect(reading.locator('td.la')).toHaveText('£190.00');
  const support = page.locator('#la-costing tbody.la-line', { hasText: 'Class support' });
  await expect(support.locator('td.la')).toHaveText('£1,500.00');
  await expect(support.locator('tr.why')).toContainText('The session times are not known (the provision has no timetable slots), so all 5 sessions a week are counted; the LA does not cost support in lunch (12:00–13:00).');
  await expect(page.locator('#la-total')).toHaveText('£1,690.00');
  await expect(page.locator('#la-gap')).toHaveText("The LA's figure is £73.35 less than the school's.");
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#la-card')).toBeHidden();
  await expect(page.locator('#la-costing')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // Deleted, the card is gone from the list and the page.
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Delete Anyshire County Council from 01/09/2024' }).click();
  await expect(page.locator('#rate-cards-list tbody tr')).toHaveCount(1);
});

test.describe('on a tablet', () => {
  test.use({ hasTouch: true, viewport: { width: 768, height: 1024 } });

  test('cards are added by touch and both views fit 768 pixels', async ({ page }, info) => {
    await seed(page, school());
    await page.goto('/#/settings');
    // A card file dropped on the import area.
    await page.locator('#rate-card-drop').evaluate((el, text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropshire.json', { type: 'application/json' }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, exampleText.replace("Example LA (not a real authority's figures)", 'Dropshire Council'));
    await expect(page.locator('#rate-cards-message')).toHaveText('Added the rate card Dropshire Council from 01/09/2025 from dropshire.json.');
    await page.locator('#add-example-card').tap();
    await expect(page.locator('#rate-cards-list tbody tr')).toHaveCount(2);
    await page.locator('#add-card-open').tap();
    await expect(page.locator('#rate-card-form')).toBeVisible();
    await page.locator('#card-save').tap();
    // An empty card: its problems beside their fields.
    await expect(page.locator('#card-authority-error')).toHaveText('Enter a local authority.');
    await expect(page.locator('#card-from-error')).toHaveText('Enter the first day the card applies, like 01/04/2026.');
    await expect(page.locator('#card-rates-error')).toHaveText('Give at least one rate: the LA costs no staff without one.');
    await expect(page.locator('#card-rate-kind-0')).toHaveAttribute('aria-invalid', 'true');
    const boxes = await page.locator('#rate-cards button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().height));
    for (const h of boxes) expect(h).toBeGreaterThanOrEqual(44);
    expect(await axeViolations(page)).toEqual([]);
    await noSidewaysScroll(page);
    await page.locator('#rate-cards').screenshot({ path: info.outputPath('rate-cards-768.png') });
    await page.getByRole('button', { name: 'Cancel' }).tap();
    await expect(page.locator('#rate-card-form')).toHaveCount(0);

    await page.goto(`/#/pupils/${amy.id}`);
    await expect(page.locator('#la-total')).toHaveText('£163.40');
    expect(await axeViolations(page)).toEqual([]);
    await noSidewaysScroll(page);
    await page.locator('#la-costing-panel').screenshot({ path: info.outputPath('la-costing-768.png') });
    await page.screenshot({ path: info.outputPath('pupil-768.png'), fullPage: true });
  });
});
