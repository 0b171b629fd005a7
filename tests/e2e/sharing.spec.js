// Sharing: exports of the whole school or a part, pseudonymised and
// encrypted, checked against the published JSON Schema with ajv; imports
// that check everything first, preview, merge or replace, keep a backup and
// survive bad files.
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { fixture, seed, axeViolations, pupil } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../../public/schema/waymark-document.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function school() {
  const data = structuredClone(fixture);
  data.pupils.push(pupil('Ravi', 'Shah', { year_group: 'Y2', sen_status: 'N', primary_need: null }));
  data.enrolments[0].notes = 'Zoë and Ravi worked well together.';
  return data;
}

async function exportFile(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the file' }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

async function importText(page, name, text) {
  await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a pseudonymised export of one pupil, valid against the schema', async ({ page }) => {
  await seed(page, school());
  await page.goto('/#/settings');
  await page.getByLabel('What to export').selectOption({ label: 'One pupil' });
  await page.getByLabel('Pupil', { exact: true }).selectOption({ label: "Zoë O'Brien" });
  await expect(page.getByLabel(/^Pseudonymise pupils/)).toBeChecked();
  await expect(page.locator('#export-summary')).toHaveText(
    'The file will hold one pupil: 1 pupil, 1 provision, 1 enrolment, 1 support plan, 0 sessions recorded, 1 library entry and 2 staff records; the school\'s settings and budgets. Pupils\' names are replaced by initials and a reference unique in the file. Pupils, their places in provision, their support plans and the sessions recorded have new random ids, different in every file, so none shares an id with the school\'s own records. Kept to the day only: when pupils\' records, places and plans were made and changed. Left out: UPNs; dates of birth; classes; EHC plan details (issue and review dates, local authority, top-up); dates of joining and leaving the SEN register and leaving the school and the pupil premium, looked-after, previously looked-after, service child and EAL flags. Any pupil\'s given or family name (with or without accents, any apostrophe, possessive, hyphenated or in parts) is reduced to its initial in one-page profiles, support plans (outcomes, pupils\' and parents\' views), enrolment notes and scores written as text, notes on cancelled sessions, provision names, library entries (names, descriptions, evidence notes) and staff roles\' and members\' names. Each pupil keeps year group, past year groups, SEN status and needs, with their provision, enrolments, scores and support plans; the school\'s settings are as they are.',
  );
  // The summary follows the switch: names and special category data without it.
  await page.getByLabel(/^Pseudonymise pupils/).uncheck();
  await expect(page.locator('#export-summary')).toContainText("It holds pupils' names, UPNs, dates of birth and SEN details");
  await page.getByLabel(/^Pseudonymise pupils/).check();
  await expect(page.locator('#export-summary')).toContainText('replaced by initials and a reference');
  expect(await axeViolations(page)).toEqual([]);
  const file = await exportFile(page);
  expect(file.name).toMatch(/^waymark-pupil-pseudonymised-\d{4}-\d{2}-\d{2}\.json$/);
  const doc = JSON.parse(file.text);
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  // The pupil has a new id, which the scope names; the stored id is nowhere.
  expect(doc.scope).toEqual({ kind: 'pupil', id: doc.data.pupils[0].id });
  expect(doc.data.pupils[0].id).not.toBe(fixture.pupils[0].id);
  expect(doc.pseudonymised).toBe(true);
  for (const secret of ['Zoë', "O'Brien", 'A123456789012', '2016-02-29', 'Ravi', fixture.pupils[0].id, fixture.enrolments[0].id]) expect(file.text).not.toContain(secret);
  expect(doc.data.enrolments[0].notes).toBe('Z. and R. worked well together.');
  await expect(page.locator('#export-message')).toHaveText(`Saved ${file.name}. It holds children's SEN data: keep it safe.`);
});

