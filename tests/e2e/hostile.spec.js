// A corpus of hostile files, each through the real import in the browser
// (issue 16): refused with a message that says what and where, nothing
// stored changed, and the app still opens after a reload.
import { test, expect } from '@playwright/test';
import { fixture, seed } from './helpers.js';

const doc = (data, more = {}) => JSON.stringify({
  format: 'waymark', format_version: 2, exported_at: '2026-11-22T10:00:00Z', app_version: '0.1.0',
  scope: { kind: 'whole' }, pseudonymised: false, data, ...more,
}, null, 2);
const edit = (f) => { const d = structuredClone(fixture); f(d); return doc(d); };
const MAX = '9223372036854775807';

// Each: a file name, its text, and what the refusal must name (where, and
// a word of what).
const corpus = [
  ['la-rate.json', edit((d) => { d.roles[0].rate = { basis: 'la_weekly_hour', per_weekly_hour: 922337203685477, weeks: '0.01' }; }), ['data.roles[0]', 'LA rate']],
  ['year-9999.json', edit((d) => { d.settings.years[0].start_year = 9999; }), ['data.settings', '2100']],
  ['wrapping-staff.json', edit((d) => { d.provisions[0].staff = [{ ...d.provisions[0].staff[0], count: 4294967295 }, { ...d.provisions[0].staff[0], count: 4294967295 }]; }), ['data.provisions[0]', 'staff']],
  ['huge-budget.json', edit((d) => { d.settings.budgets[0].amount = 1e15; }), ['data.settings', 'budget']],
  ['beyond-2-53.json', doc(fixture).replace('"fixed_costs": 4999', `"fixed_costs": ${MAX}`), ['data.interventions[0].fixed_costs', 'over £1,000,000']],
  ['forged-time.json', edit((d) => { d.pupils[0].updated_at = '2030-01-01T00:00:00Z'; }), ['pupils[0].updated_at', 'after the file was exported']],
  ['future-stamp.json', doc(fixture, { exported_at: '2099-01-01T00:00:00Z' }), ['exported on 01/01/2099', "this device's clock"]],
  ['bidi-name.json', edit((d) => { d.pupils[0].family_name = "O'Br\u202eneirb"; }), ['data.pupils[0].family_name', 'U+202E']],
  ['zero-width-name.json', edit((d) => { d.pupils[0].given_name = 'Zo\u200bë'; }), ['data.pupils[0].given_name', 'U+200B']],
  ['breaks-100000.json', edit((d) => { d.settings.years[0].terms[0].breaks = Array.from({ length: 100000 }, () => ({ start: '2025-10-27', end: '2025-10-27' })); }), ['data.settings', 'breaks']],
  ['string-30mb.json', edit((d) => { d.pupils[0].given_name = 'A'.repeat(30 * 1024 * 1024); }), ['data.pupils[0].given_name']],
  ['year-group-99.json', edit((d) => { d.pupils[0].year_group = 'Y99'; }), ['data.pupils[0].year_group']],
  ['negative-fixed.json', edit((d) => { d.provisions[0].fixed_costs = -1; }), ['data.provisions[0].fixed_costs']],
  ['provision-9999.json', edit((d) => { d.provisions[0].end = '9999-12-31'; d.enrolments[0].end = '9999-12-31'; }), ['data.provisions[0]', '2101']],
  ['overlapping-places.json', edit((d) => { d.enrolments.push({ ...d.enrolments[0], id: '00000000-0000-4000-8000-00000000e001' }); }), ['data.enrolments[1]', 'overlap']],
  ['duplicate-upn.json', edit((d) => { d.pupils.push({ ...d.pupils[0], id: '00000000-0000-4000-8000-00000000f001', given_name: 'Twin' }); }), ['data.pupils[1]', 'UPN']],
  ['bad-check-letter.json', edit((d) => { d.pupils[0].upn = 'B123456789012'; }), ['data.pupils[0].upn']],
  ['term-outside-year.json', edit((d) => { d.settings.years[0].terms[2].end = '2031-07-21'; }), ['data.settings', 'outside']],
  ['zero-minutes.json', edit((d) => { d.provisions[0].minutes_per_session = 0; }), ['data.provisions[0]', 'Minutes']],
  ['1000-sessions.json', edit((d) => { d.provisions[0].sessions_per_week = 1000; }), ['data.provisions[0]', 'sessions']],
  ['group-of-a-million.json', edit((d) => { d.provisions[0].planned_group_size = 1000000; }), ['data.provisions[0]', 'group size']],
  ['money-as-text.json', edit((d) => { d.provisions[0].fixed_costs = '49.99'; }), ['data.provisions[0].fixed_costs']],
  ['unknown-field.json', edit((d) => { d.pupils[0].favourite_colour = 'blue'; }), ['data.pupils[0]', 'favourite_colour']],
  ['missing-field.json', edit((d) => { delete d.pupils[0].family_name; }), ['data.pupils[0]', 'family_name']],
  ['duplicate-ids.json', edit((d) => { d.pupils.push({ ...d.pupils[0], upn: null, given_name: 'Copy' }); }), ['data.pupils[1].id']],
  ['format-9.json', doc(fixture).replace('"format_version": 2', '"format_version": 9'), ['format version 9']],
  ['not-waymark.json', doc(fixture).replace('"format": "waymark"', '"format": "excel"'), ['"excel"']],
  ['truncated.json', doc(fixture).slice(0, 500), ['EOF while parsing']],
  ['years-overlap.json', edit((d) => { const y = structuredClone(d.settings.years[0]); y.id = '00000000-0000-4000-8000-00000000a001'; y.start_year = 2026; y.terms[0].start = '2026-07-01'; y.terms[0].end = '2026-12-18'; y.terms[1].start = '2027-01-04'; y.terms[1].end = '2027-03-31'; y.terms[2].start = '2027-04-12'; y.terms[2].end = '2027-07-21'; y.terms.forEach((t) => { t.breaks = []; }); d.settings.years.push(y); }), ['data.settings', 'overlap']],
  ['breaks-overlap.json', edit((d) => { d.settings.years[0].terms[0].breaks.push({ start: '2025-10-31', end: '2025-11-03' }); }), ['data.settings', 'overlap']],
  ['weeks-to-judge-0.json', edit((d) => { d.settings.min_weeks_to_judge = 0; }), ['data.settings', '26']],
  ['hourly-billion.json', edit((d) => { d.roles[0].rate = { basis: 'typed', hourly: 100000000000 }; }), ['data.roles[0]', 'rate']],
  ['pseudonymised-over-pupils.json', doc(fixture, { pseudonymised: true }), ['This file is pseudonymised', 'none can be matched']],
  ['markup-and-nesting.json', '['.repeat(100000) + ']'.repeat(100000), ['recursion limit exceeded']],
];

