// Every view with data loaded: axe-core finds nothing, nothing logs an
// error, and at tablet (768x1024) and laptop (1366x768) widths the page never
// scrolls sideways (wide tables scroll inside their own box). The header is
// one row on a laptop; on a tablet the navigation has one row of its own;
// the backup reminder takes one line. A screenshot of each view at each
// width goes to the test's output, to be looked at.
import { test, expect } from '@playwright/test';
import { fixture, seed, axeViolations } from './helpers.js';

const pupil = fixture.pupils[0].id;
const provision = fixture.provisions[0].id;
const views = [
  ['#/', 'What is due'],
  ['#/pupils', 'Pupils'],
  [`#/pupils/${pupil}`, 'Zoë O\'Brien'],
  ['#/interventions', 'Intervention library'],
  ['#/provisions', 'Provisions'],
  [`#/provisions/${provision}`, 'Colourful semantics (Y4)'],
  [`#/provisions/${provision}/attendance`, 'Attendance: Colourful semantics (Y4)'],
  [`#/provisions/from/${fixture.interventions[0].id}`, 'Provisions'],
  ['#/timetable', 'Timetable'],
  ['#/map', 'Provision map'],
  ['#/budget', 'Budget'],
  ['#/staff', 'Staff'],
  ['#/impact', 'Impact'],
  ['#/reports', 'Reports'],
  ['#/settings', 'Settings'],
];

for (const [width, height] of [[768, 1024], [1366, 768]]) {
  test(`every view at ${width}x${height}: axe-clean, no errors, no sideways scroll`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await seed(page, fixture);
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    for (const [i, [hash, heading]] of views.entries()) {
      await page.goto(`/${hash}`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      const name = `${String(i).padStart(2, '0')}-${hash.replace(/#\/|[0-9a-f]{8}-[0-9a-f-]{27}/g, '').replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '') || 'home'}`;
      await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`) });
      const layout = await page.evaluate(() => {
        const tops = (sel) => [...new Set([...document.querySelectorAll(sel)].map((e) => Math.round(e.getBoundingClientRect().top)))];
        const header = document.querySelector('.app-header').getBoundingClientRect();
        const nav = document.querySelector('.app-header nav ul');
        const reminder = document.querySelector('#backup-reminder');
        return {
          navRows: tops('.app-header nav li').length,
          navFits: nav.scrollWidth <= nav.clientWidth,
          headerHeight: Math.round(header.height),
          reminderHeight: reminder ? Math.round(reminder.getBoundingClientRect().height) : 0,
        };
      });
      // One row of links that all fit; the whole header one row (52 px:
      // 44 px targets and 4 px padding) on a laptop, two on a tablet.
      expect(layout.navRows, `${hash}: navigation rows`).toBe(1);
      expect(layout.navFits, `${hash}: navigation fits its row`).toBe(true);
      expect(layout.headerHeight, `${hash}: header height`).toBeLessThanOrEqual(width >= 1280 ? 60 : 110);
      // The reminder (the fixture was never exported) is one line: 44 px
      // targets and a 1 px border.
      expect(layout.reminderHeight, `${hash}: backup reminder`).toBeGreaterThan(0);
      expect(layout.reminderHeight, `${hash}: backup reminder`).toBeLessThanOrEqual(50);
      const sideways = await page.evaluate(() => {
        const over = document.documentElement.scrollWidth - document.documentElement.clientWidth;
        // Name the widest element that sticks out, to say where.
        const culprit = [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .filter((e) => !e.closest('.table-scroll'))
          .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`)[0];
        return over > 0 ? `${over}px (${culprit})` : '';
      });
      expect(sideways, `${hash} scrolls sideways`).toBe('');
      if (width === 768) {
        expect(await axeViolations(page), hash).toEqual([]);
        // Touch targets at least 44 px: controls, or the label around a check box.
        const small = await page.evaluate(() => [...document.querySelectorAll('button, select, input, textarea, summary, a.button, nav a')]
          .filter((e) => e.offsetParent !== null)
          .map((e) => {
            const box = (['checkbox', 'radio'].includes(e.type) ? (e.closest('label') ?? e) : e).getBoundingClientRect();
            return [e.id || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30), Math.round(box.width), Math.round(box.height)];
          })
          .filter(([, w, h]) => w < 44 || h < 44));
        expect(small, `${hash}: targets under 44 px`).toEqual([]);
      }
    }
    expect(errors).toEqual([]);
  });
}