test('the whole school round-trips through an empty browser, byte for byte', async ({ page, browser }) => {
  await seed(page, school());
  await page.goto('/#/settings');
  const first = await exportFile(page);
  const doc = JSON.parse(first.text);
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  expect(doc.pseudonymised).toBe(false);
  expect(first.text).toContain("O'Brien");

  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto('/#/settings');
  // Dropped on the drop zone, as from the desktop.
  const transfer = await fresh.evaluateHandle(([name, text]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: 'application/json' }));
    return dt;
  }, [first.name, first.text]);
  await fresh.locator('#import-drop').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(fresh.locator('#import-counts')).toHaveText('9 new, 0 updated, 0 unchanged, 0 in conflict (kept as they are here), 0 removed.');
  expect(await axeViolations(fresh)).toEqual([]);
  await fresh.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(fresh.locator('#import-message')).toContainText(`Imported ${first.name} (merged)`);
  await expect(fresh.locator('#import-backup-0')).toContainText(`(before ${first.name}, merged)`);
  await fresh.reload();
  const again = await exportFile(fresh);
  const strip = (t) => t.replace(/"exported_at": "[^"]+"/, '');
  expect(strip(again.text)).toBe(strip(first.text));
  await fresh.goto('/#/pupils');
  await expect(fresh.getByRole('row', { name: /Zoë O'Brien/ })).toContainText('£107.11');
  await context.close();
});

test('a large import lists the first 50 of each kind of change, then saves every record', async ({ page, browser }) => {
  const data = school();
  for (let i = 0; i < 120; i++) data.pupils.push(pupil(`Bulk${String(i).padStart(3, '0')}`, 'Import', { year_group: 'Y3', sen_status: 'N', primary_need: null }));
  await seed(page, data);
  await page.goto('/#/settings');
  const file = await exportFile(page);

  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto('/#/settings');
  await importText(fresh, file.name, file.text);
  // The 9 records of the small school, and 120 more pupils.
  const counts = await fresh.locator('#import-counts').textContent();
  const total = Number(counts.match(/^(\d+) new/)[1]);
  expect(total).toBe(129);
  const items = fresh.locator('#import-preview details').first().locator('li');
  await expect(items).toHaveCount(51);
  await expect(items.last()).toHaveText(`… and ${total - 50} more`);
  await fresh.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(fresh.locator('#import-message')).toContainText(`${total} records changed`);
  await fresh.goto('/#/pupils');
  await fresh.reload();
  await expect(fresh.getByRole('heading', { name: /Register/ })).toContainText(`(${data.pupils.length} pupils)`);
  await fresh.goto('/#/settings');
  const again = await exportFile(fresh);
  const strip = (t) => t.replace(/"exported_at": "[^"]+"/, '');
  expect(strip(again.text)).toBe(strip(file.text));
  await context.close();
});

test('an encrypted export opens only with its passphrase', async ({ page, browser }) => {
  test.setTimeout(60_000);
  await seed(page, school());
  await page.goto('/#/settings');
  await page.getByLabel('Encrypt with a passphrase').check();
  const pass = page.getByLabel('Passphrase (10 characters or more)');
  const again = page.getByLabel('The passphrase again');
  // Each refusal is shown beside its field, and nothing is downloaded.
  const refused = async (text, error, field = '#export-passphrase-error') => {
    await pass.fill(text);
    await again.fill(text);
    await page.getByRole('button', { name: 'Export the file' }).click();
    await expect(page.locator(field)).toHaveText(error);
    await expect(page.locator('#export-passphrase')).toHaveAttribute('aria-invalid', 'true');
  };
  const instead = 'Use three or four unrelated words instead.';
  await refused('', 'Enter a passphrase.');
  await refused('short', 'The passphrase must be at least 10 characters.');
  await refused('aaaaaaaaaaaa', `The passphrase is one character repeated. ${instead}`);
  await refused('1234567890', `The passphrase is a simple sequence, like 1234567890, abcdefghij or qwertyuiop. ${instead}`);
  await refused('abcdefghij', `The passphrase is a simple sequence, like 1234567890, abcdefghij or qwertyuiop. ${instead}`);
  await refused('Password123!', `The passphrase is one of the most common passwords, which are tried first. ${instead}`);
  await expect(page.locator('#export-message')).toHaveText('');
  expect(await axeViolations(page)).toEqual([]);
  await pass.fill('purple elephant tuesday');
  await again.fill('purple elephant thursday');
  await page.getByRole('button', { name: 'Export the file' }).click();
  await expect(page.locator('#export-passphrase-again-error')).toHaveText('The two passphrases are not the same.');
  await expect(page.locator('#export-passphrase-error')).toHaveText('');
  await again.fill('purple elephant tuesday');
  const file = await exportFile(page);
  // Used: both fields are emptied once the file is made, and no problem is left.
  await expect(page.locator('#export-message')).toContainText('Saved waymark-whole-');
  await expect(pass).toHaveValue('');
  await expect(again).toHaveValue('');
  await expect(page.locator('#export-passphrase-again-error')).toHaveText('');
  expect(file.name).toMatch(/^waymark-whole-\d{4}-\d{2}-\d{2}-encrypted\.json$/);
  const envelope = JSON.parse(file.text);
  expect(envelope.format).toBe('waymark-encrypted');
  expect(envelope.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600000 });
  expect(envelope.cipher).toMatchObject({ name: 'AES-GCM', length: 256 });
  expect(file.text).not.toContain('Brien');

  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto('/#/settings');
  await importText(fresh, file.name, file.text);
  await fresh.getByRole('button', { name: 'Open the file' }).click();
  await expect(fresh.locator('#import-message')).toHaveText("Enter the file's passphrase.");
  await fresh.getByLabel('Passphrase', { exact: true }).fill('purple elephant wednesday');
  await fresh.getByRole('button', { name: 'Open the file' }).click();
  await expect(fresh.locator('#import-message')).toHaveText('The passphrase is wrong, or the file was changed after it was saved. Nothing was imported.');
  // Tried: the field is emptied whether or not the file opened.
  await expect(fresh.getByLabel('Passphrase', { exact: true })).toHaveValue('');
  // A changed byte is caught the same way.
  const tampered = { ...envelope, ciphertext: (envelope.ciphertext[0] === 'A' ? 'B' : 'A') + envelope.ciphertext.slice(1) };
  await importText(fresh, 'tampered.json', JSON.stringify(tampered));
  await fresh.getByLabel('Passphrase', { exact: true }).fill('purple elephant tuesday');
  await fresh.getByRole('button', { name: 'Open the file' }).click();
  await expect(fresh.locator('#import-message')).toHaveText('The passphrase is wrong, or the file was changed after it was saved. Nothing was imported.');
  await importText(fresh, file.name, file.text);
  await fresh.getByLabel('Passphrase', { exact: true }).fill('purple elephant tuesday');
  await fresh.getByRole('button', { name: 'Open the file' }).click();
  await expect(fresh.locator('#import-counts')).toContainText('9 new');
  await context.close();
});

