// SPDX-License-Identifier: MIT
// The platform: service worker (offline after the first visit, one consistent version, an update
// offered and never forced on a half-filled form), strict CSP with no inline code, no third-party
// origin, the manifest and its icons, and the precache list covering every staged file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { startServer, SITE, CSP } from './server.mjs';
import { launch, openPage, gotoApp, screen } from './harness.mjs';
import { fillHbi, shownVerdict } from './fill.mjs';
import { ROOT } from './server.mjs';

const vectors = JSON.parse(await readFile(join(ROOT, 'tests', 'conformance', 'vectors.json'), 'utf8'));
const hbi = vectors.find((v) => v.instrument === 'hbi' && v.inputs.complications.length && !v.expected.error);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function walk(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...await walk(p)); else out.push(p);
  }
  return out;
}

test('index.html: the CSP meta is the documented policy; no inline script or style anywhere', async () => {
  const html = await readFile(join(SITE, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(meta, 'CSP meta present');
  assert.equal(meta[1], CSP);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline <script>');
  assert.doesNotMatch(html, /<style/i, 'no <style>');
  assert.doesNotMatch(html, /\sstyle=/i, 'no style attribute');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
  for (const file of await walk(SITE)) {
    if (!/\.(m?js|html)$/.test(file)) continue;
    const text = await readFile(file, 'utf8');
    if (/crohn\.mjs$/.test(file)) continue;   // the Emscripten glue (built with DYNAMIC_EXECUTION=0)
    assert.doesNotMatch(text, /\.innerHTML\s*=|insertAdjacentHTML|\beval\(|new Function\(|setAttribute\(\s*['"]style/, relative(SITE, file));
    assert.doesNotMatch(text, /https?:\/\/(?!127\.0\.0\.1|intranet\.example|crohn-score\.example|www\.w3\.org)/, `${relative(SITE, file)} names no third-party origin`);
  }
});

test('the service worker precaches every staged file of the app', async () => {
  const sw = await readFile(join(SITE, 'sw.js'), 'utf8');
  const list = JSON.parse(sw.match(/const SHELL = (\[[\s\S]*?\]);/)[1].replace(/'/g, '"').replace(/,\s*\]/, ']'));
  const staged = (await walk(SITE)).map((f) => relative(SITE, f).split('\\').join('/'))
    .filter((f) => f !== 'sw.js' && !f.endsWith('.d.ts'));
  assert.deepEqual(staged.filter((f) => !list.includes(f)).sort(), [], 'staged but not precached');
  assert.deepEqual(list.filter((f) => f !== './' && !staged.includes(f)).sort(), [], 'precached but not staged');
  assert.ok(list.includes('crohn.wasm'));
});

test('manifest: name, scope, start URL, 192/512 and maskable PNG icons of the stated sizes', async () => {
  const m = JSON.parse(await readFile(join(SITE, 'manifest.webmanifest'), 'utf8'));
  assert.equal(m.start_url, './');
  assert.equal(m.scope, './');
  assert.equal(m.display, 'standalone');
  const purposes = new Set();
  for (const icon of m.icons) {
    const bytes = await readFile(join(SITE, icon.src));
    if (icon.type === 'image/png') {
      assert.equal(bytes.subarray(1, 4).toString('ascii'), 'PNG', icon.src);
      const w = bytes.readUInt32BE(16);
      const h = bytes.readUInt32BE(20);
      assert.equal(`${w}x${h}`, icon.sizes, icon.src);
      purposes.add(`${icon.purpose}:${icon.sizes}`);
    }
  }
  for (const p of ['any:192x192', 'any:512x512', 'maskable:192x192', 'maskable:512x512']) assert.ok(purposes.has(p), p);
});

test('offline after the first visit; an update is offered and never discards a half-filled form', async () => {
  const server = await startServer();
  const { context, page, requests, errors } = await openPage(browser, { serviceWorkers: 'allow' });
  try {
    await gotoApp(page, server.origin);
    await page.waitForFunction(() => document.documentElement.dataset.swChecked === 'true', null, { timeout: 20000 });
    assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'page controlled by the worker');

    // Offline: the whole app (shell, catalogs, core) comes from the worker's cache.
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    await fillHbi(screen(page, 'hbi'), hbi.inputs);
    assert.deepEqual(await shownVerdict(screen(page, 'hbi')), { score: String(hbi.expected.hbi_total), band: hbi.expected.hbi_band });
    await page.selectOption('#lang', 'it');   // a catalog not loaded before, also from the cache
    await page.waitForFunction(() => document.documentElement.lang === 'it');
    assert.equal(await page.locator('nav a[data-screen="visits"]').textContent(), 'Basale vs controllo');
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await context.setOffline(false);

    // A new version appears on the server while the form is half filled.
    await page.evaluate(() => { window.__sameDocument = true; });
    const css = await readFile(join(SITE, 'app.css'), 'utf8');
    server.overrides.set('/app.css', { body: `${css}\n/* next version */\n`, type: 'text/css; charset=utf-8' });
    const other = await context.newPage();   // any later page load makes the worker look for updates
    await gotoApp(other, server.origin);
    await page.locator('#update-reload').waitFor({ timeout: 20000 });
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page did not reload by itself');
    assert.equal(await screen(page, 'hbi').locator('input[name="liquid_stools_per_day"]').inputValue(), String(hbi.inputs.liquid_stools_per_day));
    assert.match(await page.locator('#banner').textContent(), /Your entries are kept/);
    // Until the user accepts, the running version keeps being served (no mixing).
    assert.doesNotMatch(await page.evaluate(() => fetch('app.css').then((r) => r.text())), /next version/);

    // The user reloads: the new version, and the form is still there.
    await Promise.all([page.waitForEvent('load'), page.click('#update-reload')]);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    assert.match(await page.evaluate(() => fetch('app.css').then((r) => r.text())), /next version/);
    assert.equal(await screen(page, 'hbi').locator('input[name="liquid_stools_per_day"]').inputValue(), String(hbi.inputs.liquid_stools_per_day));
    assert.deepEqual(await shownVerdict(screen(page, 'hbi')), { score: String(hbi.expected.hbi_total), band: hbi.expected.hbi_band });

    const foreign = requests.filter((r) => !r.url.startsWith(server.origin + '/') && !/^(data|blob):/.test(r.url));
    assert.deepEqual(foreign.map((r) => r.url), [], 'no cross-origin request, ever');
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR/.test(e)), []);
  } finally {
    await context.close();
    await server.close();
  }
});
