// Every program a test or benchmark runs must be installed by `./dev`, so that
// a fresh machine passes as this one does. The one list is PROGRAMS in ./dev;
// this file holds it to account twice:
//
// - loaded into Node (`node --require tests/support/programs-guard.cjs`, which
//   ./dev's `guarded` does for Playwright, the WebDriver smoke and the
//   benchmarks), it refuses to spawn a program that is not on the list: the
//   spawn throws, naming the program and the file that asked for it, and the
//   refusal is noted in $WAYMARK_UNLISTED_LOG, which ./dev checks after the
//   run (so a test that catches the error still fails the run);
// - run as `node tests/support/programs-guard.cjs scan [paths...]`, it reads
//   the tests (JavaScript and Rust) for programs named in spawn calls,
//   `Command::new`, browser binaries and executable paths, and fails naming
//   each file:line whose program is not listed. It prints
//   `programs: N passed, N failed`.
//
// Programs inside node_modules/ and Node itself need no listing: npm installs
// the one and every machine of this kind has the other.
'use strict';

const cp = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DEV = path.join(ROOT, 'dev');

/// The programs on ./dev's PROGRAMS list: full paths and names.
function readList(devFile = DEV) {
  const text = fs.readFileSync(devFile, 'utf8');
  const vars = new Map();
  for (const m of text.matchAll(/^([A-Z_][A-Z0-9_]*)="([^"$]*)"/gm)) vars.set(m[1], m[2]);
  const block = /^PROGRAMS=\(\n([\s\S]*?)^\)/m.exec(text);
  if (!block) throw new Error(`${devFile} has no PROGRAMS=( ... ) list`);
  const programs = [];
  for (const line of block[1].split('\n')) {
    const m = /^\s*"([^"]*)"/.exec(line);
    if (!m) continue;
    const program = m[1].trim().split(/\s+/)[0].replace(/^\$([A-Z_][A-Z0-9_]*)$/, (_, v) => vars.get(v) ?? '');
    if (program) programs.push(program);
  }
  return programs;
}

/// Whether `program` (as a test names it) is on `list`.
function isListed(program, list) {
  const p = String(program);
  if (p === process.execPath || p === 'node') return true;
  const base = path.basename(p);
  if (p.includes('/')) {
    const abs = path.resolve(p);
    if (abs.startsWith(path.join(ROOT, 'node_modules') + path.sep)) return true;
    return list.includes(abs) || list.includes(base);
  }
  if (fs.existsSync(path.join(ROOT, 'node_modules', '.bin', p))) return true;
  return list.includes(p) || list.some((l) => l.includes('/') && path.basename(l) === p);
}

