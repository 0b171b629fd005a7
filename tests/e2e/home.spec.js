// The home view (issue 17, point 3): what is due, the first thing the app
// opens on, each item linked to where it is done, its count in the
// navigation; by keyboard and touch, axe-clean at 768 and 1366 px.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

// Monday 12 January 2026, in the spring term (05/01/2026 to 31/03/2026) of
// the fixture's 2025-26.
const TODAY = new Date('2026-01-12T09:00:00Z');
const zoe = fixture.pupils[0];

// What is due that day, worked from the fixture by hand:
// - Zoë's support plan for the autumn term has two outcomes not reviewed and
//   a review date of 10/12/2025, before today: overdue.
// - Her EHC plan's next annual review is 01/03/2026: within the next 8 weeks
//   (12/01/2026 + 56 days = 09/03/2026), so due.
// - The fixture's one provision ran 08/09/2025 to 12/12/2025: she has no
//   place in the spring term, and she is on the register (E).
// - Her place has exit data, so nothing ended without it; no clash or
//   unrecorded session this term (no provision runs in it); no top-up (she
//   has an EHC plan).
// - The data was never exported: the backup reminder.
const ITEMS = [
  ['Support plan reviews overdue (1)', "Zoë O'Brien's support plan for Autumn 2025-26: its review was due on 10/12/2025.", 'Review the plan', `#/pupils/${zoe.id}`],
  ['EHC plan annual reviews in the next 8 weeks (1)', "Zoë O'Brien's EHC plan annual review is due on 01/03/2026.", "Open the pupil's page", `#/pupils/${zoe.id}`],
  ['Pupils on the register with no provision this term (1)', "Zoë O'Brien is on the SEN register (EHC plan) with no provision in Spring 2025-26.", "Open the pupil's page", `#/pupils/${zoe.id}`],
  ['Backup (1)', 'Your data has never been exported: it is only in this browser.', 'Export a backup', '#/settings'],
];

for (const [width, height] of [[768, 1024], [1366, 768]]) {
  test(`what is due, first, at ${width}x${height}`, async ({ page }) => {
    await page.clock.setFixedTime(TODAY);
    await page.setViewportSize({ width, height });
    await seed(page, fixture);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'What is due' })).toBeVisible();
    await expect(page.locator('#due-summary')).toHaveText('4 things to see to, most pressing first.');
    // The count in the navigation, named for screen readers.
    const home = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Home/ });
    await expect(home).toHaveAccessibleName('Home 4 things due');
    await expect(home).toHaveAttribute('aria-current', 'page');
    const groups = page.locator('section.due-group');
    await expect(groups).toHaveCount(ITEMS.length);
    for (const [i, [heading, text, action, href]] of ITEMS.entries()) {
      const g = groups.nth(i);
      await expect(g.getByRole('heading', { level: 2 })).toHaveText(heading);
      await expect(g.locator('li')).toHaveCount(1);
      await expect(g.locator('li span').first()).toHaveText(text);
      const link = g.getByRole('link', { name: action });
      await expect(link).toHaveAttribute('href', href);
      // The link's description is its item, for a screen reader.
      await expect(link).toHaveAccessibleDescription(text);
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`home-${width}.png`), fullPage: true });
  });
}

test('each item leads to where it is done, and goes once done', async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  await seed(page, fixture);
  await page.goto('/');
  // By keyboard: the first item's link, then Enter.
  const review = page.getByRole('link', { name: 'Review the plan' });
  await review.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: "Zoë O'Brien" })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'What is due' })).toBeVisible();

  // Exporting a backup takes the reminder off the list and the count down.
  await page.getByRole('link', { name: 'Export a backup' }).last().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export a backup' }).click()]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Home/ }).click();
  await expect(page.locator('#due-summary')).toHaveText('3 things to see to, most pressing first.');
  await expect(page.locator('#nav-due-count')).toHaveText('3 things due');
  await expect(page.locator('section.due-group')).toHaveCount(3);
});

test.describe('on a tablet, by touch', () => {
  test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });

  test('an item is a tap away from where it is done', async ({ page }) => {
    await page.clock.setFixedTime(TODAY);
    await seed(page, fixture);
    await page.goto('/');
    await page.getByRole('link', { name: 'Review the plan' }).tap();
    await expect(page.getByRole('heading', { level: 1, name: "Zoë O'Brien" })).toBeVisible();
  });
});

test('nothing due says so', async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  // No pupils, no provision: nothing to review, no backup to remind of.
  const empty = structuredClone(fixture);
  for (const k of ['pupils', 'enrolments', 'plans', 'provisions']) empty[k] = [];
  await seed(page, empty);
  await page.goto('/');
  await expect(page.locator('#due-summary')).toHaveText('Nothing is due: no review, missing data, clash or unrecorded session needs you now.');
  await expect(page.locator('#nav-due-count')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});
