// Reports: the governors' termly summary (counts of 1 to 4 shown as "fewer
// than 5", and what would give them back "hidden"), the SEN information
// report's counts and the PP+ summary; each
// printed on A4 and downloaded as CSV with the same figures.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fixture, readingSchool, seed, axeViolations } from './helpers.js';

const cell = (page, table, row, col) =>
  page.locator(`#report-table-${table}`).getByRole('row', { name: row }).locator('td').nth(col);

test('governors, SEN information and PP+ reports, on screen and in CSV', async ({ page }, info) => {
  await seed(page, readingSchool());
  await page.goto('/#/reports');
  await page.getByLabel('Academic year').selectOption({ label: '2025-26' });
  await page.getByLabel('Term', { exact: true }).selectOption({ label: 'Autumn' });
  await expect(page.getByRole('heading', { name: 'SEN provision: report to governors, Autumn term 2025-26' })).toBeVisible();
  // Five on SEN support, one (Zoë) with a plan, all six in communication and
  // interaction: any of 5, 6 and 6 shown would give the 1 back (the figures
  // are worked out in tests/reports.rs, the_end_to_end_school_publishes_these_figures).
  await expect(cell(page, 0, /SEN support/, 0)).toHaveText('hidden');
  await expect(cell(page, 0, /EHC plan/, 0)).toHaveText('fewer than 5');
  await expect(cell(page, 0, /All on the register/, 0)).toHaveText('hidden');
  await expect(cell(page, 1, /Communication and interaction/, 0)).toHaveText('hidden');
  await expect(cell(page, 1, /Cognition and learning/, 0)).toHaveText('0');
  // Two provisions at £428.45 each, both on the notional SEN budget.
  await expect(cell(page, 2, /All provision/, 1)).toHaveText('£856.90');
  await expect(cell(page, 3, /Notional SEN budget/, 0)).toHaveText('£856.90');
  await expect(cell(page, 4, /Reading age/, 0)).toHaveText('5');
  await expect(cell(page, 4, /Reading age/, 1)).toHaveText('6 (ratio gain 1.92)');
  // 4 of 5 made a significant gain: the share would give the 4 and the 1 back.
  await expect(cell(page, 4, /Reading age/, 2)).toHaveText('hidden');
  await expect(cell(page, 4, /Standardised/, 0)).toHaveText('fewer than 5');
  await expect(cell(page, 4, /Standardised/, 1)).toHaveText('–');
  expect(await axeViolations(page)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('sen-provision-report-to-governors-autumn-term-2025-26.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).split(/\r?\n/);
  expect(lines).toContain('SEN support (K),hidden');
  expect(lines).toContain('EHC plan (E),fewer than 5');
  expect(lines).toContain('Notional SEN budget,£856.90');
  expect(lines).toContain('Reading age (months),5,6 (ratio gain 1.92),hidden');
  expect(csv).not.toContain("O'Brien");

  // Printed on A4: the controls are left out.
  await page.emulateMedia({ media: 'print' });
  const pdf = info.outputPath('governors.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  expect(text).toContain('report to governors, Autumn term 2025-26');
  expect(text).toContain('fewer than 5');
  expect(text).not.toContain('Download CSV');
  await page.emulateMedia({ media: 'screen' });

  // SEN information report, counted on 01/10/2025.
  await page.getByLabel('Report', { exact: true }).selectOption({ label: 'SEN information report figures' });
  await page.getByLabel('Counted on').fill('2025-10-01');
  await expect(page.getByRole('heading', { name: 'SEN information report figures, 2025-26' })).toBeVisible();
  await expect(cell(page, 0, /\(SLCN\)/, 0)).toHaveText('hidden');
  await expect(cell(page, 0, /\(SLCN\)/, 1)).toHaveText('0');
  await expect(cell(page, 0, /\(ASD\)/, 2)).toHaveText('fewer than 5');
  await expect(cell(page, 0, /All pupils/, 2)).toHaveText('hidden');
  await expect(page.locator('.report-notes')).toContainText('Pupils on roll: hidden; on the SEN register: hidden (percentage hidden).');
  expect(await axeViolations(page)).toEqual([]);
  const [sen] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const senCsv = readFileSync(await sen.path(), 'utf8');
  expect(senCsv).toContain('"Speech, language and communication needs (SLCN)",hidden,0,hidden');

  // PP+: pseudonymised unless asked otherwise.
  await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Pupil premium plus: children in care' });
  await expect(cell(page, 0, /Previously looked after/, 0)).toHaveText('1');
  await expect(cell(page, 0, /PP\+ rate/, 0)).toHaveText('£2,630.00');
  // The school's allocation is for PLAC pupils only (Zoë): 1 x £2,630; no LAC.
  await expect(cell(page, 0, /School's PP\+ allocation/, 0)).toHaveText('£2,630.00');
  await expect(cell(page, 0, /PP\+ agreed with the virtual school/, 0)).toHaveText('none recorded');
  await expect(cell(page, 1, /Their PP\+/, 0)).toHaveText('£0.00');
  await expect(cell(page, 0, /Cost of all provision/, 0)).toHaveText('£107.11');
  const ref = fixture.pupils[0].id.replaceAll('-', '').slice(0, 6);
  await expect(page.locator('#report-table-2')).toContainText(`Z.O. (ref ${ref})`);
  await expect(page.locator('main')).not.toContainText("O'Brien");
  await page.getByLabel('Pseudonymise (initials and a reference)').uncheck();
  await expect(page.locator('#report-table-2').getByRole('row', { name: /Zoë O'Brien/ })).toContainText('+5.5 (standardised score)');
  expect(await axeViolations(page)).toEqual([]);
});
