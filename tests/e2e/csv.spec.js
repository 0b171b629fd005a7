// CSV in and out: pupils from a SIMS export (mapped, checked, de-duplicated,
// skipped rows with reasons), and Excel-friendly CSV of the provision map and
// each pupil's cost, with the figures the screen shows.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fixture, seed, axeViolations } from './helpers.js';

const sims = [
  'Surname,Forename,Reg Group,Year,DOB,UPN,SEN Status,Primary Need',
  'Okafor,Amara,4B,Year 4,03/05/2017,B801200005001,SEN Support,SLCN',
  "O'Brien,Zoë,4B,Year 4,29/02/2016,A123456789012,EHC Plan,ASD",
  'Brown,Ben,3C,Year 3,12/11/2017,,EHC Plan,"Autistic spectrum disorder"',
  'Jones,Jo,9X,Year 9,01/01/2012,,Dyslexia,',
  ',Nameless,4B,Year 4,,,,',
].join('\r\n');

test('pupils from a SIMS export: mapped, checked, de-duplicated and added', async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/settings');
  await page.locator('#pupils-csv-file').setInputFiles({ name: 'sims.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + sims) });
  await expect(page.getByLabel('Given name', { exact: true })).toHaveValue('1');
  await expect(page.locator('#pupils-csv-summary')).toHaveText('2 pupils to add; 3 rows skipped.');
  const skipped = page.locator('#pupils-csv-skipped');
  await expect(skipped).toContainText("Line 3: Zoë O'Brien is already on the register (UPN A123456789012).");
  await expect(skipped).toContainText('Line 5: ');
  await expect(skipped).toContainText('SEN provision');
  await expect(skipped).toContainText('Line 6: ');
  expect(await axeViolations(page)).toEqual([]);
  // Unmapping a required column says so.
  await page.getByLabel('Year group', { exact: true }).selectOption({ label: 'Not in the file' });
  await expect(page.getByRole('alert').filter({ hasText: 'Choose the column' })).toHaveText('Choose the column that holds the year group.');
  await page.getByLabel('Year group', { exact: true }).selectOption({ label: 'Year' });
  await page.getByRole('button', { name: 'Add 2 pupils' }).click();
  await expect(page.locator('#pupils-csv-message')).toHaveText('Added 2 pupils from sims.csv.');
  await page.getByRole('link', { name: 'Pupils' }).click();
  await expect(page.getByRole('heading', { name: /Register/ })).toContainText('(3 pupils)');
  await expect(page.getByRole('row', { name: /Ben Brown/ })).toContainText('ASD');
  await expect(page.getByRole('row', { name: /Amara Okafor/ })).toContainText('SLCN');
});

test('the map and each pupil\'s cost download as CSV with the same figures', async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/map');
  const [map] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(map.suggestedFilename()).toBe('provision-map-2025-26.csv');
  const mapCsv = readFileSync(await map.path(), 'utf8');
  expect(mapCsv.charCodeAt(0)).toBe(0xfeff);
  expect(mapCsv).toContain('Communication and interaction,Wave 2: targeted catch-up,"Colourful semantics (Y4) (1 pupil, £428.45)"');
  expect(mapCsv).toMatch(/Total,,£428\.45,.*£428\.45/);

  await page.goto('/#/budget');
  const [costs] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: "Download each pupil's cost (CSV)" }).click()]);
  const text = readFileSync(await costs.path(), 'utf8');
  expect(text).toContain("Pupil,UPN,Year group,SEN status,Primary need,Provisions,Cost this year,Over the threshold by");
  expect(text).toContain("Zoë O'Brien,A123456789012,Year 4,E,ASD,1,£107.11,");
});

test('an Excel CSV in Windows-1252 with semicolons reads right, and importing it again adds nobody', async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/settings');
  // Windows-1252 by hand ('latin1' writes each character as one byte): the
  // curly apostrophe is 0x92 and ë is 0xEB, neither of them UTF-8.
  const excel = Buffer.from('Surname;Forename;Year;Reg Group\r\nO\x92Neill;Zo\xeb;Year 2;2A\r\n', 'latin1');
  const file = { name: 'excel.csv', mimeType: 'text/csv', buffer: excel };
  await page.locator('#pupils-csv-file').setInputFiles(file);
  await expect(page.locator('#pupils-csv-read')).toHaveText("Read as Windows-1252 (Excel's CSV), separated by semicolons.");
  await expect(page.locator('#pupils-csv-summary')).toHaveText('1 pupils to add; 0 rows skipped.');
  await page.locator('#pupils-csv-add').click();
  await expect(page.locator('#pupils-csv-message')).toHaveText('Added 1 pupils from excel.csv.');
  // The same file again: no UPN or date of birth, so matched by name and
  // year group, shown, and added only if ticked.
  await page.locator('#pupils-csv-file').setInputFiles(file);
  await expect(page.locator('#pupils-csv-summary')).toHaveText('0 pupils to add; 0 rows skipped.');
  const possible = page.locator('#pupils-csv-possible');
  await expect(possible).toContainText('Line 2: Zoë O\u2019Neill may be Zoë O\u2019Neill (Year 2), on the register. Add as a different pupil');
  await expect(page.locator('#pupils-csv-add')).toHaveText('Add 0 pupils');
  await expect(page.locator('#pupils-csv-add')).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);
  await possible.getByRole('checkbox').check();
  await expect(page.locator('#pupils-csv-add')).toHaveText('Add 1 pupils');
  await expect(page.locator('#pupils-csv-add')).toBeEnabled();
  await possible.getByRole('checkbox').uncheck();
  await expect(page.locator('#pupils-csv-add')).toBeDisabled();
});
