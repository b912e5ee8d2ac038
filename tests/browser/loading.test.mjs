// SPDX-License-Identifier: MIT
// How the page loads (issue 5's first-verdict budget): the verdict on display waits only for the
// startup modules (the other screens are imported after it), a screen whose module cannot be
// loaded says so without disturbing the rest, and the result panels are updated in place by
// patch() with exactly the DOM that rebuilding them would give.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, SITE } from './server.mjs';
import { launch, openPage, gotoApp, screen } from './harness.mjs';

const LATER = ['cdai', 'sescd', 'rutgeerts', 'cdeis', 'maria', 'pdai', 'ibd-control', 'pcdai', 'visits', 'cohort'].map((s) => `/app/screens/${s}.js`);
// The calculator screens, built in the background once their modules arrive (HBI, CDAI, SES-CD,
// Rutgeerts, PDAI, IBD-Control, PCDAI/wPCDAI); visits and cohort wait for the endpoint engine.
const CALCULATORS = 10;
const HBI_STATE = JSON.stringify({
  schema: 1,
  hbi: { general_wellbeing: '2', abdominal_pain: '2', liquid_stools_per_day: '4', abdominal_mass: '1', complications: ['arthralgia'] },
});

// build/web holds the production bundle (scripts/bundle-web.mjs) and build/web-src the same site
// unbundled: the module-by-module loading is tested on the unbundled page, the bundle's requests
// on the bundled one (with CROHN_SITE=build/web-src both servers serve the unbundled page).
const BUNDLED = existsSync(join(SITE, 'app.bundle.js'));
const UNBUNDLED_SITE = BUNDLED ? `${SITE}-src` : SITE;

let browser;
let server;
let srcServer;
before(async () => {
  browser = await launch();
  server = await startServer();
  srcServer = await startServer({ root: UNBUNDLED_SITE });
});
after(async () => { await browser?.close(); await server?.close(); await srcServer?.close(); });

async function withHbiForm(context) {
  await context.addInitScript((state) => {
    if (!sessionStorage.getItem('crohn-score:form')) sessionStorage.setItem('crohn-score:form', state);
  }, HBI_STATE);
}

test('the first verdict needs only the startup modules: the other screens are imported after it', async () => {
  const { context, page, errors } = await openPage(browser);
  await withHbiForm(context);
  // Hold every other screen's module until the verdict is on screen.
  const held = [];
  let release;
  const released = new Promise((ok) => { release = ok; });
  await context.route((url) => LATER.includes(new URL(url).pathname), async (route) => {
    held.push(new URL(route.request().url()).pathname);
    await released;
    await route.continue();
  });
  await gotoApp(page, srcServer.origin);
  assert.equal(await screen(page, 'hbi').locator('[data-testid="score"]').textContent(), '10');
  assert.ok(await page.evaluate(() => performance.getEntriesByName('crohn:first-verdict').length === 1));
  for (let i = 0; i < 100 && held.length < LATER.length; i++) await page.waitForTimeout(50);
  assert.deepEqual([...held].sort(), [...LATER].sort(), 'the other screens were asked for after the start, and held');
  assert.equal(await page.locator('section.screen').count(), 1, 'only the screen on display is built');
  const tools = [];
  page.on('request', (r) => { if (/crohn-tools\.(mjs|wasm)$/.test(new URL(r.url()).pathname)) tools.push(r.url()); });
  release();
  // Once they arrive the calculators are built in the background; each is then one click away.
  // The visits and cohort screens wait for the endpoint engine (the tools module), which is
  // loaded only when one of them is first shown.
  await page.waitForFunction((n) => document.querySelectorAll('section.screen').length === n, CALCULATORS);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('section.screen').count(), CALCULATORS, 'the visits and cohort screens are not built yet');
  assert.deepEqual(tools, [], 'no tools module before the visits or cohort screen is asked for');
  await page.click('#nav a[data-screen="ses_cd"]');
  await screen(page, 'ses_cd').waitFor({ state: 'visible' });
  assert.equal(await screen(page, 'hbi').isHidden(), true);
  await page.click('#nav a[data-screen="visits"]');
  await screen(page, 'visits').waitFor({ state: 'visible' });
  assert.ok(tools.some((u) => u.endsWith('crohn-tools.wasm')), 'the visits screen loaded the endpoint engine');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a screen whose module cannot be loaded says so; the calculator on display keeps working', async () => {
  const { context, page } = await openPage(browser);
  await withHbiForm(context);
  let failing = true;
  await context.route((url) => new URL(url).pathname === '/app/screens/cdai.js', (route) => (
    failing ? route.abort('internetdisconnected') : route.continue()));
  await gotoApp(page, srcServer.origin);
  await page.click('#nav a[data-screen="cdai"]');
  await page.waitForFunction(() => document.getElementById('notice').textContent.length > 0);
  assert.match(await page.textContent('#notice'), /could not be loaded/);
  const hbi = screen(page, 'hbi');
  assert.equal(await hbi.isVisible(), true, 'the HBI stays on display');
  assert.equal(await page.getAttribute('#nav a[aria-current="page"]', 'data-screen'), 'hbi',
    'the navigation still names the screen on display');
  await hbi.locator('[name="liquid_stools_per_day"]').fill('6');
  await page.waitForFunction(() => document.querySelector('section[data-screen="hbi"] [data-testid="score"]')?.textContent === '12');
  // Back online: choosing the screen again loads it.
  failing = false;
  await page.click('#nav a[data-screen="cdai"]');
  await screen(page, 'cdai').waitFor({ state: 'visible' });
  await context.close();
});

