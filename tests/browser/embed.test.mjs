// SPDX-License-Identifier: MIT
// Embedding: the <crohn-score> element on a plain host page (examples/intranet.html, served with
// the app under /crohn-score/) computes through the core and emits crohn-score-result events;
// the iframe mode posts its results to the parent only when the parent's origin is allow-listed
// and is the real parent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, SITE, ROOT } from './server.mjs';
import { launch, screenshot, SCREENSHOTS } from './harness.mjs';
import { fillHbi, fillCdai, shownVerdict } from './fill.mjs';

const vectors = JSON.parse(await readFile(join(ROOT, 'tests', 'conformance', 'vectors.json'), 'utf8'));
const hbi = vectors.find((v) => v.id === 'HBI-07');
const cdai = vectors.find((v) => v.id === 'CDAI-01');
const exampleHtml = await readFile(join(ROOT, 'examples', 'intranet.html'), 'utf8');
const exampleJs = await readFile(join(ROOT, 'examples', 'intranet.js'), 'utf8');
const exampleCss = await readFile(join(ROOT, 'examples', 'intranet.css'), 'utf8');

let browser;
let app;        // Crohn Score on its own origin (for the iframe)
const hosts = [];
before(async () => {
  browser = await launch();
  app = await startServer();
});
after(async () => {
  await browser?.close();
  await app?.close();
  for (const h of hosts) await h.close();
});

/** An intranet host: the example page, the app mounted at /crohn-score/, iframe -> `app`. */
async function host({ parent } = {}) {
  const server = await startServer({ root: join(ROOT, 'examples'), mounts: { '/crohn-score/': SITE }, csp: null });
  hosts.push(server);
  const claimed = parent ?? server.origin;
  const html = exampleHtml
    .replaceAll('https://crohn-score.example', app.origin)
    .replaceAll('https%3A%2F%2Fintranet.example', encodeURIComponent(claimed));
  server.overrides.set('/intranet.html', { body: html, type: 'text/html; charset=utf-8' });
  server.overrides.set('/intranet.js', { body: exampleJs, type: 'text/javascript' });
  server.overrides.set('/intranet.css', { body: exampleCss, type: 'text/css' });
  return server;
}

function allow(origins) {
  app.overrides.set('/embed-origins.json', {
    body: JSON.stringify({ allowed_parent_origins: origins }), type: 'application/json',
  });
}