test('bad files are refused with what and where, and change nothing', async ({ page }) => {
  test.setTimeout(60_000);
  await seed(page, school());
  await page.goto('/#/settings');
  const problems = page.locator('#import-problems');
  await importText(page, 'empty.json', '');
  await expect(problems).toContainText('empty.json cannot be imported. Nothing has been changed.');
  await expect(problems).toContainText('The file is empty.');
  // 50 MB on disk (Playwright hands over big files by path).
  const huge = test.info().outputPath('huge.json');
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 0x20));
  await page.locator('#import-file').setInputFiles(huge);
  await expect(problems).toContainText('The file is 50 MB; Waymark reads files of up to 40 MB.');
  const deep = '['.repeat(100000) + ']'.repeat(100000);
  await importText(page, 'deep.json', deep);
  await expect(problems).toContainText('recursion limit exceeded');
  await importText(page, 'notes.txt', 'Dear parents,');
  await expect(problems).toContainText('The file is not a waymark document');
  const good = JSON.stringify({ format: 'waymark', format_version: 2, exported_at: '2026-11-22T10:00:00Z', app_version: '0.1.0', scope: { kind: 'whole' }, pseudonymised: false, data: school() }, null, 2);
  await importText(page, 'cut.json', good.slice(0, 900));
  await expect(problems).toContainText('EOF while parsing');
  await importText(page, 'future.json', good.replace('"format_version": 2', '"format_version": 9'));
  await expect(problems).toContainText('This file is format version 9, newer than this app reads (5). Update the app to import it.');
  await importText(page, 'typed.json', good.replace('"year_group": "Y2"', '"year_group": 2'));
  await expect(problems).toContainText('data.pupils[1].year_group: ');
  const broken = school();
  broken.pupils.push({ ...broken.pupils[1] });
  broken.pupils[0].given_name = '<script>alert(1)</script>';
  broken.enrolments[0].pupil_id = '00000000-0000-4000-8000-000000000000';
  broken.provisions[0].fixed_costs = -5;
  const bad = JSON.stringify({ ...JSON.parse(good), data: broken });
  await importText(page, 'broken.json', bad);
  await expect(problems).toContainText('data.pupils[2].id');
  await expect(problems).toContainText('data.enrolments[0].pupil_id');
  await expect(problems).toContainText('data.provisions[0].fixed_costs');
  expect(await axeViolations(page)).toEqual([]);
  // Markup in a name is stored and shown as text.
  const html = school();
  html.pupils[1].given_name = '<img src=x onerror=alert(1)>';
  await importText(page, 'html.json', JSON.stringify({ ...JSON.parse(good), data: html }));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.locator('#import-message')).toContainText('Imported html.json');
  await page.getByRole('link', { name: 'Pupils' }).click();
  await expect(page.getByRole('link', { name: '<img src=x onerror=alert(1)> Shah' })).toBeVisible();
  expect(await page.locator('main img').count()).toBe(0);
});

