// Impact: mean gains per provision, the share of pupils in each ratio-gain
// band, the cost-effectiveness ranking and one pupil's gains over time, all
// from the rules in src/domain/impact.rs.
import { test, expect } from '@playwright/test';
import { readingSchool, seed, axeViolations } from './helpers.js';

test('gains, bands and the ranking follow the impact rules', async ({ page }) => {
  const data = readingSchool();
  await seed(page, data);
  await page.goto('/#/impact');
  await expect(page.getByRole('heading', { level: 1, name: 'Impact' })).toBeVisible();
  // 8 Sep to 12 Dec is 95 days = 95 x 12 / 365.25 = 3.1211 months. Gains of
  // 4..8 months give ratios 1.28, 1.60, 1.92, 2.24, 2.56: mean 1.92, 6 months.
  const reading = page.locator('#impact-provisions').getByRole('row', { name: /Reading recovery/ });
  await expect(reading).toContainText('Reading age (months)');
  await expect(reading).toContainText('5 of 5');
  await expect(reading).toContainText('ratio gain 1.92 (6 months)');
  // Bands (Brooks): doubtful under 1.4 (1.28), modest 1.4-2 (1.60, 1.92),
  // useful 2-3 (2.24, 2.56), none substantial or remarkable.
  const cells = await reading.locator('td.num').allTextContents();
  expect(cells).toEqual(['20%', '40%', '40%', '0%', '0%']);
  // £428.45 shared by 5 = 85.69 each; / 6 months = 14.28 -> £14.28 per month gained.
  await expect(reading).toContainText('£14.28 per month');
  // The mean ratio gain says what it is, where it shows.
  await expect(page.locator('#ratio-gain-definition')).toContainText('months gained in reading or spelling age divided by months elapsed between entry and exit');
  const colourful = page.locator('#impact-provisions').getByRole('row', { name: /Colourful semantics/ });
  // Zoë's standardised score 82.5 to 88 = +5.5; her £107.11 / 5.5 = 19.47 -> £19.47 a point.
  await expect(colourful).toContainText('+5.5');
  await expect(colourful).toContainText('£19.47 per point');
  // Ranked within each measure (months and points are not compared).
  const ranking = page.getByRole('region', { name: 'Cost-effectiveness ranking' });
  await expect(ranking.locator('h3')).toHaveText(['Reading age (months)', 'Standardised score']);
  await expect(ranking.locator('ol.ranking')).toHaveText([
    'Reading recovery: £14.28 per pupil per month gained',
    'Colourful semantics (Y4): £19.47 per pupil per point gained',
  ]);
  // By measure: the same means.
  await expect(page.locator('#impact-measures').getByRole('row', { name: /Reading age/ })).toContainText('6 (ratio gain 1.92)');
  await expect(page.locator('#impact-measures').getByRole('row', { name: /Reading age/ })).toContainText('80%');
  expect(await axeViolations(page)).toEqual([]);

  // One pupil over time.
  await page.getByLabel('Pupil', { exact: true }).selectOption({ label: 'Reader3 Test' });
  await expect(page.locator('#impact-pupil-gains')).toContainText('08/09/2025 to 12/12/2025');
  await expect(page.locator('#impact-pupil-gains')).toContainText('+6 months (ratio gain 1.92, Modest impact)');

  // A higher exit for one pupil moves the mean: 4 more months on Reader1.
  await page.goto(`/#/provisions/${data.provisions[1].id}`);
  await page.getByLabel('Exit for Reader1 Test', { exact: true }).fill('98');
  await page.getByRole('button', { name: /Save entry and exit data/ }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await page.goto('/#/impact');
  // Gains 8,5,6,7,8 = mean 6.8 months; ratio 6.8 / 3.1211 = 2.18.
  await expect(page.locator('#impact-provisions').getByRole('row', { name: /Reading recovery/ })).toContainText('ratio gain 2.18 (6.8 months)');
});
