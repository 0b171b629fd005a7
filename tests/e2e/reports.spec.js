// Reports: the governors' termly summary (counts under 5 shown as "fewer
// than 5"), the SEN information report's counts and the PP+ summary; each
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
  // Five on SEN support, one (Zoë) with a plan.
  await expect(cell(page, 0, /SEN support/, 0)).toHaveText('5');
  await expect(cell(page, 0, /EHC plan/, 0)).toHaveText('fewer than 5');
  await expect(cell(page, 0, /All on the register/, 0)).toHaveText('6');
  await expect(cell(page, 1, /Communication and interaction/, 0)).toHaveText('6');
  await expect(cell(page, 1, /Cognition and learning/, 0)).toHaveText('fewer than 5');
  // Two provisions at £403.22 each, both on the notional SEN budget.
  await expect(cell(page, 2, /All provision/, 1)).toHaveText('£806.44');
  await expect(cell(page, 3, /Notional SEN budget/, 0)).toHaveText('£806.44');
  await expect(cell(page, 4, /Reading age/, 0)).toHaveText('5');
  await expect(cell(page, 4, /Reading age/, 1)).toHaveText('6 (ratio gain 1.92)');
  await expect(cell(page, 4, /Reading age/, 2)).toHaveText('80%');
  await expect(cell(page, 4, /Standardised/, 0)).toHaveText('fewer than 5');
  await expect(cell(page, 4, /Standardised/, 1)).toHaveText('–');
  expect(await axeViolations(page)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('sen-provision-report-to-governors-autumn-term-2025-26.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).split(/\r?\n/);
  expect(lines).toContain('SEN support (K),5');
  expect(lines).toContain('EHC plan (E),fewer than 5');
  expect(lines).toContain('Notional SEN budget,£806.44');
  expect(lines).toContain('Reading age (months),5,6 (ratio gain 1.92),80%');
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
  await expect(cell(page, 0, /\(SLCN\)/, 0)).toHaveText('5');
  await expect(cell(page, 0, /\(SLCN\)/, 1)).toHaveText('fewer than 5');
  await expect(cell(page, 0, /\(ASD\)/, 2)).toHaveText('fewer than 5');
  await expect(cell(page, 0, /All pupils/, 2)).toHaveText('6');
  await expect(page.locator('.report-notes')).toContainText('Pupils on roll: 6; on the SEN register: 6 (100%).');
  expect(await axeViolations(page)).toEqual([]);
  const [sen] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const senCsv = readFileSync(await sen.path(), 'utf8');
  expect(senCsv).toContain('Speech language and communication needs (SLCN),5,fewer than 5,5'.replace('Speech language', '"Speech, language').replace('(SLCN),', '(SLCN)",'));

  // PP+: pseudonymised unless asked otherwise.
  await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Pupil premium plus: children in care' });
  await expect(cell(page, 0, /Previously looked after/, 0)).toHaveText('1');
  await expect(cell(page, 0, /PP\+ rate/, 0)).toHaveText('£2,630.00');
  // The school's allocation is for PLAC pupils only (Zoë): 1 x £2,630; no LAC.
  await expect(cell(page, 0, /School's PP\+ allocation/, 0)).toHaveText('£2,630.00');
  await expect(cell(page, 0, /PP\+ agreed with the virtual school/, 0)).toHaveText('none recorded');
  await expect(cell(page, 1, /Their PP\+/, 0)).toHaveText('£0.00');
  await expect(cell(page, 0, /Cost of all provision/, 0)).toHaveText('£100.81');
  const ref = fixture.pupils[0].id.replaceAll('-', '').slice(0, 6);
  await expect(page.locator('#report-table-2')).toContainText(`Z.O. (ref ${ref})`);
  await expect(page.locator('main')).not.toContainText("O'Brien");
  await page.getByLabel('Pseudonymise (initials and a reference)').uncheck();
  await expect(page.locator('#report-table-2').getByRole('row', { name: /Zoë O'Brien/ })).toContainText('+5.5 (standardised score)');
  expect(await axeViolations(page)).toEqual([]);
});
