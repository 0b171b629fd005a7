// Shared by the end-to-end specs.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';

/** One record of every kind, as schema version 2 stores them. */
export const fixture = JSON.parse(readFileSync(new URL('../fixtures/schema-v2-dataset.json', import.meta.url), 'utf8'));

/** Store `data` in the app's database (schema version 2 layout, which the app
 * upgrades as it opens it) before the app opens it, replacing any database there
 * (the app may have upgraded it already); `at` is any page of the app's origin
 * that is not the app. */
export async function seed(page, data, at = '/favicon.svg') {
  await page.goto(at);
  await page.evaluate(() => new Promise((resolve, reject) => {
    const d = indexedDB.deleteDatabase('waymark');
    d.onsuccess = () => resolve();
    d.onerror = () => reject(d.error);
    d.onblocked = () => reject(new Error('the database is still open'));
  }));
  await page.evaluate((data) => new Promise((resolve, reject) => {
    const r = indexedDB.open('waymark', 2);
    r.onupgradeneeded = () => {
      const db = r.result;
      for (const s of ['settings', 'roles', 'members', 'pupils', 'interventions', 'provisions', 'plans'])
        db.createObjectStore(s, { keyPath: 'id' });
      const e = db.createObjectStore('enrolments', { keyPath: 'id' });
      e.createIndex('by_pupil', 'pupil_id');
      e.createIndex('by_provision', 'provision_id');
      r.transaction.objectStore('plans').createIndex('by_pupil', 'pupil_id');
      db.createObjectStore('meta', { keyPath: 'key' });
    };
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result;
      const stores = ['settings', 'roles', 'members', 'pupils', 'interventions', 'provisions', 'enrolments', 'plans'];
      const tx = db.transaction(stores, 'readwrite');
      tx.objectStore('settings').put(data.settings);
      for (const s of stores.slice(1)) for (const rec of data[s]) tx.objectStore(s).put(rec);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), data);
}

/** axe-core's violations on the page, one line each (empty when clean). */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
}

/** A pupil record like the fixture's, with `over` fields changed and a fresh id. */
export function pupil(given, family, over = {}) {
  const base = fixture.pupils[0];
  return {
    ...structuredClone(base),
    id: crypto.randomUUID(),
    given_name: given,
    family_name: family,
    upn: null,
    date_of_birth: null,
    secondary_need: null,
    ehcp: null,
    flags: { pupil_premium: false, lac: false, plac: false, service_child: false, eal: false },
    profile: { strengths: '', what_helps: '', what_does_not_help: '', communication: '' },
    ...over,
  };
}

/** An enrolment of `pupilId` in `provision` over its dates, with optional entry and exit. */
export function enrolment(pupilId, provision, entry = null, exit = null) {
  const made = fixture.enrolments[0].created_at;
  return {
    id: crypto.randomUUID(), pupil_id: pupilId, provision_id: provision.id,
    start: provision.start, end: provision.end, entry, exit,
    attendance: null, notes: '', created_at: made, updated_at: made,
  };
}

/**
 * The fixture plus five pupils on SEN support for SLCN in Year 3, each in a
 * reading provision (a copy of the fixture's, shared among the pupils
 * enrolled) with reading ages 90 on 08/09/2025 and 94 to 98 on 12/12/2025.
 */
export function readingSchool() {
  const data = structuredClone(fixture);
  const reading = {
    ...structuredClone(fixture.provisions[0]),
    id: crypto.randomUUID(), intervention_id: null, name: 'Reading recovery',
    broad_area: 'cognition_and_learning', split: 'actual_pupils', recurring: false,
  };
  data.provisions.push(reading);
  for (let i = 0; i < 5; i++) {
    const p = pupil(`Reader${i + 1}`, 'Test', { year_group: 'Y3', class_name: '3R', sen_status: 'K', primary_need: 'SLCN', on_register_from: '2025-09-01' });
    data.pupils.push(p);
    data.enrolments.push(enrolment(p.id, reading,
      { score: { measure: 'reading_age_months', value: 90 }, date: '2025-09-08' },
      { score: { measure: 'reading_age_months', value: 94 + i }, date: '2025-12-12' }));
  }
  return data;
}

/** Open the add-a-pupil form, if it is not open: the register comes first,
 * and adding is a button that opens its form. `scope` is a page or a frame;
 * `how` is 'click' or 'tap'. Returns the form. */
export async function openAddPupil(scope, how = 'click') {
  const form = scope.locator('form.add-pupil');
  if (!(await form.isVisible())) await scope.locator('#add-pupil-open')[how]();
  await expect(form).toBeVisible();
  return form;
}

/** Add a pupil in Year 3 through the register's form (opened if need be), in
 * `scope` (a page or a frame), and wait until it is saved. */
export async function addPupil(scope, given, family) {
  const f = await openAddPupil(scope);
  await f.getByLabel('Given name').fill(given);
  await f.getByLabel('Family name').fill(family);
  await f.getByLabel('Year group', { exact: true }).selectOption({ label: 'Year 3' });
  await f.getByRole('button', { name: 'Add pupil' }).click();
  await expect(scope.locator('.save-status')).toHaveText('All changes saved');
}
