// The timetable: the whole school's week and each member's, pupil's and
// room's, days by times; clashes flagged where they show and listed in one
// place; a member's week on one A4 page; a pupil's week on the pupil page
// (pseudonymised: no other pupil named); slots edited on a provision's page
// by keyboard and by touch; the school day in Settings.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations, pupil } from './helpers.js';

// The fixture's school: 2025-26, autumn term Monday 1 September to Saturday
// 20 December 2025 with half term 27-31 October; the school day is 08:45 to
// 15:15 (the version-4 default). Mrs Patel (TA) from the fixture and Mr
// Jones (TA); Zoë O'Brien from the fixture, Ann Smith and Ben Khan.
//
// Every provision runs Monday 8 September to Friday 12 December 2025:
//   A Phonics group       Mrs Patel  2 a week, 30 min  Mon 09:00 Library, Wed 09:00 Library   Zoë, Ann
//   B Speech and language Mrs Patel  2 a week, 30 min  Mon 09:15 Room 4,  Thu 13:00 Room 4    Zoë, Ben
//   C Early reading       Mr Jones   3 a week, 20 min  Tue 08:15 Hall,    Fri 14:00 Hall      Ann
//   D Maths catch-up      Mrs Patel  5 a week, 30 min  Mon-Fri 11:00 (no room)                Ann, Ben
//   E Handwriting         Mrs Patel  1 a week, 30 min  Fri 13:30 Library                      Ann
//
// Clashes in the autumn term, worked by hand:
//   1. Mrs Patel: A Mon 09:00-09:30 and B Mon 09:15-09:45 overlap (staff), first on Monday 08/09/2025.
//   2. Zoë: in A and B at the same times (pupil).
//   3. C's Tuesday 08:15 starts before the school day starts at 08:45 (outside the school day).
//   4. C runs 3 a week with 2 slots (slots differ).
// And not clashes: E Fri 13:30-14:00 and C Fri 14:00-14:20 only touch (Ann is
// in both); D at 11:00 meets nothing; Mr Jones has one provision.
// So 4 clashes: 1 staff, 1 pupil, 1 outside the school day, 1 slots differ, 0 not timetabled.
const id = (n) => `10000000-0000-4000-8000-00000000000${n}`;
const patel = fixture.members[0];
const ta = fixture.roles[0].id;
const zoe = fixture.pupils[0];
const made = (minute) => `2025-09-01T08:${String(minute).padStart(2, '0')}:00Z`;

function school() {
  const data = structuredClone(fixture);
  const jones = { ...structuredClone(patel), id: id(9), name: 'Mr Jones' };
  data.members.push(jones);
  const ann = pupil('Ann', 'Smith', { year_group: 'Y3' });
  const ben = pupil('Ben', 'Khan', { year_group: 'Y5' });
  data.pupils.push(ann, ben);
  const base = fixture.provisions[0];
  const provision = (n, name, member, sessions, minutes, slots) => ({
    ...structuredClone(base), id: id(n), intervention_id: null, name,
    staff: [{ role_id: ta, member_id: member.id, count: 1 }],
    sessions_per_week: sessions, minutes_per_session: minutes,
    start: '2025-09-08', end: '2025-12-12', recurring: false,
    slots: slots.map(([day, start, room]) => ({ day, start: `${start}:00`, room })),
  });
  const a = provision(1, 'Phonics group', patel, 2, 30, [['monday', '09:00', 'Library'], ['wednesday', '09:00', 'Library']]);
  const b = provision(2, 'Speech and language', patel, 2, 30, [['monday', '09:15', 'Room 4'], ['thursday', '13:00', 'Room 4']]);
  const c = provision(3, 'Early reading', jones, 3, 20, [['tuesday', '08:15', 'Hall'], ['friday', '14:00', 'Hall']]);
  const d = provision(4, 'Maths catch-up', patel, 5, 30, ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, '11:00', '']));
  const e = provision(5, 'Handwriting', patel, 1, 30, [['friday', '13:30', 'Library']]);
  data.provisions = [a, b, c, d, e];
  // Places in a fixed order (the order a pupil's clash names its sessions).
  let minute = 0;
  const place = (who, p) => ({
    id: crypto.randomUUID(), pupil_id: who.id, provision_id: p.id, start: p.start, end: p.end,
    entry: null, exit: null, attendance: null, notes: '', created_at: made(minute), updated_at: made(minute++),
  });
  data.enrolments = [place(zoe, a), place(ann, a), place(zoe, b), place(ben, b), place(ann, c), place(ann, d), place(ben, d), place(ann, e)];
  return { data, ann, ben, jones };
}

