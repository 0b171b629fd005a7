// A pupil's page: details, costed provision against the element-2 threshold,
// gains, the one-page profile and EHC plan, support plans by term, and the
// printed summary with a pseudonymise switch.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fixture, seed, axeViolations } from './helpers.js';

const zoe = fixture.pupils[0];

test('details, costed provision and gains follow the domain rules', async ({ page }) => {
  await seed(page, fixture);
  await page.goto('/#/pupils');
  await page.getByRole('link', { name: "Zoë O'Brien" }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Zoë O'Brien");
  const details = page.locator('#pupil-details');
  await expect(details).toContainText('Year 4');
  await expect(details).toContainText('A123456789012');
  await expect(details).toContainText('29/02/2016');
  await expect(details).toContainText('EHC plan (E)');
  await expect(details).toContainText('Autistic spectrum disorder (ASD)');
  await expect(details).toContainText('Communication and interaction');
  await expect(details).toContainText('Pupil premium, Previously looked after (PLAC), EAL');
  await expect(details).toContainText('Since 04/09/2023');

  // Her share of Colourful semantics: 428.45 / 4 at the planned group size
  // = 107.1125 -> £107.11 (see register.spec.js).
  const costs = page.locator('#pupil-costs');
  await expect(costs.getByRole('row', { name: /Colourful semantics/ })).toContainText('08/09/2025 to 12/12/2025');
  await expect(costs.getByRole('row', { name: /Colourful semantics/ })).toContainText('£107.11');
  await expect(page.locator('#pupil-total')).toHaveText('£107.11');
  await expect(page.locator('#pupil-threshold')).toHaveText('£5,892.89 below the element-2 threshold of £6,000.00.');
  await expect(page.locator('.threshold')).toContainText('EHC plan top-up (element 3): £8,123.45 a year.');
  // Standardised score 82.5 to 88: +5.5.
  await expect(page.locator('#pupil-gains')).toContainText('82.5 on 08/09/2025');
  await expect(page.locator('#pupil-gains')).toContainText('+5.5 (standardised score)');
  expect(await axeViolations(page)).toEqual([]);

  // At a threshold of £100 she is over it by 107.11 - 100 = £7.11.
  const low = structuredClone(fixture);
  low.settings.element2_threshold = 10000;
  await seed(page, low);
  await page.goto(`/#/pupils/${zoe.id}`);
  await expect(page.locator('#pupil-threshold')).toHaveText('At or over threshold At or over the element-2 threshold of £100.00, by £7.11.');
});

test('profile, EHC plan and support plans are edited, checked and kept', async ({ page }) => {
  await seed(page, fixture);
  await page.goto(`/#/pupils/${zoe.id}`);
  await expect(page.locator('#pupil-profile')).toContainText('Knows every bus route.');
  await page.getByRole('button', { name: 'Edit profile and plan details' }).click();
  await page.getByLabel('Strengths').fill('Kind, and knows every bus route.');
  await page.getByLabel('Top-up a year (£)').fill('lots');
  await page.getByLabel('Left the SEN register on').fill('2020-01-01');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('#ehcp-top-up-error')).toHaveText('Enter the yearly top-up in pounds, like 4500.00 (0 for none).');
  expect(await axeViolations(page)).toEqual([]);
  await expect(page.locator('#off-register-error')).toHaveText('The pupil leaves the register before joining it.');
  await page.getByLabel('Top-up a year (£)').fill('9,000');
  await page.getByLabel('Left the SEN register on').fill('');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(page.locator('#pupil-profile')).toContainText('Kind, and knows every bus route.');
  await expect(page.locator('#pupil-profile')).toContainText('£9,000.00 a year');

  // The fixture's autumn plan: one outcome partly achieved of two.
  const autumn = page.getByRole('article', { name: 'Support plan, Autumn 2025-26' });
  await expect(autumn).toContainText('Reviewed 1 of 2; achieved 0. Review date 10/12/2025.');
  // A second autumn plan is refused, saying why.
  await page.getByRole('button', { name: 'Add a support plan' }).click();
  await expect(page.getByLabel('Term')).toBeFocused();
  await page.getByLabel('Term').selectOption({ label: 'Autumn 2025-26' });
  await page.getByLabel('Outcome 1', { exact: true }).fill('Reads a 10-word sentence');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.locator('#plan-term-error')).toHaveText('This pupil already has a plan for Autumn 2025-26: edit that one.');
  await page.getByLabel('Term').selectOption({ label: 'Spring 2025-26' });
  await page.getByRole('button', { name: 'Add an outcome' }).click();
  await expect(page.getByLabel('Outcome 2', { exact: true })).toBeFocused();
  await page.getByLabel('Outcome 2', { exact: true }).fill('Uses a now-and-next board');
  await page.getByLabel('Colourful semantics (Y4)').check();
  await page.getByLabel('Review date').fill('2026-03-27');
  await page.getByLabel("The pupil's views").fill('I like the board');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  const spring = page.getByRole('article', { name: 'Support plan, Spring 2025-26' });
  await expect(spring).toContainText('Reviewed 0 of 2; achieved 0. Review date 27/03/2026.');
  await expect(spring).toContainText('Provision: Colourful semantics (Y4).');

  // Review it: one achieved, one partly.
  await spring.getByRole('button', { name: 'Edit or review the plan for Spring 2025-26' }).click();
  await page.getByLabel('Review of outcome 1').selectOption({ label: 'Achieved' });
  await page.getByLabel('Review of outcome 2').selectOption({ label: 'Partly achieved' });
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(spring).toContainText('Reviewed 2 of 2; achieved 1.');
  expect(await axeViolations(page)).toEqual([]);

  await page.reload();
  await expect(page.getByRole('article', { name: 'Support plan, Spring 2025-26' })).toContainText('Reviewed 2 of 2; achieved 1.');
  await expect(page.locator('#pupil-profile')).toContainText('£9,000.00 a year');

  // Delete the spring plan; undo brings it back.
  await page.getByRole('button', { name: 'Delete the plan for Spring 2025-26' }).click();
  await expect(page.getByRole('article', { name: 'Support plan, Spring 2025-26' })).toHaveCount(0);
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(page.getByRole('article', { name: 'Support plan, Spring 2025-26' })).toHaveCount(1);
});

