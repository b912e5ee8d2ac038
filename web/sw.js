// SPDX-License-Identifier: MIT
// Crohn Score service worker: offline after the first visit, one consistent version at a time.
//
// The whole app (shell, catalogs, icons, both modules' JS glue and .wasm) is cached as one
// version whose name is a SHA-256 over every file (so any change on the server, including only
// crohn.wasm, is a new version). Same-origin GET requests are answered from the current version
// only, so an open page never mixes files of two versions. After each page load the page asks
// for an update check; a new version is downloaded beside the current one and the pages are told
// ("update-ready"); it becomes current only when a page asks for it ("apply-update", sent when the
// user clicks "Reload"). Nothing is fetched from other origins, nothing is sent anywhere.

const SHELL = [
  './',
  'index.html',
  'app.css',
  'app.js',
  'boot.js',
  'app/cohort-worker.js',
  'app/cohort-baseline.js',
  'app/cohort-charts.js',
  'app/dom.js',
  'app/download.js',
  'app/embed.js',
  'app/feedback.js',
  'app/fields.js',
  'app/i18n.js',
  'app/note.js',
  'app/numbers.js',
  'app/screens.js',
  'app/sortable.js',
  'app/state.js',
  'app/sw-bridge.js',
  'app/timeline.js',
  'app/screens/cdai.js',
  'app/screens/cdeis.js',
  'app/screens/cohort.js',
  'app/screens/common.js',
  'app/screens/hbi.js',
  'app/screens/maria.js',
  'app/screens/ibd-control.js',
  'app/screens/pcdai.js',
  'app/screens/pdai.js',
  'app/screens/rutgeerts.js',
  'app/screens/seggrid.js',
  'app/screens/sescd.js',
  'app/screens/sources.js',
  'app/screens/visits.js',
  'crohn-score.js',
  'crohn-score-element.js',
  'crohn-tools.mjs',
  'crohn-tools.wasm',
  'crohn.mjs',
  'crohn.wasm',
  'embed-origins.json',
  'i18n/de.json',
  'i18n/en.json',
  'i18n/it.json',
  'i18n/nl.json',
  'i18n/ru.json',
  'icons/icon.svg',
  'icons/icon-192.png',
  'icons/icon-512.png',
  'icons/maskable-192.png',
  'icons/maskable-512.png',
  'manifest.webmanifest',
];
const PREFIX = 'crohn-score-v-';
const META = 'crohn-score-meta';
const SCOPE = new URL('./', self.location).href;

// The name of the current version, remembered while this worker runs (re-read after a restart).
let currentName = null;
let currentCache = null;
async function current() {
  if (!currentName) {
    currentName = await meta('current');
    currentCache = currentName ? await caches.open(currentName) : null;
  }
  return currentCache;
}
function forgetCurrent() {
  currentName = null;
  currentCache = null;
}

async function meta(key, value) {
  const cache = await caches.open(META);
  const url = new URL(`__meta/${key}`, SCOPE).href;
  if (value === undefined) {
    const r = await cache.match(url);
    return r ? r.text() : null;
  }
  if (value === null) return cache.delete(url);
  return cache.put(url, new Response(value));
}

/** Downloads every file (revalidating with the server) and names the version by its content. */
async function download() {
  const files = await Promise.all(SHELL.map(async (path) => {
    const url = new URL(path, SCOPE).href;
    const res = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return { url, path, body: await res.arrayBuffer(), type: res.headers.get('content-type') || '' };
  }));
  const enc = new TextEncoder();
  const parts = [];
  for (const f of files) parts.push(enc.encode(`${f.path}\n${f.body.byteLength}\n`), new Uint8Array(f.body));
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const all = new Uint8Array(total);
  let off = 0;
  for (const p of parts) { all.set(p, off); off += p.byteLength; }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  const hash = [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { name: PREFIX + hash, files };
}

async function store({ name, files }) {
  const cache = await caches.open(name);
  await Promise.all(files.map((f) => cache.put(f.url, new Response(f.body, {
    headers: f.type ? { 'content-type': f.type } : {},
  }))));
}

async function broadcast(message) {
  for (const c of await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })) c.postMessage(message);
}

async function prune() {
  const keep = new Set([META, await meta('current'), await meta('pending')].filter(Boolean));
  for (const key of await caches.keys()) {
    if (key.startsWith('crohn-score-') && !keep.has(key)) await caches.delete(key);
  }
}

let checking = null;
/** Looks for a new version on the server; never touches the current one. */
function checkUpdate() {
  checking ??= (async () => {
    const current = await meta('current');
    const fresh = await download();
    if (!current) {
      await store(fresh);
      await meta('current', fresh.name);
      forgetCurrent();
      await broadcast({ type: 'offline-ready', version: fresh.name });
    } else if (fresh.name !== current) {
      if ((await meta('pending')) !== fresh.name) {
        await store(fresh);
        await meta('pending', fresh.name);
      }
      await broadcast({ type: 'update-ready', version: fresh.name, current });
    }
    await broadcast({ type: 'check-done' });
  })().catch(() => broadcast({ type: 'check-done', offline: true })).finally(() => { checking = null; });
  return checking;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    if (!(await meta('current'))) {
      const first = await download();
      await store(first);
      await meta('current', first.name);
      forgetCurrent();
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await prune();
    await self.clients.claim();
    await broadcast({ type: 'offline-ready', version: await meta('current') });
  })());
});

self.addEventListener('message', (event) => {
  const type = event.data?.type;
  if (type === 'check-update') event.waitUntil(checkUpdate());
  if (type === 'apply-update') {
    event.waitUntil((async () => {
      const pending = await meta('pending');
      if (pending) {
        await meta('current', pending);
        await meta('pending', null);
        forgetCurrent();
        await prune();
      }
      event.ports[0]?.postMessage({ type: 'applied', version: await meta('current') });
    })());
  }
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  event.respondWith((async () => {
    const cache = await current();
    if (cache) {
      const key = req.mode === 'navigate' ? new URL(url.pathname.endsWith('/') ? './' : url.pathname, SCOPE).href : req.url;
      const hit = await cache.match(key, { ignoreSearch: true });
      if (hit) return hit;
    }
    return fetch(req);
  })());
});