const clashMessages = [
  "Mrs Patel is timetabled for Phonics group (Monday 09:00 to 09:30) and Speech and language (Monday 09:15 to 09:45) at once, from 08/09/2025.",
  "Zoë O'Brien is in Phonics group (Monday 09:00 to 09:30) and Speech and language (Monday 09:15 to 09:45) at once, from 08/09/2025.",
  "Early reading's Tuesday session at 08:15 starts before the school day (08:45).",
  'Early reading runs 3 sessions a week but has 2 slots on the timetable.',
];

async function noSidewaysScroll(page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
}

/** The cell of the grid `grid` at the row starting `time`, on day `col` (1 = Monday). */
const cell = (grid, time, col) => grid.locator('tbody tr', { has: grid.page().locator(`th:text-is("${time}")`) }).locator('td').nth(col - 1);

test('the whole school\'s week, days by times, with every clash flagged and listed', async ({ page }, info) => {
  const { data } = school();
  await seed(page, data);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  // The navigation: Timetable after Provisions, the header one row at 1366 px.
  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  const labels = await nav.allTextContents();
  expect(labels.indexOf('Timetable')).toBe(labels.indexOf('Provisions') + 1);
  const header = await page.locator('.app-header').boundingBox();
  const navBox = await page.locator('.app-header nav').boundingBox();
  const nameBox = await page.locator('.app-name').boundingBox();
  expect(Math.abs(navBox.y + navBox.height / 2 - (nameBox.y + nameBox.height / 2))).toBeLessThan(4);
  expect(header.height).toBeLessThan(60);
  // Every item shows: the navigation does not scroll.
  expect(await page.locator('.app-header nav ul').evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);
  await page.getByRole('link', { name: 'Timetable' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Timetable' })).toBeVisible();

  // Today (30 November 2026 or later) is after 2025-26, the only year: the
  // first school week of the year, from Monday 1 September 2025, when no
  // provision has started yet.
  await expect(page.locator('#week-heading')).toHaveText('The whole school: Monday 01/09/2025 to Friday 05/09/2025');
  await expect(page.locator('#week-count')).toHaveText('0 sessions this week.');
  await expect(page.locator('#timetable-grid tbody')).toHaveText('No sessions this week.');
  await page.locator('#week-next').click();
  await expect(page.locator('#week-heading')).toHaveText('The whole school: Monday 08/09/2025 to Friday 12/09/2025');

  // The week of 8 September: A x2, B x2, C x2, D x5, E x1 = 12 sessions,
  // in 7 rows (08:15, 09:00, 09:15, 11:00, 13:00, 13:30, 14:00).
  await expect(page.locator('#week-count')).toHaveText('12 sessions this week.');
  const grid = page.locator('#timetable-grid');
  await expect(grid.locator('tbody th.time')).toHaveText(['08:15', '09:00', '09:15', '11:00', '13:00', '13:30', '14:00']);
  await expect(grid.locator('thead th')).toHaveText(['Time', 'Monday 08/09', 'Tuesday 09/09', 'Wednesday 10/09', 'Thursday 11/09', 'Friday 12/09']);
  // Tuesday 08:15: Early reading, 08:15 + 20 min = 08:35, Hall, Mr Jones,
  // 1 pupil; flagged outside the school day and for its slots.
  const early = cell(grid, '08:15', 2).locator('.session');
  await expect(early).toHaveCount(1);
  await expect(early.locator('.session-name')).toHaveText('Early reading');
  await expect(early.locator('.session-time')).toHaveText('08:15 to 08:35');
  await expect(early.locator('.session-room')).toHaveText('Hall');
  await expect(early.locator('.session-staff')).toHaveText('Mr Jones');
  await expect(early.locator('.session-pupils summary')).toHaveText('1 pupil');
  await expect(early.locator('.clash-mark')).toHaveText('⚠ Clash');
  await expect(early.locator('.clash-flags li')).toHaveText(['Outside the school day', 'Slots differ from the sessions a week']);
  // Monday 09:00 Phonics (Zoë and Ann: 2 pupils, names to open) and 09:15
  // Speech and language: both flagged for Mrs Patel and for Zoë.
  const phonics = cell(grid, '09:00', 1).locator('.session');
  await expect(phonics.locator('.session-time')).toHaveText('09:00 to 09:30');
  await expect(phonics.locator('.session-pupils summary')).toHaveText('2 pupils');
  await phonics.locator('.session-pupils summary').click();
  await expect(phonics.locator('.session-pupils p')).toHaveText("Zoë O'Brien, Ann Smith");
  await expect(phonics.locator('.clash-flags li')).toHaveText(['Mrs Patel in two sessions at once', "Zoë O'Brien in two sessions at once"]);
  await expect(cell(grid, '09:15', 1).locator('.clash-flags li')).toHaveCount(2);
  // Wednesday's Phonics and Thursday's Speech and language are clear.
  await expect(cell(grid, '09:00', 3).locator('.session')).not.toHaveClass(/clashing/);
  await expect(cell(grid, '13:00', 4).locator('.session-time')).toHaveText('13:00 to 13:30');
  await expect(cell(grid, '13:00', 4).locator('.clash-flags')).toHaveCount(0);
  // Friday: Handwriting 13:30-14:00 and Early reading 14:00-14:20 touch: only
  // Early reading is flagged, for its slots.
  await expect(cell(grid, '13:30', 5).locator('.clash-flags')).toHaveCount(0);
  await expect(cell(grid, '14:00', 5).locator('.clash-flags li')).toHaveText(['Slots differ from the sessions a week']);
  // Maths catch-up every day at 11:00, no clash.
  for (let col = 1; col <= 5; col++) await expect(cell(grid, '11:00', col).locator('.session-name')).toHaveText('Maths catch-up');
  await expect(grid.locator('.session.clashing')).toHaveCount(4);

  // The clashes of the autumn term, in one place, with their counts.
  const list = page.locator('#clashes');
  await expect(list.locator('h2')).toHaveText('Clashes in Autumn 2025-26 (4)');
  await expect(list.locator('#clash-counts dd')).toHaveText(['1', '1', '1', '1', '0']);
  await expect(list.locator('#clash-counts dt')).toHaveText(['Staff in two sessions at once', 'Pupils in two sessions at once', 'Sessions outside the school day', 'Slots that differ from the sessions a week', 'Provision not on the timetable']);
  await expect(list.locator('.clash-list > li > p:first-child')).toHaveText(clashMessages);
  await expect(page.locator('#clash-1 .clash-fix a')).toHaveText(['Phonics group', 'Speech and language']);
  await expect(page.locator('#clash-4 .clash-fix a')).toHaveText(['Early reading']);
  expect(await axeViolations(page)).toEqual([]);
  await noSidewaysScroll(page);
  await page.screenshot({ path: info.outputPath('timetable-school-1366.png'), fullPage: true });

  // A room's week: the library holds A on Monday and Wednesday and E on Friday.
  await page.locator('#timetable-who').selectOption({ label: 'Library' });
  await expect(page.locator('#week-heading')).toHaveText('Library (room): Monday 08/09/2025 to Friday 12/09/2025');
  await expect(page.locator('#week-count')).toHaveText('3 sessions this week.');

  // Half term (any day of it): no school on any day, and each day says so.
  await page.locator('#timetable-who').selectOption({ label: 'The whole school' });
  await page.locator('#week-date').fill('2025-10-29');
  await expect(page.locator('#week-heading')).toHaveText('The whole school: Monday 27/10/2025 to Friday 31/10/2025');
  await expect(grid.locator('thead .day-note')).toHaveText(Array(5).fill('No school: a break in the term'));
  await expect(grid.locator('tbody')).toHaveText('No school this week.');
  await page.locator('#week-prev').click();
  await expect(page.locator('#week-heading')).toContainText('Monday 20/10/2025');
  await expect(page.locator('#week-count')).toHaveText('12 sessions this week.');

  // A clash's link opens the provision to fix it.
  await page.locator('#clash-3 .clash-fix a').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Early reading' })).toBeVisible();
});

test('a member of staff\'s week: by keyboard, on one A4 page to hand to them', async ({ page }, info) => {
  const { data } = school();
  await seed(page, data);
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('/#/timetable');
  await expect(page.locator('#week-heading')).toContainText('Monday 01/09/2025');
  // By keyboard: choose Mrs Patel, then the next week.
  await page.locator('#timetable-who').focus();
  await page.locator('#timetable-who').selectOption({ label: 'Mrs Patel' });
  await page.keyboard.press('Tab');
  await expect(page.locator('#week-prev')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('#week-date')).toBeFocused();
  // Through the date's day, month and year to the next week's button.
  for (let i = 0; i < 4 && !(await page.locator('#week-next').evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(page.locator('#week-next')).toBeFocused();
  await page.keyboard.press('Enter');
  // Mrs Patel's week of 8 September: A x2, B x2, D x5, E x1 = 10 sessions,
  // in 5 rows (09:00, 09:15, 11:00, 13:00, 13:30); pupils by name.
  await expect(page.locator('#week-heading')).toHaveText('Mrs Patel: Monday 08/09/2025 to Friday 12/09/2025');
  await expect(page.locator('#week-count')).toHaveText('10 sessions this week.');
  const grid = page.locator('#timetable-grid');
  await expect(grid.locator('tbody th.time')).toHaveText(['09:00', '09:15', '11:00', '13:00', '13:30']);
  await expect(cell(grid, '09:00', 1).locator('.session-pupils')).toHaveText("Pupils: Zoë O'Brien, Ann Smith");
  await expect(cell(grid, '11:00', 2).locator('.session-pupils')).toHaveText('Pupils: Ann Smith, Ben Khan');
  await expect(grid.locator('.session.clashing')).toHaveCount(2);
  // The grid's box takes the keyboard (it may scroll sideways on its own).
  await page.locator('.timetable-scroll').focus();
  await expect(page.locator('.timetable-scroll')).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await noSidewaysScroll(page);
  await page.screenshot({ path: info.outputPath('timetable-member-768.png'), fullPage: true });

  // Printed: no navigation, choosers or clash list; the heading names her and the week.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.locator('#timetable-who')).toBeHidden();
  await expect(page.locator('#week-next')).toBeHidden();
  await expect(page.locator('#clashes')).toBeHidden();
  await expect(page.locator('#week-heading')).toBeVisible();
  await expect(page.locator('.printed-by')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4', printBackground: true, path: info.outputPath('member-week.pdf') });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g).length;
  expect(pages).toBe(1);
  await page.screenshot({ path: info.outputPath('timetable-member-print.png'), fullPage: true });
});

test('a pupil\'s week on the pupil page, named and pseudonymised, and in print', async ({ page }, info) => {
  const { data } = school();
  await seed(page, data);
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto(`/#/pupils/${zoe.id}`);
  const week = page.locator('.pupil-week');
  await expect(week.locator('h2')).toHaveText('Timetable: Monday 01/09/2025 to Friday 05/09/2025');
  await page.locator('#pupil-week-next').click();
  // Zoë's week of 8 September: A Mon 09:00 and Wed 09:00, B Mon 09:15 and
  // Thu 13:00: 4 sessions in 3 rows. She shares A with Ann, B with Ben.
  const grid = page.locator('#pupil-timetable');
  await expect(grid.locator('.session')).toHaveCount(4);
  await expect(grid.locator('tbody th.time')).toHaveText(['09:00', '09:15', '13:00']);
  await expect(cell(grid, '09:00', 1).locator('.session-pupils')).toHaveText('With Ann Smith');
  await expect(cell(grid, '09:15', 1).locator('.session-pupils')).toHaveText('With Ben Khan');
  // Her own clash without her name; Mrs Patel's on the same sessions.
  await expect(cell(grid, '09:00', 1).locator('.clash-flags li')).toHaveText([
    'Mrs Patel in two sessions at once',
    'In two sessions at once: Phonics group (Monday 09:00 to 09:30) and Speech and language (Monday 09:15 to 09:45).',
  ]);
  expect(await axeViolations(page)).toEqual([]);
  await noSidewaysScroll(page);

  // Pseudonymised: no other pupil is named, they are counted.
  await page.getByLabel(/^Pseudonymise/).check();
  await expect(cell(grid, '09:00', 1).locator('.session-pupils')).toHaveText('With 1 other pupil');
  await expect(cell(grid, '13:00', 4).locator('.session-pupils')).toHaveText('With 1 other pupil');
  await expect(page.locator('main')).not.toContainText('Ann Smith');
  await expect(page.locator('main')).not.toContainText('Ben Khan');
  await expect(page.locator('main')).not.toContainText("O'Brien");
  await page.screenshot({ path: info.outputPath('pupil-week-768.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(week.locator('.week-chooser')).toBeHidden();
  await expect(grid).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Ann Smith');
  await expect(page.locator('body')).not.toContainText('Ben Khan');
  await expect(grid.locator('.session')).toHaveCount(4);
});

test('slots edited by keyboard: a slot added with Enter, the clashes follow', async ({ page }, info) => {
  const { data } = school();
  await seed(page, data);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/#/provisions/${id(3)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Early reading' })).toBeVisible();
  // Early reading: Tuesday 08:15 and Friday 14:00 in the hall, 3 a week: its
  // two clashes (3 and 4 above) beside its slots.
  await expect(page.locator('#slot-day-0')).toHaveValue('Tuesday');
  await expect(page.locator('#slot-start-0')).toHaveValue('08:15');
  await expect(page.locator('#slot-room-0')).toHaveValue('Hall');
  await expect(page.locator('#slot-day-1')).toHaveValue('Friday');
  await expect(page.locator('#slot-clashes li')).toHaveText([clashMessages[2], clashMessages[3]]);

  // Tab from the last room to "Add a slot" and press Enter: slot 3 is the
  // school day after Friday (Monday) at 14:00 in the hall, its day focused.
  await page.locator('#slot-room-1').focus();
  await page.keyboard.press('Tab');
  await expect(page.locator('#slot-remove-1')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('#slot-add')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#slot-day-2')).toBeFocused();
  await expect(page.locator('#slot-day-2')).toHaveValue('Monday');
  await expect(page.locator('#slot-start-2')).toHaveValue('14:00');
  await expect(page.locator('#slot-room-2')).toHaveValue('Hall');
  // Tab to its start, type a time, Enter saves. Monday 14:00-14:20: Ann has
  // nothing then (A 09:00, D 11:00), Mr Jones neither: 3 slots for 3 a
  // week, so only the early Tuesday is left.
  await page.keyboard.press('Tab');
  await expect(page.locator('#slot-start-2')).toBeFocused();
  await page.keyboard.type('1410');
  await expect(page.locator('#slot-start-2')).toHaveValue('14:10');
  await page.keyboard.press('Enter');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.locator('#slot-clashes li')).toHaveText([clashMessages[2]]);
  // Saved, the slots are in day order: Monday 14:10, Tuesday 08:15, Friday
  // 14:00. Tuesday at 09:00 instead: inside the school day, no clash.
  await expect(page.locator('#slot-day-1')).toHaveValue('Tuesday');
  await page.locator('#slot-start-1').focus();
  await page.keyboard.type('0900');
  await expect(page.locator('#slot-start-1')).toHaveValue('09:00');
  await page.keyboard.press('Enter');
  await expect(page.locator('#slot-clashes')).toHaveText('No clashes.');
  // Saved in day order: Monday 14:10, Tuesday 09:00, Friday 14:00.
  await page.reload();
  await expect(page.locator('#slot-day-0')).toHaveValue('Monday');
  await expect(page.locator('#slot-start-0')).toHaveValue('14:10');
  await expect(page.locator('#slot-start-1')).toHaveValue('09:00');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: info.outputPath('slots-1366.png'), fullPage: true });
  // The timetable agrees: 2 clashes left in the term (Mrs Patel's and Zoë's).
  await page.goto('/#/timetable');
  await page.locator('#week-next').click();
  await expect(page.locator('#clashes h2')).toHaveText('Clashes in Autumn 2025-26 (2)');
  await expect(page.locator('#clash-counts dd')).toHaveText(['1', '1', '0', '0', '0']);
});

test.describe('on a tablet by touch', () => {
  test.use({ hasTouch: true, viewport: { width: 768, height: 1024 } });

  test('slots removed and added by touch: the clash goes and comes back, problems beside their field', async ({ page }, info) => {
    const { data } = school();
    await seed(page, data);
    await page.goto(`/#/provisions/${id(2)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Speech and language' })).toBeVisible();
    // Speech and language is in clashes 1 and 2 (with Phonics group).
    await expect(page.locator('#slot-clashes li')).toHaveCount(2);
    await expect(page.locator('#slot-clashes li').first()).toContainText(clashMessages[0]);
    await expect(page.locator('#slot-clashes a').first()).toHaveText('Open Phonics group');
    // Remove Monday 09:15: no clash with Phonics, but 2 a week on 1 slot.
    await page.locator('#slot-remove-0').tap();
    await page.locator('#slots-save').tap();
    await expect(page.locator('.save-status')).toHaveText('All changes saved');
    await expect(page.locator('#slot-clashes li')).toHaveText(['Speech and language runs 2 sessions a week but has 1 slot on the timetable.']);
    // Add a slot: Friday (after Thursday) at 13:00; leave its time empty
    // and save: the problem is beside its start, nothing saved.
    await page.locator('#slot-add').tap();
    await expect(page.locator('#slot-day-1')).toHaveValue('Friday');
    await page.locator('#slot-start-1').fill('');
    await page.locator('#slots-save').tap();
    await expect(page.locator('#slot-start-1-error')).toHaveText('Slot 2 (Friday): enter the start time as a time, like 10:45.');
    await expect(page.locator('#slot-start-1')).toHaveAttribute('aria-invalid', 'true');
    expect(await axeViolations(page)).toEqual([]);
    // A third slot is more than 2 a week: said under the slots.
    await page.locator('#slot-start-1').fill('09:15');
    await page.locator('#slot-add').tap();
    await page.locator('#slots-save').tap();
    await expect(page.locator('#slots-error')).toHaveText('There are more timetable slots than sessions a week.');
    await expect(page.locator('#slot-start-1-error')).toHaveText('');
    await page.locator('#slot-remove-2').tap();
    await expect(page.locator('#slots-error')).toHaveText('');
    // Monday 09:15 again: Mrs Patel's and Zoë's clashes are back.
    await page.locator('#slot-day-1').selectOption('Monday');
    await page.locator('#slots-save').tap();
    await expect(page.locator('.save-status')).toHaveText('All changes saved');
    await expect(page.locator('#slot-clashes li')).toHaveCount(2);
    await expect(page.locator('#slot-clashes li').nth(1)).toContainText(clashMessages[1]);
    // Targets at least 44 px; nothing sideways.
    const small = await page.evaluate(() => [...document.querySelectorAll('.slots button, .slots select, .slots input')]
      .map((e) => [e.id, e.getBoundingClientRect().width, e.getBoundingClientRect().height])
      .filter(([, w, h]) => w < 44 || h < 44));
    expect(small).toEqual([]);
    await noSidewaysScroll(page);
    await page.screenshot({ path: info.outputPath('slots-768.png'), fullPage: true });
  });

  test('the timetable by touch at 768 px: the school\'s week, axe-clean', async ({ page }, info) => {
    const { data } = school();
    await seed(page, data);
    await page.goto('/#/timetable');
    await page.locator('#week-next').tap();
    await expect(page.locator('#week-count')).toHaveText('12 sessions this week.');
    const phonics = cell(page.locator('#timetable-grid'), '09:00', 1).locator('.session');
    await phonics.locator('summary').tap();
    await expect(phonics.locator('.session-pupils p')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await noSidewaysScroll(page);
    const small = await page.evaluate(() => [...document.querySelectorAll('main button, main select, main input, main summary')]
      .filter((e) => e.offsetParent !== null)
      .map((e) => [e.id || e.textContent.trim(), e.getBoundingClientRect().width, e.getBoundingClientRect().height])
      .filter(([, w, h]) => w < 44 || h < 44));
    expect(small).toEqual([]);
    await page.screenshot({ path: info.outputPath('timetable-school-768.png'), fullPage: true });
    // Tap through to a pupil's week.
    await page.locator('#timetable-who').selectOption({ label: 'Ann Smith (Year 3)' });
    // Ann: A Mon and Wed, C Tue and Fri, D every day, E Fri = 10 sessions.
    await expect(page.locator('#week-count')).toHaveText('10 sessions this week.');
  });
});

test('the school day and the attendance threshold are set in one form in Settings', async ({ page }) => {
  const { data } = school();
  await seed(page, data);
  await page.goto('/#/settings');
  const form = page.locator('form[aria-labelledby="day-heading"]');
  await expect(form.getByLabel('The school day starts')).toHaveValue('08:45');
  await expect(form.getByLabel('The school day ends')).toHaveValue('15:15');
  await expect(form.getByLabel('Attendance threshold (%)')).toHaveValue('80');
  // Ending before it starts, a threshold over 100: each beside its field.
  await form.getByLabel('The school day ends').fill('08:00');
  await form.getByLabel('Attendance threshold (%)').fill('120');
  await form.getByRole('button', { name: 'Save school day and attendance' }).click();
  await expect(page.locator('#day-end-error')).toHaveText('The school day must end after it starts.');
  await expect(page.locator('#attendance-threshold-error')).toHaveText('The attendance threshold must be from 1% to 100%.');
  expect(await axeViolations(page)).toEqual([]);
  // A school day from 08:00 (typed by keyboard): Early reading's 08:15 is
  // inside it, so 3 clashes are left (Mrs Patel's, Zoë's, the slots).
  await form.getByLabel('The school day starts').focus();
  await page.keyboard.type('0800');
  await expect(form.getByLabel('The school day starts')).toHaveValue('08:00');
  await form.getByLabel('The school day ends').fill('15:15');
  await form.getByLabel('Attendance threshold (%)').fill('85');
  await form.getByRole('button', { name: 'Save school day and attendance' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await page.goto('/#/timetable');
  await page.locator('#week-next').click();
  await expect(page.locator('#clashes h2')).toHaveText('Clashes in Autumn 2025-26 (3)');
  await expect(page.locator('#clash-counts dd')).toHaveText(['1', '1', '0', '1', '0']);
  await page.goto('/#/settings');
  await expect(page.locator('form[aria-labelledby="day-heading"]').getByLabel('Attendance threshold (%)')).toHaveValue('85');
});
