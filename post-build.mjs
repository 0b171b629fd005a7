// Trunk post_build hook: runs in the staging directory of every build.
// Writes, next to Trunk's hashed outputs (so no list is ever kept by hand):
// - boot.js:  loads the app (no inline script, so a strict CSP needs no hash);
// - embed.js: the <provision-map> custom element for embedding in a page;
// - sw.js:    the service worker, precaching every file of this build under a
//             cache named by a hash of their contents.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('post-build.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');

const files = [];
(function walk(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(relative(dir, p).split('\\').join('/'));
  }
})(dir);
const js = files.find((f) => /^waymark-[0-9a-f]+\.js$/.test(f));
const wasm = files.find((f) => /^waymark-[0-9a-f]+_bg\.wasm$/.test(f));
const css = files.find((f) => /^main-[0-9a-f]+\.css$/.test(f));
if (!js || !wasm || !css) throw new Error(`post-build.mjs: the build's js, wasm or css is missing from ${files.join(', ')}`);

const write = (name, text) => { writeFileSync(join(dir, name), text); files.push(name); };

// The stylesheet for a shadow root: the page's rules scoped to the host
// element. rem follows the host page's root font size, so lengths in rem
// become multiples of --rem (16px) and @media widths become pixels.
let scoped = readFileSync(join(dir, css), 'utf8')
  .replace(/@media([^{]*)\{/g, (_, q) => '@media' + q.replace(/(\d*\.?\d+)rem/g, (_, n) => `${Number(n) * 16}px`) + '{')
  .replace(/(-?\d*\.?\d+)rem\b/g, 'calc($1 * var(--rem))')
  .replace(/:root\s*\{/, ':host {')
  .replace(/(^|\})\s*html\s*\{[^}]*\}/, '$1')
  .replace(/(^|\})\s*body\s*\{/, '$1 .waymark-embedded {');
write('embed.css', `:host { all: initial; display: block; --rem: 16px; }\n${scoped}\n.waymark-embedded { position: relative; }\n`);

write('boot.js', `// Written by post-build.mjs: starts Waymark and its service worker.
import init from './${js}';

// If the app stops (a panic ends the wasm: with panic = "abort" nothing in it
// survives), this screen, which needs none of it, says so, offers everything
// stored in this browser as a file, and a safe start that opens Settings
// (backups, records set aside). The data stays where it is.
function recover(reason) {
  if (document.getElementById('waymark-recovery')) return;
  const el = (tag, text) => { const e = document.createElement(tag); if (text) e.textContent = text; return e; };
  const box = el('div');
  box.id = 'waymark-recovery';
  box.className = 'error-panel recovery';
  box.setAttribute('role', 'alert');
  box.append(
    el('h1', 'Waymark stopped'),
    el('p', 'Something in the app failed and it cannot carry on (' + reason + ').'),
    el('p', 'Your data is still stored in this browser and nothing has been deleted. Download a copy of everything stored first; then try a safe start, which opens Settings, where you can restore a backup or deal with a record that will not open.'),
  );
  const download = el('button', 'Download everything stored');
  download.type = 'button';
  download.className = 'primary';
  const status = el('p');
  status.setAttribute('role', 'status');
  download.addEventListener('click', () => dump().then(
    (n) => { status.textContent = 'Downloaded: ' + n + ' records.'; },
    (e) => { status.textContent = 'The stored data could not be read: ' + e; },
  ));
  const safe = el('button', 'Safe start: open Settings');
  safe.type = 'button';
  safe.className = 'secondary';
  safe.addEventListener('click', () => { location.hash = '#/settings'; location.reload(); });
  box.append(download, safe, status);
  document.body.prepend(box);
}

// Every object store of the app's database, exactly as stored, in one file.
async function dump() {
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open('waymark');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const names = [...db.objectStoreNames];
  const out = { format: 'waymark-stored-records', exported_at: new Date().toISOString(), schema_version: db.version, stores: {} };
  let count = 0;
  if (names.length) {
    const tx = db.transaction(names, 'readonly');
    await Promise.all(names.map((n) => new Promise((resolve, reject) => {
      const q = tx.objectStore(n).getAll();
      q.onsuccess = () => { out.stores[n] = q.result; count += q.result.length; resolve(); };
      q.onerror = () => reject(q.error);
    })));
  }
  db.close();
  const url = URL.createObjectURL(new Blob([JSON.stringify(out, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'waymark-everything-stored-' + new Date().toISOString().slice(0, 10) + '.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return count;
}

const trapped = (e) => e instanceof WebAssembly.RuntimeError;
window.addEventListener('error', (e) => { if (trapped(e.error)) recover(String(e.error)); });
window.addEventListener('unhandledrejection', (e) => { if (trapped(e.reason)) recover(String(e.reason)); });

let wasm;
try {
  wasm = await init({ module_or_path: new URL('./${wasm}', import.meta.url) });
} catch (e) {
  recover(String(e));
  throw e;
}
// For the benchmarks: the size of the app's WebAssembly memory.
globalThis.waymark = { ...(globalThis.waymark ?? {}), wasmMemoryBytes: () => wasm.memory.buffer.byteLength, provisionsCosted: () => wasm.provisions_costed?.() };

if ('serviceWorker' in navigator && !globalThis.waymark?.noServiceWorker) {
  // Its scope is the app's own folder, said explicitly: never the host's
  // root or anything else of the host's (sw.js refuses any other scope).
  const scope = new URL('./', import.meta.url).href;
  const reg = await navigator.serviceWorker.register(new URL('./sw.js', import.meta.url), { scope });
  const ready = () => window.dispatchEvent(new CustomEvent('waymark-update-ready'));
  // A newer version already waiting, or one that finishes installing while open.
  if (reg.waiting && navigator.serviceWorker.controller) ready();
  reg.addEventListener('updatefound', () => {
    const next = reg.installing;
    next?.addEventListener('statechange', () => {
      if (next.state === 'installed' && navigator.serviceWorker.controller) ready();
    });
  });
  // The app asks for the update: the waiting worker takes over, then the
  // page reloads (only then: the first worker taking control reloads nothing).
  let asked = false;
  window.addEventListener('waymark-apply-update', () => { asked = true; reg.waiting?.postMessage('skip-waiting'); });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (asked) { asked = false; location.reload(); }
  });
}
`);

write('embed.js', `// Written by post-build.mjs: <provision-map> mounts Waymark inside a page,
// in its own shadow root (styles isolated both ways, the host's URL untouched).
// Usage: <script type="module" src=".../embed.js"></script> <provision-map></provision-map>
import init, { mount_embedded } from './${js}';

globalThis.waymark = { ...(globalThis.waymark ?? {}), embedded: true };
const started = init({ module_or_path: new URL('./${wasm}', import.meta.url) });

class ProvisionMap extends HTMLElement {
  async connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('./embed.css', import.meta.url).href;
    const app = document.createElement('div');
    app.className = 'waymark-embedded';
    root.append(css, app);
    await started;
    mount_embedded(app, root);
  }
}
if (!customElements.get('provision-map')) customElements.define('provision-map', ProvisionMap);
`);

// Trunk leaves its own rust <link> in the page when it injects no script: in
// its place, the app's JavaScript and wasm are fetched as soon as the page is
// read, not only once boot.js has run and imported them (the wasm's fetch is
// a CORS-mode fetch, so its preload says crossorigin to be reused).
const indexPath = join(dir, 'index.html');
writeFileSync(indexPath, readFileSync(indexPath, 'utf8').replace(/<link data-trunk rel="rust"[^>]*>/,
  `<link rel="modulepreload" href="./${js}" />\n    <link rel="preload" href="./${wasm}" as="fetch" type="application/wasm" crossorigin />`));

const precache = ['./', ...files.filter((f) => f !== 'sw.js' && f !== 'index.html').map((f) => './' + f)];
const hash = createHash('sha256');
for (const f of files.sort()) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);

