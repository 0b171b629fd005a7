// Nothing the app showed as saved is lost when the browser is killed:
// 20 times, add a pupil, wait for "All changes saved", SIGKILL the whole
// browser a random 0-150 ms later, start it again on the same profile, and
// check every pupil saved so far is there.
import { test, expect, chromium } from '@playwright/test';
import { openAddPupil } from './helpers.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUNDS = 20;

/** Start Debian's Chromium on `profile`, and connect to it over CDP. */
async function start(profile) {
  const proc = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const ws = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${err}`)), 20_000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  const browser = await chromium.connectOverCDP(ws);
  return { proc, browser };
}

/** Kill the browser and every process it started, at once. */
async function kill({ proc }) {
  const gone = new Promise((resolve) => proc.once('exit', resolve));
  process.kill(-proc.pid, 'SIGKILL');
  await gone;
}

test('20 kills right after "saved" lose nothing', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const profile = mkdtempSync(join(tmpdir(), 'waymark-durable-'));
  const saved = [];
  try {
    for (let i = 1; i <= ROUNDS; i++) {
      const b = await start(profile);
      const page = b.browser.contexts()[0].pages()[0] ?? await b.browser.contexts()[0].newPage();
      await page.goto(baseURL + '#/pupils');
      // Everything saved before the last kill is still here.
      await expect(page.getByRole('heading', { name: /Register/ })).toContainText(
        saved.length === 1 ? '(1 pupil)' : `(${saved.length} pupils)`,
      );
      for (const name of saved) await expect(page.getByRole('row', { name: new RegExp(`${name} Durable`) })).toBeVisible();

      const name = `Round${String(i).padStart(2, '0')}`;
      await openAddPupil(page);
      await page.getByLabel('Given name').fill(name);
      await page.getByLabel('Family name').fill('Durable');
      await page.getByLabel('Year group', { exact: true }).selectOption({ label: 'Year 2' });
      await page.getByRole('button', { name: 'Add pupil' }).click();
      await expect(page.locator('.save-status')).toHaveText('All changes saved');
      saved.push(name);
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 150)));
      await kill(b);
    }
    // A last start to check the 20th.
    const b = await start(profile);
    const page = b.browser.contexts()[0].pages()[0] ?? await b.browser.contexts()[0].newPage();
    await page.goto(baseURL + '#/pupils');
    await expect(page.getByRole('heading', { name: /Register/ })).toContainText(`(${ROUNDS} pupils)`);
    const lost = [];
    for (const name of saved) {
      if (await page.getByRole('row', { name: new RegExp(`${name} Durable`) }).count() !== 1) lost.push(name);
    }
    console.log(`durability: ${ROUNDS} kills after "saved", ${lost.length} lost`);
    expect(lost).toEqual([]);
    await kill(b);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