/// The program a shell command line runs first (after any NAME=value words).
function firstWord(command) {
  const words = String(command).trim().split(/\s+/);
  while (words.length > 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift();
  return words[0].replace(/^['"]|['"]$/g, '');
}

/// The file outside this guard, Node and node_modules that called the spawn.
function caller() {
  const frames = (new Error().stack || '').split('\n').slice(1);
  const files = frames
    .map((f) => /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?$/.exec(f.trim()))
    .filter(Boolean)
    .map((m) => m[1].replace(/^file:\/\//, ''))
    .filter((f) => f !== __filename);
  const own = files.find((f) => !f.includes(`${path.sep}node_modules${path.sep}`));
  const file = own ?? files[0] ?? process.argv[1] ?? '(unknown file)';
  return shown(file);
}

/// A file as messages name it: from the repository's top when inside it.
function shown(file) {
  const rel = path.relative(ROOT, path.resolve(file));
  return rel && !rel.startsWith('..') ? rel : path.resolve(file);
}

function refuse(program) {
  const file = caller();
  const log = process.env.WAYMARK_UNLISTED_LOG;
  if (log) {
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.appendFileSync(log, `${file}: runs \`${program}\`, which is not on ./dev's PROGRAMS list\n`);
  }
  const err = new Error(
    `${file} runs \`${program}\`, which is not on ./dev's PROGRAMS list: add it there, ` +
      'with the package that provides it, so that ./dev installs it on a fresh machine.',
  );
  err.code = 'WAYMARK_UNLISTED_PROGRAM';
  throw err;
}

function install() {
  const list = readList();
  const check = (program) => {
    if (program !== undefined && program !== null && !isListed(program, list)) refuse(program);
  };
  const shell = (opts) => opts && typeof opts === 'object' && !Array.isArray(opts) && opts.shell;
  const wrap = (name, programOf) => {
    const original = cp[name];
    cp[name] = function guarded(...args) {
      check(programOf(args));
      return original.apply(this, args);
    };
  };
  // spawn(file, [args], [options]) and the like: the file, or with `shell`
  // the command line's first word.
  const fileOrShell = (args) => {
    const opts = Array.isArray(args[1]) ? args[2] : args[1];
    return shell(opts) ? firstWord(args[0]) : args[0];
  };
  for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync']) wrap(name, fileOrShell);
  for (const name of ['exec', 'execSync']) wrap(name, (args) => firstWord(args[0]));
  // fork runs a module in Node, unless options.execPath names another program.
  wrap('fork', (args) => {
    const opts = Array.isArray(args[1]) ? args[2] : args[1];
    return opts && opts.execPath ? opts.execPath : process.execPath;
  });
  // ES modules' `import { spawn } from 'node:child_process'` see the change.
  require('node:module').syncBuiltinESMExports();
}

/// Programs named in source text: [line, program] pairs.
function namedPrograms(text, file) {
  const found = [];
  const add = (index, program) => found.push([text.slice(0, index).split('\n').length, program]);
  const patterns = file.endsWith('.rs')
    ? [[/Command::new\(\s*"([^"]+)"/g, (p) => p]]
    : [
        [/\b(?:spawn|spawnSync|execFile|execFileSync|fork)\(\s*(['"`])([^'"`$]+)\1/g, (p) => p, 2],
        [/\b(?:exec|execSync)\(\s*(['"`])([^'"`$]+)\1/g, firstWord, 2],
        [/executablePath\s*:\s*(?:process\.env\.\w+\s*\?\?\s*)?(['"])([^'"$]+)\1/g, (p) => p, 2],
        [/['"]?binary['"]?\s*:\s*(['"])([^'"$]+)\1/g, (p) => p, 2],
      ];
  for (const [re, program, group = 1] of patterns) {
    for (const m of text.matchAll(re)) add(m.index, program(m[group]));
  }
  return found;
}

function* walk(p) {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    if (['node_modules', 'target', 'dist', 'test-results'].includes(path.basename(p))) return;
    for (const e of fs.readdirSync(p).sort()) yield* walk(path.join(p, e));
  } else if (/\.(c?js|mjs|rs|json)$/.test(p) && path.resolve(p) !== __filename) {
    yield p;
  }
}

function scan(paths, devFile = DEV) {
  const list = readList(devFile);
  let passed = 0;
  let failed = 0;
  for (const start of paths) {
    if (!fs.existsSync(start)) continue;
    for (const file of walk(start)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [line, program] of namedPrograms(text, file)) {
        const where = `${shown(file)}:${line}`;
        if (isListed(program, list)) {
          passed += 1;
        } else {
          failed += 1;
          console.log(`${where}: runs \`${program}\`, which is not on ./dev's PROGRAMS list`);
        }
      }
    }
  }
  console.log(`programs: ${passed} passed, ${failed} failed`);
  return failed === 0;
}

if (require.main === module) {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode !== 'scan') {
    console.error('usage: node tests/support/programs-guard.cjs scan [paths...]');
    process.exit(2);
  }
  const paths = rest.length > 0 ? rest : ['tests', 'playwright.config.js', '.ci'].map((p) => path.join(ROOT, p));
  process.exit(scan(paths) ? 0 : 1);
} else {
  install();
}
