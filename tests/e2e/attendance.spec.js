// Attendance (issue 17, point 2): a teaching assistant records a week of a
// provision's sessions on a tablet in a few taps, and the sessions planned,
// delivered, cancelled and attended roll up on the provision page, the pupil
// page and the impact view, where a gain under the attendance threshold is
// marked and can be left out. Rules: src/domain/attendance.rs and
// src/domain/attendance_register.rs.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations, pupil, enrolment } from './helpers.js';

// The clock is fixed on Wednesday 15 October 2025 at noon in London (11:00
// UTC), so "this week" and "before today" are the rule, not the day the
// suite runs.
const TODAY = new Date('2025-10-15T11:00:00Z');

/**
 * The fixture (autumn term 1 September to 20 December 2025, half term 27 to
 * 31 October) plus "Reading boost": a TA at a typed £17.50 an hour, 45
 * minutes, Tuesdays 09:15, Wednesdays 13:30 and Thursdays 09:15, from Monday
 * 22 September to Friday 24 October 2025, for Zoë O'Brien (the fixture's
 * pupil), Ali Khan, Ben Smith and Cara Jones, with standardised scores on
 * 22/09/2025 and 24/10/2025 (32 days apart: over the 4 weeks before a gain
 * is judged). `threshold` is the school's attendance threshold, per cent.
 */
function school(threshold) {
  const data = structuredClone(fixture);
  data.settings.attendance_threshold = threshold;
  const made = fixture.roles[0].created_at;
  const role = {
    id: crypto.randomUUID(), name: 'Reading TA', category: 'teaching_assistant',
    rate: { basis: 'typed', hourly: 1750 }, created_at: made, updated_at: made,
  };
  data.roles.push(role);
  const reading = {
    ...structuredClone(fixture.provisions[0]),
    id: crypto.randomUUID(), intervention_id: null, name: 'Reading boost',
    broad_area: 'cognition_and_learning',
    staff: [{ role_id: role.id, member_id: null, count: 1 }],
    sessions_per_week: 3, minutes_per_session: 45,
    start: '2025-09-22', end: '2025-10-24', fixed_costs: 0,
    slots: [
      { day: 'tuesday', start: '09:15:00' },
      { day: 'wednesday', start: '13:30:00' },
      { day: 'thursday', start: '09:15:00' },
    ],
    planned_group_size: 4, split: 'actual_pupils', recurring: false,
  };
  data.provisions.push(reading);
  // A standardised score is a decimal, stored as text ("82.5").
  const score = (value, date) => ({ score: { measure: 'standardised_score', value: String(value) }, date });
  const zoe = data.pupils[0];
  const ali = pupil('Ali', 'Khan');
  const ben = pupil('Ben', 'Smith');
  const cara = pupil('Cara', 'Jones');
  data.pupils.push(ali, ben, cara);
  // Gains: Zoë 85 -> 91 (+6), Ali 88 -> 92 (+4), Ben 80 -> 90 (+10), Cara 90 -> 92 (+2).
  for (const [p, a, b] of [[zoe, 85, 91], [ali, 88, 92], [ben, 80, 90], [cara, 90, 92]]) {
    data.enrolments.push(enrolment(p.id, reading, score(a, '2025-09-22'), score(b, '2025-10-24')));
  }
  return { data, reading, zoe, ali, ben, cara };
}

/** No sideways scroll of the page (wide tables scroll in their own box). */
async function noSidewaysScroll(page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
}

/** Every visible control at least 44 px (a check box: the label around it). */
async function smallTargets(page) {
  return page.evaluate(() => [...document.querySelectorAll('main button, main select, main input, main a.button, main .week-links a')]
    .filter((e) => e.offsetParent !== null)
    .map((e) => {
      const box = (e.type === 'checkbox' ? (e.closest('label') ?? e) : e).getBoundingClientRect();
      return [e.id || e.textContent.trim(), Math.round(box.width), Math.round(box.height)];
    })
    .filter(([, w, h]) => w < 44 || h < 44));
}

const head = (page, label) => page.locator('td.session-cell').filter({ has: page.getByRole('button', { name: `All present, ${label}` }) });

