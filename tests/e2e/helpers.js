// Shared by the end-to-end specs.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';

/** One record of every kind, as schema version 2 stores them. */
export const fixture = JSON.parse(readFileSync(new URL('../fixtures/schema-v2-dataset.json', import.meta.url), 'utf8'));

/** Store `data` in the app's database (schema version 2 layout) before the app opens it. */
export async function seed(page, data) {
  await page.goto('/favicon.svg');
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