async function open(server) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${server.origin}/intranet.html`);
  return { context, page, errors };
}

test('the <crohn-score> element works on a plain host page with one script tag', async () => {
  const server = await host();
  allow([server.origin]);
  const { context, page, errors } = await open(server);
  const el = page.locator('#hbi-element');
  // Italian from the lang attribute; rendered in its shadow root, styled by a same-origin link.
  await el.locator('section.screen h2').waitFor();
  assert.equal(await el.locator('section.screen h2').textContent(), 'Indice di Harvey–Bradshaw (HBI)');
  assert.equal(await el.evaluate((e) => e.shadowRoot.querySelector('link[rel=stylesheet]').href.endsWith('/crohn-score/app.css')), true);
  assert.equal(await el.evaluate((e) => e.shadowRoot.querySelectorAll('style').length), 0);
  await fillHbi(el, hbi.inputs);
  assert.deepEqual(await shownVerdict(el), { score: String(hbi.expected.hbi_total), band: hbi.expected.hbi_band });
  await screenshot(page, 'intranet-example');
  // The host received the core's JSON in a bubbling event.
  const log = JSON.parse(await page.locator('#element-log').textContent());
  assert.equal(log.instrument, 'hbi');
  assert.equal(log.result.hbi_total, hbi.expected.hbi_total);
  assert.equal(log.result.hbi_band, hbi.expected.hbi_band);
  // One change, one event: a radio click and a select change each dispatch one result.
  await el.evaluate((e) => {
    window.__results = 0;
    e.addEventListener('crohn-score-result', () => { window.__results += 1; });
  });
  await el.locator('input[type=radio][name="abdominal_pain"]:not(:checked)').first().check({ force: true });
  await page.waitForFunction(() => window.__results > 0);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__results), 1, 'one event per radio click');
  // Attributes: definition-sets preselects the sets of a visits element.
  const visits = page.locator('#visits-element');
  await visits.locator('section.screen h2').waitFor();
  const checked = await visits.locator('input[name="sets"]:checked').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(checked.sort(), ['stride2', 'study_italian_upa']);
  // Changing the instrument attribute re-renders.
  await el.evaluate((e) => e.setAttribute('instrument', 'ses_cd'));
  await el.locator('section.screen[data-screen="ses_cd"]').waitFor();
  // instrument="rutgeerts": the event carries the core's Rutgeerts response.
  await el.evaluate((e) => e.setAttribute('instrument', 'rutgeerts'));
  const rut = el.locator('section.screen[data-screen="rutgeerts"]');
  await rut.waitFor();
  await el.evaluate((e) => e.addEventListener('crohn-score-result', (ev) => { window.__rut = ev.detail; }));
  await rut.locator('input[type=radio][name="rutgeerts_grade"][value="i2a"]').check({ force: true });
  await page.waitForFunction(() => window.__rut?.result?.rutgeerts_grade === 'i2a');
  assert.equal(await page.evaluate(() => window.__rut.instrument), 'rutgeerts');
  assert.equal(await page.evaluate(() => window.__rut.result.recurrence_ge_i2b), false);
  // instrument="cdeis" (and maria, smaria, from the same grid): the worked example's result event.
  await el.evaluate((e) => e.setAttribute('instrument', 'cdeis'));
  await el.locator('section.screen[data-screen="cdeis"]').waitFor();
  await el.evaluate((e) => e.addEventListener('crohn-score-result', (ev) => { window.__cdeis = ev.detail; }));
  await el.locator('section.screen[data-screen="cdeis"] [data-action="example"]').click();
  await page.waitForFunction(() => window.__cdeis?.result?.cdeis_total === 9.4);
  assert.equal(await page.evaluate(() => window.__cdeis.result.cdeis_band), 'moderate');
  // The element stores nothing on the host origin.
  assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length + document.cookie.length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('iframe mode posts to an allow-listed parent', async () => {
  const server = await host();
  allow([server.origin]);
  const { context, page } = await open(server);
  const frame = page.frameLocator('#crohn-frame');
  await frame.locator('section.screen[data-screen="cdai"]').waitFor();
  assert.equal(await frame.locator('#banner').isVisible(), false);
  await fillCdai(frame.locator('section.screen[data-screen="cdai"]'), cdai.inputs);
  await page.waitForFunction((total) => document.getElementById('frame-log').textContent.includes(`"cdai_total": ${total}`), cdai.expected.cdai_total);
  const log = JSON.parse(await page.locator('#frame-log').textContent());
  assert.equal(log.result.cdai_band, cdai.expected.cdai_band);
  await context.close();
});

test('iframe mode posts nothing to a parent that is not allow-listed, or that is not the one named', async () => {
  const allowed = await host();
  allow([allowed.origin]);
  // A page whose origin is not on the list (it names itself as parent).
  const stranger = await host();
  // A page that claims to be the allowed parent: the browser refuses delivery (targetOrigin).
  const impostor = await host({ parent: allowed.origin });
  for (const server of [stranger, impostor]) {
    const { context, page } = await open(server);
    await page.evaluate(() => {
      window.__messages = [];
      window.addEventListener('message', (e) => window.__messages.push(e.origin));
    });
    const frame = page.frameLocator('#crohn-frame');
    await frame.locator('section.screen[data-screen="cdai"]').waitFor();
    await fillCdai(frame.locator('section.screen[data-screen="cdai"]'), cdai.inputs);
    assert.deepEqual(await shownVerdict(frame.locator('section.screen[data-screen="cdai"]')),
      { score: String(cdai.expected.cdai_total), band: cdai.expected.cdai_band }, 'the calculator itself works');
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.__messages), [], `nothing delivered to ${server === stranger ? 'a stranger' : 'an impostor'}`);
    assert.equal(await page.locator('#frame-log').textContent(), '(none yet)');
    if (server === stranger) assert.equal(await frame.locator('#banner').isVisible(), true, 'the iframe says why');
    await context.close();
  }
});

test('in a 420 px sidebar of a 1280 px page the element lays out by its own width; a visits element offers no copy buttons', async () => {
  const server = await host();
  allow([server.origin]);
  const { context, page, errors } = await open(server);
  const el = page.locator('#sidebar-element');
  await el.locator('section.screen h2').waitFor();
  const layout = await el.evaluate((e) => {
    const root = e.shadowRoot;
    const calc = root.querySelector('.calc');
    const form = root.querySelector('.calc-form').getBoundingClientRect();
    const result = root.querySelector('.result').getBoundingClientRect();
    return {
      columns: getComputedStyle(calc).gridTemplateColumns.split(' ').length,
      formWidth: form.width, resultBelowForm: result.top >= form.bottom,
      width: e.getBoundingClientRect().width, scrollWidth: root.querySelector('.screen').scrollWidth,
    };
  });
  assert.equal(layout.columns, 1, 'one column in the sidebar');
  assert.ok(layout.resultBelowForm, 'the result panel comes after the form');
  assert.ok(layout.formWidth >= layout.width - 1, `the form takes the column's width (${layout.formWidth} of ${layout.width})`);
  assert.ok(layout.scrollWidth <= layout.width + 1, 'nothing wider than the column');
  // The score bar keeps the verdict in sight once there is one.
  await fillCdai(el, cdai.inputs);
  const bar = el.locator('[data-testid="scorebar"]');
  assert.ok(await bar.isVisible());
  assert.match(await bar.textContent(), new RegExp(`CDAI ${cdai.expected.cdai_total}`));
  await page.locator('#side-title').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'intranet-sidebar-1280.png') });
  // The same element is the page's calculator in two columns when the page gives it the room.
  const wide = await page.locator('#hbi-element').evaluate((e) => getComputedStyle(e.shadowRoot.querySelector('.calc')).gridTemplateColumns.split(' ').length);
  assert.equal(wide, 2);
  // A visits element stands alone: no "Copy from the HBI calculator" that could never work.
  const visits = page.locator('#visits-element');
  await visits.locator('section.screen h2').waitFor();
  assert.equal(await visits.locator('button[data-action="copy"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