test('replace, then restore the data from before the import', async ({ page }) => {
  await seed(page, school());
  await page.goto('/#/settings');
  const only = structuredClone(fixture);
  only.pupils[0].class_name = '5C';
  only.pupils[0].updated_at = '2026-11-22T10:00:00Z';
  const file = JSON.stringify({ format: 'waymark', format_version: 1, exported_at: '2026-11-22T10:00:00Z', app_version: '0.0.9', data: only });
  await importText(page, 'old-version.json', file);
  await page.getByLabel(/^Replace/).check();
  await expect(page.locator('#import-counts')).toHaveText('0 new, 2 updated, 6 unchanged, 0 in conflict (kept as they are here), 1 removed.');
  await expect(page.locator('#import-preview')).toContainText('Pupil Ravi Shah');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.locator('#import-message')).toContainText('Imported old-version.json (replaced)');
  await page.getByRole('link', { name: 'Pupils' }).click();
  await expect(page.getByRole('row', { name: /Ravi Shah/ })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Zoë/ })).toContainText('5C');
  await page.reload();
  await page.goto('/#/settings');
  await page.locator('#import-restore-0').click();
  await expect(page.locator('#import-message')).toContainText('Restored the data as it was before old-version.json, replaced');
  // Restoring kept the data as it was: two backups now, the newest first; one can be deleted.
  await expect(page.locator('#import-backup-0')).toContainText('(before restoring the backup of');
  await expect(page.locator('#import-backup-1')).toContainText('(before old-version.json, replaced)');
  await page.locator('#import-delete-0').click();
  await expect(page.locator('#import-message')).toContainText('Deleted the backup kept on');
  await expect(page.locator('#import-backup-1')).toHaveCount(0);
  await page.getByRole('link', { name: 'Pupils' }).click();
  await expect(page.getByRole('row', { name: /Ravi Shah/ })).toHaveCount(1);
  await expect(page.getByRole('row', { name: /Zoë/ })).toContainText('4B');
});
