// The add-reload-still-there flow through WebDriver, in each engine named on
// the command line: chromium, firefox, webkit (WebKit needs a display: run
// this under `xvfb-run -a`). Serves dist/ itself. Prints "N passed, N failed".
//
// Usage: node tests/e2e/webdriver-smoke.mjs chromium firefox webkit
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Builder, By, until } from 'selenium-webdriver';

const APP_PORT = 4174;
const which = (name) => process.env[name];

const engines = {
  chromium: (dir) => ({
    driver: [which('CHROMEDRIVER') ?? '/usr/bin/chromedriver', ['--port=PORT']],
    caps: {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: '/usr/bin/chromium',
        args: [
          '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync',
          `--user-data-dir=${dir}`,
        ],
      },
    },
  }),
  firefox: (dir) => ({
    driver: [which('GECKODRIVER') ?? 'geckodriver', ['--port', 'PORT']],
    caps: {
      browserName: 'firefox',
      'moz:firefoxOptions': { binary: '/usr/bin/firefox-esr', args: ['-headless', '-profile', dir] },
    },
  }),
  webkit: () => ({
    driver: [which('SAFARIDRIVER') ?? '/usr/bin/WebKitWebDriver', ['--port=PORT']],
    caps: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    },
  }),
};

async function waitForHttp(url, what) {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${what} did not start at ${url}`);
}

async function smoke(engine, port) {
  const dir = mkdtempSync(join(tmpdir(), `waymark-${engine}-`));
  const { driver: [bin, args], caps } = engines[engine](dir);
  const proc = spawn(bin, args.map((a) => a.replace('PORT', String(port))), { stdio: 'ignore' });
  let driver;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/status`, `${engine} driver`);
    driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(caps).build();
    await driver.manage().setTimeouts({ implicit: 0, pageLoad: 30_000, script: 30_000 });
    const url = `http://127.0.0.1:${APP_PORT}/#/pupils`;
    await driver.get(url);
    // The register comes first: the button beside the heading opens the form.
    const open = await driver.wait(until.elementLocated(By.id('add-pupil-open')), 20_000);
    await open.click();
    const form = await driver.wait(until.elementLocated(By.css('form.add-pupil')), 20_000);
    const name = `Smoke${engine}`;
    await driver.findElement(By.id('given-name')).sendKeys(name);
    await driver.findElement(By.id('family-name')).sendKeys('Tester');
    await driver.findElement(By.css('#year-group option[value="Y4"]')).click();
    await form.findElement(By.css('button[type=submit]')).click();
    const status = await driver.findElement(By.css('.save-status'));
    await driver.wait(until.elementTextIs(status, 'All changes saved'), 10_000);
    const rowXpath = `//table[contains(@class,'register')]//tr[td[contains(., '${name} Tester')]]`;
    await driver.wait(until.elementLocated(By.xpath(rowXpath)), 10_000);

    await driver.navigate().refresh();
    const row = await driver.wait(until.elementLocated(By.xpath(rowXpath)), 20_000);
    const text = await row.getText();
    if (!text.includes('Year 4')) throw new Error(`after reload the row reads "${text}"`);
  } finally {
    if (driver) await driver.quit().catch(() => {});
    proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

const wanted = process.argv.slice(2);
if (wanted.length === 0 || wanted.some((e) => !engines[e])) {
  console.error(`usage: webdriver-smoke.mjs ${Object.keys(engines).join('|')} ...`);
  process.exit(2);
}
const server = spawn(process.execPath, ['tests/e2e/serve.mjs', 'dist', String(APP_PORT)], { stdio: 'ignore' });
let passed = 0;
let failed = 0;
try {
  await waitForHttp(`http://127.0.0.1:${APP_PORT}/`, 'the app server');
  let port = 4450;
  for (const engine of wanted) {
    const started = Date.now();
    try {
      await smoke(engine, port++);
      passed++;
      console.log(`  ok   ${engine}: add a pupil, reload, still listed (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`  FAIL ${engine}: ${e.message}`);
    }
  }
} finally {
  server.kill('SIGTERM');
}
console.log(`webdriver: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