test.describe('on a tablet, by touch', () => {
  test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true });

  test('a week recorded in a few taps rolls up on the provision, pupil and impact views', async ({ page }) => {
    test.setTimeout(90_000);
    const { data, reading, zoe, ben } = school(80);
    await page.clock.setFixedTime(TODAY);
    await seed(page, data);
    await page.goto(`/#/provisions/${reading.id}`);
    await page.getByRole('link', { name: 'Record attendance' }).tap();

    // Today (Wednesday 15 October) is in the week of Monday 13 October.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Attendance: Reading boost');
    await expect(page.locator('#week-label')).toHaveText('Monday 13 to Friday 17 October 2025');
    await page.getByRole('link', { name: '← Previous week' }).tap();
    await expect(page).toHaveURL(new RegExp(`#/provisions/${reading.id}/attendance/2025-10-06$`));
    await expect(page.locator('#week-label')).toHaveText('Monday 6 to Friday 10 October 2025');

    // Three sessions, four pupils (by family name), nothing recorded yet.
    await expect(page.locator('#attendance-grid thead th.session-col')).toHaveText([
      'Tuesday 7 October09:15', 'Wednesday 8 October13:30', 'Thursday 9 October09:15',
    ]);
    await expect(page.locator('#attendance-grid tbody th')).toHaveText(['Cara Jones', 'Ali Khan', "Zoë O'Brien", 'Ben Smith']);
    await expect(page.locator('.session-state')).toHaveText(['Not recorded', 'Not recorded', 'Not recorded']);
    await expect(page.locator('td.mark-cell[data-mark="not-recorded"]')).toHaveCount(12);
    await expect(page.locator('#attendance-grid input[type="checkbox"]')).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);

    // Tuesday: all present, one tap.
    await page.getByRole('button', { name: 'All present, Tuesday 7 October 09:15' }).tap();
    await expect(page.locator('#register-status')).toHaveText('Saved: Register Reading boost on 07/10/2025 at 09:15: all present.');
    await expect(head(page, 'Tuesday 7 October 09:15').locator('.session-state')).toHaveText('All 4 present');
    await expect(page.getByRole('checkbox', { name: "Zoë O'Brien, Tuesday 7 October 09:15: present" })).toBeChecked();

    // Wednesday: all present, then one tap on Ben: 3 of 4 present.
    await page.getByRole('button', { name: 'All present, Wednesday 8 October 13:30' }).tap();
    await expect(head(page, 'Wednesday 8 October 13:30').locator('.session-state')).toHaveText('All 4 present');
    const benWed = page.getByRole('checkbox', { name: 'Ben Smith, Wednesday 8 October 13:30: present' });
    await benWed.tap();
    await expect(benWed).not.toBeChecked();
    await expect(head(page, 'Wednesday 8 October 13:30').locator('.session-state')).toHaveText('3 of 4 present');
    await expect(page.locator('#register-status')).toHaveText('Saved: Register Reading boost on 08/10/2025 at 13:30: 1 absent.');
    await expect(page.locator(`td.mark-cell[data-mark="absent"]`)).toHaveText(['Absent']);

    // Thursday: cancelled for staff absence. A note over 500 characters is
    // refused beside the note, and nothing is recorded until it is fixed.
    await page.getByRole('button', { name: 'Cancelled…, Thursday 9 October 09:15' }).tap();
    const form = page.getByRole('form', { name: 'Cancelled: Thursday 9 October 09:15' });
    await expect(page.locator('#cancel-reason')).toBeFocused();
    await form.getByLabel('Reason').selectOption({ label: 'Staff absence' });
    await form.getByLabel('Note (optional)').fill('x'.repeat(501));
    await form.getByRole('button', { name: 'Record cancelled' }).tap();
    await expect(page.locator('#cancel-note')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#cancel-note-error')).toContainText('500');
    await expect(head(page, 'Thursday 9 October 09:15').locator('.session-state')).toHaveText('Not recorded');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#attendance-grid').screenshot({ path: test.info().outputPath('attendance-cancel-form-768.png') });
    await form.getByLabel('Note (optional)').fill('TA covering Year 2');
    await form.getByRole('button', { name: 'Record cancelled' }).tap();
    await expect(form).toHaveCount(0);
    await expect(head(page, 'Thursday 9 October 09:15').locator('.session-state')).toHaveText('Cancelled: Staff absence (TA covering Year 2)');
    await expect(page.locator('td.mark-cell[data-mark="cancelled"]')).toHaveCount(4);

    // The three kinds of session look different: not recorded (none left
    // this week), all present, some absent, cancelled.
    expect(await page.locator('td.session-cell').evaluateAll((els) => els.map((e) => e.dataset.state)))
      .toEqual(['all-present', 'delivered', 'cancelled']);
    await noSidewaysScroll(page);
    expect(await smallTargets(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('attendance-register-768.png'), fullPage: true });

    // A reload keeps what was recorded.
    await page.reload();
    await expect(page.locator('#week-label')).toHaveText('Monday 6 to Friday 10 October 2025');
    await expect(page.locator('.session-state')).toHaveText(['All 4 present', '3 of 4 present', 'Cancelled: Staff absence (TA covering Year 2)']);
    await expect(page.getByRole('checkbox', { name: 'Ben Smith, Wednesday 8 October 13:30: present' })).not.toBeChecked();

    // Printed: the grid without its buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#attendance-grid')).toBeVisible();
    await expect(page.locator('.session-actions').first()).toBeHidden();
    await expect(page.locator('.week-nav')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    // The provision page. Planned: Tuesdays, Wednesdays and Thursdays from
    // 22 September to 24 October, 5 weeks of school days (half term starts
    // 27 October) = 3 x 5 = 15 sessions. Delivered: Tuesday and Wednesday =
    // 2 of 15 = 13.3% -> 13%. Cancelled: Thursday, staff absence, 1. Its
    // cost: £17.50 an hour x 45/60 hours x 1 TA = £13.125 a session, rounded
    // once to £13.13. Attended: each pupil had 2 delivered sessions, so 8;
    // Ben missed Wednesday, so 7 of 8 = 87.5% -> 88% (half up). Not recorded
    // before Wednesday 15 October: 23, 24, 25 September, 30 September, 1, 2
    // October and 14 October = 7, in the weeks of 22/09, 29/09 and 13/10.
    await page.locator('#attendance-back').tap();
    const facts = page.locator('#attendance-facts');
    await expect(facts.locator('#att-planned')).toHaveText('15');
    await expect(facts.locator('#att-delivered')).toHaveText('13% (2 of 15) of those planned');
    await expect(facts.locator('#att-cancelled')).toHaveText('1 (Staff absence: 1)');
    await expect(facts.locator('#att-cancelled-cost')).toHaveText('£13.13: money spent on sessions that did not run');
    await expect(facts.locator('#att-attended')).toHaveText('88% (7 of 8) of the pupils\' delivered sessions');
    await expect(facts.locator('#att-not-recorded')).toContainText('7 sessions before today, in the 3 weeks below');
    await expect(facts.locator('.week-links a')).toHaveText(['Week of 22/09/2025', 'Week of 29/09/2025', 'Week of 13/10/2025']);
    // Per pupil: 15 planned, 2 delivered, 1 cancelled each; Ben attended 1
    // of 2 = 50%, under 80%; the others 2 of 2 = 100%.
    const rows = page.locator('#attendance-pupils tbody tr');
    await expect(rows.filter({ hasText: 'Ben Smith' }).locator('td')).toHaveText(['15', '2', '1', '1', '50% (1 of 2)under 80%']);
    await expect(rows.filter({ hasText: 'Cara Jones' }).locator('td')).toHaveText(['15', '2', '1', '2', '100% (2 of 2)']);
    await expect(page.locator('#attendance-cancelled tbody tr td')).toHaveText(['09/10/2025', '09:15', 'Staff absence', 'TA covering Year 2']);
    await noSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#attendance-summary').screenshot({ path: test.info().outputPath('attendance-provision-768.png') });
    // A week not recorded opens its register.
    await facts.getByRole('link', { name: 'Week of 29/09/2025' }).tap();
    await expect(page.locator('#week-label')).toHaveText('Monday 29 September to Friday 3 October 2025');
    await expect(page.locator('.session-state')).toHaveText(['Not recorded', 'Not recorded', 'Not recorded']);

    // The pupil page, 2025-26: Ben attended 1 of 2 = 50%.
    await page.goto(`/#/pupils/${ben.id}`);
    await expect(page.locator('#pupil-costs tbody tr').filter({ hasText: 'Reading boost' }).locator('td.attended')).toHaveText('50% (1 of 2)');
    await expect(page.locator('#pupil-attended')).toHaveText('50% (1 of 2)');
    // ... and the mark beside his gain.
    await expect(page.locator('#pupil-gains tbody tr td').last()).toHaveText('attended 50% (1 of 2), under 80%');
    // Zoë: Reading boost 2 of 2 = 100%; Colourful semantics 35 of 38 typed
    // by hand (no session of it recorded) = 92.1% -> 92%; in all 37 of 40 =
    // 92.5% -> 93% (half up).
    await page.goto(`/#/pupils/${zoe.id}`);
    const zoeRows = page.locator('#pupil-costs tbody tr');
    await expect(zoeRows.filter({ hasText: 'Reading boost' }).locator('td.attended')).toHaveText('100% (2 of 2)');
    await expect(zoeRows.filter({ hasText: 'Colourful semantics' }).locator('td.attended')).toHaveText('92% (35 of 38)');
    await expect(page.locator('#pupil-attended')).toHaveText('93% (37 of 40)');
    await page.locator('section[aria-labelledby="costed-heading"]').screenshot({ path: test.info().outputPath('attendance-pupil-768.png') });
    await noSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);

    // The impact view, 2025-26. Reading boost: mean of +6, +4, +10, +2 =
    // 22 / 4 = +5.5. Its cost: £13.125 x 3 sessions x 5 weeks = £196.875 ->
    // £196.88, shared by 4 pupils = £49.22 each; / 5.5 = £8.949 -> £8.95 a
    // point. Attendance 7 of 8 = 88%.
    await page.goto('/#/impact');
    const row = page.locator('#impact-provisions').getByRole('row', { name: /Reading boost/ });
    await expect(row).toContainText('4 of 4');
    await expect(row).toContainText('+5.5');
    await expect(row.locator('td.share')).toHaveText('88% (7 of 8)');
    await expect(row).toContainText('£8.95 per point');
    // Ben's gain, +10, is marked: 1 of 2 = 50%, under 80%.
    await expect(page.locator('#impact-marked tbody tr')).toHaveCount(1);
    await expect(page.locator('#impact-marked tbody tr').locator('th, td')).toHaveText([
      'Ben Smith', 'Reading boost', '+10 (standardised score)', 'attended 50% (1 of 2), under 80%',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('attendance-impact-768.png'), fullPage: true });
    // By measure, every exit this year: Zoë's +5.5 in Colourful semantics
    // (82.5 -> 88) and the four above: 27.5 / 5 = 5.5.
    const measure = page.locator('#impact-measures').getByRole('row', { name: /Standardised score/ });
    await expect(measure.locator('td')).toHaveText(['5', '5.5', '–']);
    // Left out: Zoë +6, Ali +4, Cara +2 = 12 / 3 = +4; £49.22 / 4 = £12.305
    // -> £12.31 a point. By measure: 5.5 + 6 + 4 + 2 = 17.5 / 4 = 4.375 ->
    // 4.38.
    const leaveOut = page.getByLabel('Leave out pupils who attended under 80%');
    await leaveOut.tap();
    await expect(leaveOut).toBeChecked();
    await expect(page.locator('#impact-left-out')).toHaveText('1 pupil left out of the figures.');
    await expect(row).toContainText('3 of 3 (1 left out)');
    await expect(row).toContainText('+4');
    await expect(row).toContainText('£12.31 per point');
    await expect(measure.locator('td')).toHaveText(['4', '4.38', '–']);
    await expect(page.getByRole('region', { name: 'Cost-effectiveness ranking' })).toContainText('Reading boost: £12.31 per pupil per point gained');
    // The mark stays beside Ben's gain; the switch back counts him again.
    await expect(page.locator('#impact-marked')).toContainText('attended 50% (1 of 2), under 80%');
    await leaveOut.tap();
    await expect(row).toContainText('+5.5');
    await expect(page.locator('#impact-left-out')).toHaveText('Every pupil counts in the figures.');
    // One pupil's gains: the note beside each.
    await page.getByLabel('Pupil', { exact: true }).selectOption({ label: 'Ben Smith' });
    await expect(page.locator('#impact-pupil-gains tbody tr td')).toHaveText([
      'Reading boost', '22/09/2025 to 24/10/2025', '+10 (standardised score)', 'attended 50% (1 of 2), under 80%',
    ]);
    await noSidewaysScroll(page);
  });
});