test('the printed page, named or pseudonymised, on A4', async ({ page }, info) => {
  await seed(page, fixture);
  await page.goto(`/#/pupils/${zoe.id}`);
  await expect(page.locator('#pupil-total')).toHaveText('£107.11');
  await page.getByLabel(/^Pseudonymise/).check();
  const ref = zoe.id.replaceAll('-', '').slice(0, 6);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Z.O. (ref ${ref})`);
  await expect(page.locator('#pupil-details')).not.toContainText('A123456789012');
  await expect(page.locator('#pupil-details')).not.toContainText('29/02/2016');
  await expect(page.locator('#pupil-details')).not.toContainText('4B');
  await expect(page.locator('main')).not.toContainText("O'Brien");

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.printed-by')).toBeVisible();
  await expect(page.locator('.page-controls')).toBeHidden();
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.locator('#pupil-costs')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const file = info.outputPath('pupil-page.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  expect(text).toContain(`Z.O. (ref ${ref})`);
  expect(text).toContain('£107.11');
  expect(text).toContain('£5,892.89 below the element-2 threshold');
  expect(text).not.toContain("O'Brien");
  expect(text).not.toContain('Undo');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())[1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(3);
});

test('a pupil\'s provision is listed in date order, dates compared as dates', async ({ page }) => {
  // Two provisions for Zoë: the fixture's from 08/09/2025 and one from
  // 05/01/2026. As text "05/01/2026" sorts before "08/09/2025"; as dates the
  // autumn one comes first.
  const data = structuredClone(fixture);
  const spring = { ...structuredClone(fixture.provisions[0]), id: crypto.randomUUID(), name: 'Spring group', start: '2026-01-05', end: '2026-03-27', recurring: false };
  data.provisions.push(spring);
  data.enrolments.push({ ...structuredClone(fixture.enrolments[0]), id: crypto.randomUUID(), provision_id: spring.id, start: spring.start, end: spring.end, entry: null, exit: null, attendance: null });
  await seed(page, data);
  await page.goto(`/#/pupils/${zoe.id}`);
  await expect(page.locator('#pupil-costs tbody tr')).toHaveCount(2);
  await expect(page.locator('#pupil-costs tbody tr td:first-child')).toHaveText(['Colourful semantics (Y4)', 'Spring group']);
});
