// SPDX-License-Identifier: MIT
// Accessibility (WCAG 2.2 AA): axe finds no violation on any screen in any of the five languages
// (with results, warnings and an error on screen); everything works from the keyboard with a
// visible focus; the verdict is announced in a live region; no horizontal scrolling at 320 px
// width or at 200 % zoom.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { startServer, ROOT } from './server.mjs';
import { launch, openPage, gotoApp, screen, typeInto, showScreen } from './harness.mjs';
import { fillHbi, fillCdai, fillSes, fillRutgeerts, shownVerdict } from './fill.mjs';
import { analyseCohort, openCohortDetails, powerWithProblems } from './cohort-fill.mjs';

const vectors = JSON.parse(await readFile(join(ROOT, 'tests', 'conformance', 'vectors.json'), 'utf8'));
const find = (id) => vectors.find((v) => v.id === id);
const SCREENS = ['hbi', 'cdai', 'ses_cd', 'rutgeerts', 'visits', 'cohort'];
const LANGS = ['en', 'it', 'de', 'nl', 'ru'];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let server;
let browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Fills every screen: results, a CDAI diary with an out-of-range day, SES-CD warnings, visits. */
async function fillAll(page) {
  await showScreen(page, 'hbi');
  await fillHbi(screen(page, 'hbi'), find('HBI-07').inputs);
  await showScreen(page, 'cdai');
  const cdai = screen(page, 'cdai');
  await fillCdai(cdai, { ...find('CDAI-09').inputs });
  await showScreen(page, 'ses_cd');
  await fillSes(screen(page, 'ses_cd'), find('SES-13').inputs);
  // Rutgeerts with both warnings and the ">= i2b not evaluable" line on screen.
  await showScreen(page, 'rutgeerts');
  await fillRutgeerts(screen(page, 'rutgeerts'), { rutgeerts_grade: 'i2', anastomosis_type: 'side_to_side' });
  await showScreen(page, 'visits');
  const visits = screen(page, 'visits');
  await typeInto(visits, 'list.0.hbi_total', 10);
  await typeInto(visits, 'list.1.week', 12);
  await typeInto(visits, 'list.1.hbi_total', 3);
  await typeInto(visits, 'list.1.crp_value', '99999');   // out of range: an error on screen
  // The cohort screen with results, problem rows, a two-arm comparison and per-patient verdicts.
  assert.equal(await analyseCohort(page, { sets: ['study_power'], weeks: '16', file: powerWithProblems() }), 'done');
}

test('axe: no violations on any screen, in every language', async () => {
  const { page } = await openPage(browser);
  await gotoApp(page, server.origin);
  await fillAll(page);
  const report = [];
  for (const lang of LANGS) {
    await page.selectOption('#lang', lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    for (const id of SCREENS) {
      await showScreen(page, id);
      if (id === 'cohort') await openCohortDetails(page);
      // Colours do not change with the language: contrast is checked in English (the slowest rule).
      const builder = new AxeBuilder({ page }).setLegacyMode(true).withTags(TAGS);
      if (lang !== 'en') builder.disableRules(['color-contrast']);
      const result = await builder.analyze();
      for (const v of result.violations) {
        report.push(`${lang}/${id}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
    }
  }
  // The "Clear all" confirmation dialog, too.
  await page.click('#clear-all');
  const dialog = await new AxeBuilder({ page }).setLegacyMode(true).withTags(TAGS).analyze();
  for (const v of dialog.violations) report.push(`dialog: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  await page.keyboard.press('Escape');
  assert.deepEqual(report, []);
  await page.context().close();
});

test('keyboard only: skip link, screen links, radios, typing, visible focus', async () => {
  const { page } = await openPage(browser);
  await gotoApp(page, server.origin);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip');
  const outline = () => page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  let o = await outline();
  assert.ok(o.style !== 'none' && o.width >= 2, 'skip link focus visible');
  // Tab to the CDAI link and activate it: focus moves to the screen's heading.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.dataset?.screen === 'cdai')) break;
  }
  o = await outline();
  assert.ok(o.style !== 'none' && o.width >= 2, 'link focus visible');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.tagName === 'H2');
  assert.match(await page.evaluate(() => document.activeElement.textContent), /CDAI/);
  // The worked example's button comes first, then the first radio group; arrows choose; focus is
  // visible on a radio.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'example');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'sex');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.querySelector('input[name="sex"]:checked')?.value), 'female');
  o = await outline();
  assert.ok(o.style !== 'none' && o.width >= 2, 'radio focus visible');
  // HBI entirely from the keyboard.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  const hbiLink = page.locator('nav a[data-screen="hbi"]');
  await hbiLink.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.tagName === 'H2');
  const v = find('HBI-06').inputs;
  await page.keyboard.press('Tab');                        // the worked example's button
  await page.keyboard.press('Tab');                        // general well-being (no default)
  await page.keyboard.press('Space');                      // 0
  for (let i = 0; i < v.general_wellbeing; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');                        // abdominal pain
  await page.keyboard.press('Space');
  for (let i = 0; i < v.abdominal_pain; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');                        // liquid stools
  await page.keyboard.type(String(v.liquid_stools_per_day));
  o = await outline();
  assert.ok(o.style !== 'none' && o.width >= 2, 'text input focus visible');
  await page.keyboard.press('Tab');                        // abdominal mass
  await page.keyboard.press('Space');
  const s = screen(page, 'hbi');
  assert.deepEqual(await shownVerdict(s), { score: String(find('HBI-06').expected.hbi_total), band: find('HBI-06').expected.hbi_band });
  // The verdict is announced in the live region.
  await page.waitForFunction(() => document.getElementById('live').textContent.length > 0);
  assert.equal(await page.locator('#live').textContent(), `HBI ${find('HBI-06').expected.hbi_total}, Moderate activity.`);
  assert.equal(await page.locator('#live').getAttribute('aria-live'), 'polite');
  // Buttons: "Clear all" opens a dialog that Escape closes without erasing.
  await page.locator('#clear-all').focus();
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('#clear-dialog').isVisible());
  await page.keyboard.press('Escape');
  assert.ok(await shownVerdict(s), 'nothing erased');
  await page.context().close();
});

test('reflow at 320 px width and at 200 % zoom: no horizontal scrolling on any screen', async () => {
  // 200 % zoom of a 1280 x 900 window lays out exactly like a 640 x 450 CSS-pixel viewport.
  const context = await browser.newContext({ viewport: { width: 320, height: 720 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await gotoApp(page, server.origin);
  await fillAll(page);
  const wide = [];
  for (const viewport of [{ width: 320, height: 720 }, { width: 640, height: 450 }]) {
    await page.setViewportSize(viewport);
    for (const lang of ['en', 'de', 'ru']) {
      await page.selectOption('#lang', lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      for (const id of SCREENS) {
        await showScreen(page, id);
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        if (w > viewport.width) {
          const culprits = await page.evaluate((vw) => [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > vw + 1 && !e.closest('.table-wrap') && e.offsetParent !== null)
            .slice(0, 3).map((e) => `${e.tagName}.${e.className}`), viewport.width);
          wide.push(`${viewport.width}px ${lang}/${id}: ${w}px ${culprits.join(', ')}`);
        }
      }
    }
  }
  assert.deepEqual(wide, []);
  await context.close();
});