test.describe('quick taps', () => {
  test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true });

  test('taps made while the last is saving are each kept, in turn', async ({ page }) => {
    const { data, reading } = school(80);
    await page.clock.setFixedTime(TODAY);
    await seed(page, data);
    await page.goto(`/#/provisions/${reading.id}/attendance/2025-09-29`);
    await page.getByRole('button', { name: 'All present, Tuesday 30 September 09:15' }).tap();
    const state = page.locator('#s-20250930-0915-state');
    await expect(state).toHaveText('All 4 present');
    // Two taps, the second before the first is saved (both in one moment:
    // a tap by Playwright waits long enough for a save to finish): each is
    // worked out from what the one before saved, so both are absent (2 of 4
    // present), not the second alone.
    const ali = data.pupils.find((p) => p.given_name === 'Ali');
    const cara = data.pupils.find((p) => p.given_name === 'Cara');
    await page.evaluate((ids) => ids.forEach((id) => document.getElementById(id).click()),
      [`s-20250930-0915-${ali.id}`, `s-20250930-0915-${cara.id}`]);
    await expect(state).toHaveText('2 of 4 present');
    await page.reload();
    await expect(state).toHaveText('2 of 4 present');
    await expect(page.locator('td.mark-cell[data-mark="absent"]')).toHaveCount(2);
  });
});