write('sw.js', `// Written by post-build.mjs for this build: precache every file, serve
// them cache-first, and drop older builds' caches once this one takes over.
//
// It serves the app's own folder and nothing else. boot.js registers it
// with that scope; registered with any other (a wider one, such as the
// host's root, is possible only if the server sends Service-Worker-Allowed),
// it refuses to install, unregisters itself and never handles a request.
const HOME = new URL('./', self.location.href).href;
const ours = () => self.registration.scope === HOME;
// Named by the folder too: another copy of the app elsewhere on the same
// server keeps its own cache.
const CACHE = 'waymark-${version} ' + HOME;
const FILES = ${JSON.stringify(precache, null, 2)};

self.addEventListener('install', (event) => {
  if (!ours()) {
    // Fail the install at once (a registration with no worker is then
    // removed), and unregister too, without waiting: the unregister queues
    // behind this very install, so waiting for it would never end.
    self.registration.unregister();
    event.waitUntil(Promise.reject(new Error('Waymark: this service worker serves ' + HOME + ' only, not ' + self.registration.scope)));
    return;
  }
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))));
});

// An older cache of this folder: one named by it, or one of the builds
// before caches were (each holds its folder's index).
async function older(key) {
  if (!key.startsWith('waymark-') || key === CACHE) return false;
  if (key.includes(' ')) return key.endsWith(' ' + HOME);
  return (await (await caches.open(key)).match(HOME)) !== undefined;
}

self.addEventListener('activate', (event) => {
  if (!ours()) return;
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (await older(key)) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (!ours() || event.request.method !== 'GET' || !url.href.startsWith(HOME)) return;
  // Files of this build come from the cache first. Views are chosen by the
  // URL's hash, so a page at the app's own folder (any query) is its index.
  const home = new URL(HOME);
  const isIndex = event.request.mode === 'navigate'
    && (url.pathname === home.pathname || url.pathname === home.pathname + 'index.html');
  event.respondWith(caches.open(CACHE).then(async (c) => {
    const hit = await c.match(isIndex ? './' : event.request, { ignoreSearch: isIndex });
    return hit ?? fetch(event.request);
  }));
});
`);
console.log(`post-build.mjs: boot.js, embed.js and sw.js (cache waymark-${version}, ${precache.length} files)`);