/** Every object store of the app's database, as text, to compare. */
async function stored(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('waymark');
    r.onsuccess = () => {
      const db = r.result;
      const names = [...db.objectStoreNames].filter((n) => n !== 'meta');
      const tx = db.transaction(names, 'readonly');
      const out = {};
      let left = names.length;
      for (const n of names) {
        const q = tx.objectStore(n).getAll();
        q.onsuccess = () => { out[n] = q.result; if (--left === 0) { db.close(); resolve(JSON.stringify(out)); } };
        q.onerror = () => reject(q.error);
      }
    };
    r.onerror = () => reject(r.error);
  }));
}

test('a corpus of hostile files is refused with what and where, and changes nothing', async ({ page }) => {
  test.setTimeout(240_000);
  expect(corpus.length).toBeGreaterThanOrEqual(30);
  await seed(page, fixture);
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const before = await stored(page);
  // A file that does not read is refused as it is read (#import-problems
  // names the file); one that reads but may not be merged is refused by the
  // preview, under the file's name. Either way one alert says so.
  const problems = page.locator('.import-problems');
  for (const [name, text, expected] of corpus) {
    await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(page.locator('main'), name).toContainText(name);
    await expect(problems, name).toHaveCount(1);
    await expect(problems, name).toContainText('Nothing has been changed.');
    for (const e of expected) await expect(problems, name).toContainText(e);
    await expect(page.locator('#import-confirm'), name).toHaveCount(0);
  }
  expect(await stored(page)).toBe(before);
  // The app still opens, with the school as it was.
  await page.reload();
  await page.goto('/#/pupils');
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('£107.11');
  await expect(page.locator('#set-aside-notice')).toHaveCount(0);
});
