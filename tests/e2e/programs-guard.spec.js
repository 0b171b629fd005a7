// The guard that keeps ./dev's PROGRAMS list whole (tests/support/programs-guard.cjs):
// a test that spawns a program missing from the list fails, naming its file,
// whether it spawns through Node or names the program in its source.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const GUARD = resolve('tests/support/programs-guard.cjs');
const UNLISTED = 'waymark-unlisted-program';

// Runs `source` as an ES module in a Node with the guard loaded, logging
// refusals to a fresh file; returns the exit status, stderr and the log.
function runGuarded(source) {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-guard-'));
  const script = join(dir, 'spawner.mjs');
  const log = join(dir, 'unlisted.log');
  writeFileSync(script, source);
  const r = spawnSync(process.execPath, [script], {
    env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}`, WAYMARK_UNLISTED_LOG: log },
    encoding: 'utf8',
  });
  return { script, status: r.status, stderr: r.stderr, stdout: r.stdout, log: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

test('spawning a program missing from ./dev fails, naming the program and the file', () => {
  const r = runGuarded(`import { execFileSync } from 'node:child_process';\nexecFileSync('${UNLISTED}', ['--version']);\n`);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain(`${r.script} runs \`${UNLISTED}\`, which is not on ./dev's PROGRAMS list`);
  expect(r.log).toBe(`${r.script}: runs \`${UNLISTED}\`, which is not on ./dev's PROGRAMS list\n`);
});

test('a refusal the test catches is still logged for ./dev to fail the run', () => {
  const r = runGuarded(
    `import { spawn, exec } from 'node:child_process';\n` +
      `const path = '/opt/${UNLISTED}';\n` +
      `try { spawn(path, []); } catch (e) { console.log(e.code); }\n` +
      `try { exec('LANG=C ${UNLISTED} -x'); } catch (e) { console.log(e.code); }\n`,
  );
  expect(r.status).toBe(0);
  expect(r.stdout).toBe('WAYMARK_UNLISTED_PROGRAM\nWAYMARK_UNLISTED_PROGRAM\n');
  expect(r.log.trim().split('\n')).toEqual([
    `${r.script}: runs \`/opt/${UNLISTED}\`, which is not on ./dev's PROGRAMS list`,
    `${r.script}: runs \`${UNLISTED}\`, which is not on ./dev's PROGRAMS list`,
  ]);
});

test('programs on the list run as before', () => {
  // nproc is on the list (coreutils); Node itself is always allowed.
  const r = runGuarded(
    `import { execFileSync, spawnSync } from 'node:child_process';\n` +
      `process.stdout.write(String(Number(execFileSync('nproc').toString()) > 0));\n` +
      `process.stdout.write(spawnSync(process.execPath, ['-e', 'process.stdout.write("7")']).stdout.toString());\n`,
  );
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('true7');
  expect(r.log).toBe('');
});

test('the scan fails on a test that names an unlisted program, and passes on ours', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-scan-'));
  writeFileSync(join(dir, 'a.spec.js'), `import { execFileSync } from 'node:child_process';\n\nexecFileSync('pdftotext', []);\nexecFileSync('${UNLISTED}', []);\n`);
  writeFileSync(join(dir, 'b.rs'), `fn f() {\n    std::process::Command::new("${UNLISTED}-rs");\n}\n`);
  writeFileSync(join(dir, 'caps.json'), `{ "binary": "/usr/bin/${UNLISTED}-browser" }\n`);
  const bad = spawnSync(process.execPath, [GUARD, 'scan', dir], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(bad.status).toBe(1);
  expect(bad.stdout.trim().split('\n')).toEqual([
    `${join(dir, 'a.spec.js')}:4: runs \`${UNLISTED}\`, which is not on ./dev's PROGRAMS list`,
    `${join(dir, 'b.rs')}:2: runs \`${UNLISTED}-rs\`, which is not on ./dev's PROGRAMS list`,
    `${join(dir, 'caps.json')}:1: runs \`/usr/bin/${UNLISTED}-browser\`, which is not on ./dev's PROGRAMS list`,
    'programs: 1 passed, 3 failed',
  ]);
  const ours = spawnSync(process.execPath, [GUARD, 'scan'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(ours.status).toBe(0);
  expect(ours.stdout).toMatch(/^programs: [1-9]\d* passed, 0 failed$/m);
});