test('keyboard only, with the school\'s own threshold, at 1366 px', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // A school that marks attendance under 75%.
  const { data, reading } = school(75);
  await page.clock.setFixedTime(TODAY);
  await seed(page, data);
  await page.goto(`/#/provisions/${reading.id}/attendance/2025-10-08`);
  // Any day of a week opens its week.
  await expect(page.locator('#week-label')).toHaveText('Monday 6 to Friday 10 October 2025');

  /** Tab forwards (at most 80 times) until `id` has the focus. */
  const tabTo = async (id) => {
    for (let i = 0; i < 80; i++) {
      if (await page.evaluate((id) => document.activeElement?.id === id, id)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`never reached #${id} by Tab`);
  };
  const tue = 's-20251007-0915';
  const wed = 's-20251008-1330';
  await page.locator('#main').focus();
  await tabTo(`${tue}-all-present`);
  await page.keyboard.press('Enter');
  await expect(page.locator(`#${tue}-state`)).toHaveText('All 4 present');
  // The focus stays on the button; Tab reaches Ali's toggle and Space marks him absent.
  await expect(page.locator(`#${tue}-all-present`)).toBeFocused();
  const ali = data.pupils.find((p) => p.given_name === 'Ali');
  await tabTo(`${tue}-${ali.id}`);
  await page.keyboard.press('Space');
  await expect(page.locator(`#${tue}-state`)).toHaveText('3 of 4 present');
  await expect(page.locator(`#${tue}-${ali.id}`)).toBeFocused();
  await expect(page.locator(`#${tue}-${ali.id}`)).not.toBeChecked();

  // Wednesday cancelled for a trip, by keyboard: the form takes the focus,
  // Enter in the note records it and gives the focus back.
  await page.locator('#main').focus();
  await tabTo(`${wed}-cancel`);
  await page.keyboard.press('Enter');
  await expect(page.locator('#cancel-reason')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#cancel-reason')).toHaveValue('trip');
  await page.keyboard.press('Tab');
  await expect(page.locator('#cancel-note')).toBeFocused();
  await page.keyboard.type('Harvest festival');
  await page.keyboard.press('Enter');
  await expect(page.locator(`#${wed}-state`)).toHaveText('Cancelled: Trip or event (Harvest festival)');
  await expect(page.locator(`#${wed}-cancel`)).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await noSidewaysScroll(page);
  await page.screenshot({ path: test.info().outputPath('attendance-register-1366.png'), fullPage: true });

  // Cleared: not recorded again, the focus on its "All present".
  await tabTo(`${wed}-clear`);
  await page.keyboard.press('Enter');
  await expect(page.locator(`#${wed}-state`)).toHaveText('Not recorded');
  await expect(page.locator(`#${wed}-all-present`)).toBeFocused();

  // The next week by keyboard: the focus comes back to the link.
  await page.locator('#main').focus();
  await tabTo('week-next');
  await page.keyboard.press('Enter');
  await expect(page.locator('#week-label')).toHaveText('Monday 13 to Friday 17 October 2025');
  await expect(page.locator('#week-next')).toBeFocused();

  // The provision page: Ali attended 0 of 1 = 0%, under this school's 75%;
  // the others 1 of 1 = 100%. In all 3 of 4 = 75%, not under 75%.
  await page.goto(`/#/provisions/${reading.id}`);
  await expect(page.locator('#att-attended')).toHaveText('75% (3 of 4) of the pupils\' delivered sessions');
  await expect(page.locator('#attendance-pupils tbody tr').filter({ hasText: 'Ali Khan' }).locator('td').last()).toHaveText('0% (0 of 1)under 75%');
  await expect(page.locator('#attendance-pupils .badge')).toHaveCount(1);
  await expect(page.locator('#att-cancelled')).toHaveText('None');
  await page.locator('#attendance-summary').screenshot({ path: test.info().outputPath('attendance-provision-1366.png') });
  await page.goto('/#/impact');
  await expect(page.getByLabel('Leave out pupils who attended under 75%')).not.toBeChecked();
  await expect(page.locator('#impact-marked tbody tr')).toHaveText([/Ali Khan.*attended 0% \(0 of 1\), under 75%/]);
  expect(await axeViolations(page)).toEqual([]);
  await noSidewaysScroll(page);
});
