// Safari (WebKit) deletes a site's data after 7 days without use unless the
// app is installed: there the backup reminder comes after 7 days (unless the
// user chose a period) and the app says why and how to install it. The
// browser is told by its user agent, so Chromium stands in for Safari here.
import { test, expect } from '@playwright/test';
import { axeViolations, openAddPupil } from './helpers.js';

const IPAD = 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const WHY = 'Safari may delete everything Waymark keeps in this browser after 7 days without using it, unless Waymark is installed. Installed, it keeps its data and opens like an app.';
const IPAD_HOW = 'To install it on an iPad or iPhone: tap the Share button, then "Add to Home Screen", then open Waymark from the Home Screen.';
const MAC_HOW = 'To install it on a Mac: in Safari choose File > Add to Dock, then open Waymark from the Dock.';

async function addPupil(page, given, family) {
  await openAddPupil(page);
  await page.getByLabel('Given name').fill(given);
  await page.getByLabel('Family name').fill(family);
  await page.getByLabel('Year group', { exact: true }).selectOption({ label: 'Year 3' });
  await page.getByRole('button', { name: 'Add pupil' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
}

test.describe('Safari on an iPad', () => {
  test.use({ userAgent: IPAD });

  test('says how to install, and reminds about backups after 7 days unless the user chose', async ({ page }) => {
    const start = new Date('2026-11-02T09:00:00Z');
    const daysLater = (d) => new Date(start.getTime() + d * 24 * 3600 * 1000);
    await page.clock.setFixedTime(start);
    await page.goto('/#/pupils');
    await addPupil(page, 'Safari', 'User');
    const banner = page.locator('.notice.banner', { hasText: 'has never been exported' });
    await expect(banner).toBeVisible();
    await expect(page.locator('#reminder-install-advice')).toHaveText(WHY + IPAD_HOW);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto('/#/settings');
    await expect(page.locator('#install-advice')).toHaveText(WHY + IPAD_HOW);
    await expect(page.getByLabel(/Remind me to export/)).toHaveValue('7');
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export a backup' }).click()]);
    await expect(page.getByText('Backup exported.')).toBeVisible();
    await expect(banner).toHaveCount(0);

    // Not yet due after 7 days, due after 8.
    await page.clock.setFixedTime(daysLater(7));
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.getByText('Your last backup was')).toHaveCount(0);
    await page.clock.setFixedTime(daysLater(8));
    await page.reload();
    await expect(page.getByText('Your last backup was 8 days ago.')).toBeVisible();
    await expect(page.locator('#reminder-install-advice')).toHaveText(WHY + IPAD_HOW);

    // A period the user chose is kept, even the usual 14.
    await page.getByLabel(/Remind me to export/).fill('14');
    await page.getByRole('button', { name: 'Save reminder' }).click();
    await expect(page.getByText('Your last backup was')).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel(/Remind me to export/)).toHaveValue('14');
    await expect(page.getByText('Your last backup was')).toHaveCount(0);
  });
});

test.describe('Safari on a Mac', () => {
  test.use({ userAgent: MAC });

  test('says to add it to the Dock', async ({ page }) => {
    await page.goto('/#/settings');
    await expect(page.locator('#install-advice')).toHaveText(WHY + MAC_HOW);
  });

  test('installed, it says nothing and keeps the usual 14 days', async ({ page }) => {
    await page.addInitScript(() => {
      const real = window.matchMedia.bind(window);
      window.matchMedia = (q) => (q === '(display-mode: standalone)' ? { matches: true, media: q } : real(q));
    });
    await page.goto('/#/settings');
    await expect(page.getByLabel(/Remind me to export/)).toHaveValue('14');
    await expect(page.locator('#install-advice')).toHaveCount(0);
  });
});

test('Chromium is not told to install, and keeps the usual 14 days', async ({ page }) => {
  await page.goto('/#/settings');
  await expect(page.getByLabel(/Remind me to export/)).toHaveValue('14');
  await expect(page.locator('#install-advice')).toHaveCount(0);
});
