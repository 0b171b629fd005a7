// Tabs that cannot overwrite each other (issue 16, point 7): a write
// checks that every record it replaces is still the version this tab
// read; if another tab (or an older copy of the app that never told this
// one) saved it since, nothing is written and the user sees both.
import { test, expect } from '@playwright/test';
import { fixture, seed } from './helpers.js';

test("an edit made over another tab's newer save is refused, theirs shown and ours kept", async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/pupils');
  const zoe = fixture.pupils[0];
  await page.getByRole('button', { name: "Edit Zoë O'Brien", exact: true }).click();
  const form = page.locator('form.add-pupil');
  await form.getByLabel('Class or form').fill('4Q');

  // Meanwhile another tab saves Zoë's class as 5Z, and this tab never hears
  // of it (a tab of an older version, or a message lost): straight into the
  // store, a minute later than the version this tab read.
  await page.evaluate((zoe) => new Promise((resolve, reject) => {
    const r = indexedDB.open('waymark');
    r.onsuccess = () => {
      const db = r.result;
      const tx = db.transaction('pupils', 'readwrite');
      const theirs = { ...zoe, class_name: '5Z', updated_at: new Date(Date.parse(zoe.updated_at) + 60000).toISOString() };
      tx.objectStore('pupils').put(theirs);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    r.onerror = () => reject(r.error);
  }), zoe);

  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.save-status')).toContainText(
    "The change was not saved: Pupil Zoë O'Brien was changed in another tab or window after this one read it. Their version is shown now; what you typed is kept, so check it and save again.",
  );
  // Theirs on the register; ours still in the form.
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('5Z');
  await expect(form.getByLabel('Class or form')).toHaveValue('4Q');
  // Saved again, over the version now read: it goes through.
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('4Q');
  await page.reload();
  await expect(page.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('4Q');
});
