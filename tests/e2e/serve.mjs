// A static file server for the built app, for tests only.
// Usage: node tests/e2e/serve.mjs <dir> <port> [--base /sub/path/] [--csp]
// Serves on 127.0.0.1 with `Cache-Control: no-store`, so no test is helped by
// the browser's HTTP cache, and with the right MIME type for .wasm.
// --base serves the app under a sub-path (as on an intranet); --csp adds the
// strict Content-Security-Policy the app must run under. Whatever the base,
// /host/ serves the imitation intranet pages in tests/e2e/host/.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { types } from './host-server.js';

const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : undefined; };
const base = flag('--base') ?? '/';
const csp = args.includes('--csp') ? (args.splice(args.indexOf('--csp'), 1), true) : false;
const root = resolve(args[0] ?? 'dist');
const port = Number(args[1] ?? 4173);
const hostDir = resolve(fileURLToPath(new URL('./host/', import.meta.url)));
export const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  let path = decodeURIComponent(url.pathname);
  let dir = root;
  if (path.startsWith('/host/')) {
    dir = hostDir;
    path = path.slice('/host'.length);
  } else if (path.startsWith(base)) {
    path = '/' + path.slice(base.length);
  } else {
    path = null;
  }
  const headers = { 'Cache-Control': 'no-store' };
  if (csp) headers['Content-Security-Policy'] = POLICY;
  if (path === null) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  path = normalize(path);
  if (path.endsWith('/')) path += 'index.html';
  const file = join(dir, path);
  if (file !== dir && !file.startsWith(dir + sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found');
  }
});
server.listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