test('the bundled page asks for the stylesheet, boot.js, the bundle, the glue, the core and the catalog: nothing else before the first verdict', { skip: !BUNDLED && 'build/web is not bundled' }, async () => {
  const { context, page, errors, requests } = await openPage(browser);
  await withHbiForm(context);
  await gotoApp(page, server.origin);
  assert.equal(await screen(page, 'hbi').locator('[data-testid="score"]').textContent(), '10');
  const before = await page.evaluate(() => {
    const verdict = performance.getEntriesByName('crohn:first-verdict')[0].startTime;
    return performance.getEntriesByType('resource').filter((e) => e.startTime < verdict).map((e) => new URL(e.name).pathname);
  });
  const scripts = before.filter((p) => /\.m?js$/.test(p)).sort();
  assert.deepEqual(scripts, ['/app.bundle.js', '/boot.js', '/crohn.mjs']);
  for (const p of ['/app.css', '/crohn.wasm', '/i18n/en.json']) assert.ok(before.includes(p), p);
  // The screens are in the bundle: no source module of the app is ever asked for. (The seven
  // calculators are built in the background; visits and cohort wait for the endpoint engine.)
  await page.waitForFunction((n) => document.querySelectorAll('section.screen').length === n, CALCULATORS);
  assert.deepEqual(requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/app/') || p === '/app.js'), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('patch() gives the DOM replace() gives, keeps matching nodes, never reuses listeners or controls', async () => {
  const { context, page, errors } = await openPage(browser);
  await gotoApp(page, server.origin);
  const report = await page.evaluate(async () => {
    const { h, patch, replace } = await import('/app/dom.js');
    // A small deterministic generator of result-panel-like trees.
    let seed = 7;
    const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const tags = ['p', 'span', 'table', 'tr', 'td', 'ul', 'li', 'strong', 'button'];
    const tree = (depth) => {
      const n = rnd(4);
      const kids = [];
      for (let i = 0; i < n; i++) {
        if (depth === 0 || rnd(3) === 0) kids.push(rnd(2) ? `t${rnd(5)}` : null);
        else {
          const attrs = {};
          if (rnd(2)) attrs.class = `c${rnd(3)}`;
          if (rnd(3) === 0) attrs.dataset = { band: `b${rnd(3)}` };
          if (rnd(4) === 0) attrs.hidden = true;
          if (rnd(5) === 0) attrs.onclick = () => {};
          kids.push(h(tags[rnd(tags.length)], attrs, tree(depth - 1)));
        }
      }
      return kids;
    };
    const a = h('div');
    const b = h('div');
    let mismatches = 0;
    for (let step = 0; step < 400; step++) {
      const s = seed;
      replace(a, tree(3));
      seed = s;  // the same children again, fresh nodes
      patch(b, tree(3));
      if (a.innerHTML !== b.innerHTML) mismatches += 1;
    }
    // Identity: a changed number keeps its element; an element with a listener, or a button, is replaced.
    const box = h('div');
    patch(box, h('p', { class: 'score-line' }, h('span', { class: 'score' }, '5')), h('button', {}, 'x'),
      h('span', { onclick: () => {} }, 'l'));
    const [line, button, listened] = box.children;
    const score = line.querySelector('.score');
    patch(box, h('p', { class: 'score-line' }, h('span', { class: 'score' }, '7')), h('button', {}, 'x'),
      h('span', { onclick: () => {} }, 'l'));
    return {
      mismatches,
      keptLine: box.children[0] === line,
      keptScore: box.querySelector('.score') === score && score.textContent === '7',
      replacedButton: box.children[1] !== button,
      replacedListened: box.children[2] !== listened,
    };
  });
  assert.deepEqual(report, { mismatches: 0, keptLine: true, keptScore: true, replacedButton: true, replacedListened: true });
  assert.deepEqual(errors, []);
  await context.close();
});
