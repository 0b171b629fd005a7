// A small static server for the specs that play a host: per-test ports,
// headers and pages, and a log of the requests (embedding.spec.js,
// update.spec.js). Every response says Cache-Control: no-store, so the HTTP
// cache never hides what the service worker does.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** The MIME type of each kind of file the app's build holds (serve.mjs uses it too). */
export const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

const running = new Set();

/** Stop every server still running (each test's afterEach). */
export async function stopAll() { for (const stop of [...running]) await stop(); }

/**
 * Serve `dir` under `base` on `port` of each of `hosts` (one that cannot be
 * bound, such as ::1 without IPv6, is skipped), with `headers` on every
 * response; `pages` maps other paths to HTML. Every request is noted in
 * `requests` (its path, Sec-Fetch-Dest and Referer).
 */
export async function serve({ port, dir = 'dist', base = '/', headers = {}, pages = {}, hosts = ['127.0.0.1'] }) {
  const root = resolve(dir);
  const requests = [];
  const handler = async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push({ path: url.pathname, dest: req.headers['sec-fetch-dest'], referer: req.headers.referer });
    const head = { 'Cache-Control': 'no-store', ...headers };
    const notFound = () => res.writeHead(404, { ...head, 'Content-Type': 'text/plain' }).end('Not found');
    if (pages[url.pathname] !== undefined) {
      res.writeHead(200, { ...head, 'Content-Type': 'text/html; charset=utf-8' }).end(pages[url.pathname]);
      return;
    }
    if (!url.pathname.startsWith(base)) return notFound();
    let path = normalize('/' + decodeURIComponent(url.pathname.slice(base.length)));
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root + sep)) return notFound();
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { ...head, 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      notFound();
    }
  };
  const servers = [];
  for (const host of hosts) {
    const s = createServer(handler);
    try {
      await new Promise((ok, fail) => { s.once('error', fail); s.listen(port, host, ok); });
      servers.push(s);
    } catch (e) {
      if (host === hosts[0]) throw e;
    }
  }
  const stop = () => {
    running.delete(stop);
    return Promise.all(servers.map((s) => new Promise((done) => { s.closeAllConnections(); s.close(() => done()); })));
  };
  running.add(stop);
  return { stop, requests };
}

