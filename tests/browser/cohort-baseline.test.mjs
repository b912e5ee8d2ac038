// SPDX-License-Identifier: MIT
// The Cohort screen's descriptive table (Table 1), driven through the real file input with the
// Italian example: every number on the page is the CLI's (`crohnscore cohort --format json`,
// baseline_table) as the page formats it; missing values are counted, not drawn as 0; axe passes;
// German wording; a screenshot at 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { startServer, ROOT } from './server.mjs';
import { launch, openPage, gotoApp, screen } from './harness.mjs';
import { analyseCohort } from './cohort-fill.mjs';

const FILE = join(ROOT, 'examples', 'italian-upadacitinib-cohort.csv');
const CLI = process.env.CROHN_NATIVE_BIN ? join(process.env.CROHN_NATIVE_BIN, 'crohnscore') : join(ROOT, 'build', 'native', 'bin', 'crohnscore');

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// The page writes at most two decimals, without trailing zeros (i18n num(v, 2)).
const two = (v) => (v === null ? 'n/a' : String(Number(v.toFixed(2))));

test('the descriptive table holds the core\'s numbers for each arm, time and measure', async () => {
  const cli = JSON.parse(execFileSync(CLI, ['cohort', FILE, '--definitions', 'study_italian_upa', '--week', '12', '--format', 'json'], { maxBuffer: 1 << 26 }));
  const { context, page, errors } = await openPage(browser);
  await gotoApp(page, server.origin);
  assert.equal(await analyseCohort(page, { sets: ['study_italian_upa'], weeks: '12', file: FILE }), 'done');
  const s = screen(page, 'cohort');
  const table = s.locator('table.baseline-table');
  await table.waitFor();
  let checked = 0;
  for (const r of cli.baseline_table.rows) {
    const w = r.week === null ? 'baseline' : String(r.week);
    for (const [key, m] of Object.entries(r.measures)) {
      const row = table.locator(`tr[data-arm="${r.arm}"][data-week="${w}"][data-measure="${key}"]`);
      if (m.n === 0 && m.censored === 0) {
        assert.equal(await row.count(), 0, `${key} without values is not listed as 0`);
        continue;
      }
      assert.equal(await row.locator('[data-col="n"]').textContent(), String(m.n));
      assert.equal(await row.locator('[data-col="mean_sd"]').textContent(), `${two(m.mean)} (${two(m.sd)})`);
      assert.equal(await row.locator('[data-col="median_iqr"]').textContent(), `${two(m.median)} (${two(m.q1)}–${two(m.q3)})`);
      assert.match(await row.locator('[data-col="missing"]').textContent(), new RegExp(`^${m.missing}\\b`));
      checked += 1;
    }
    const bands = s.locator(`table.baseline-bands tr[data-arm="${r.arm}"][data-week="${w}"]`);
    if (r.measures.hbi.n) {
      assert.equal(await bands.locator('[data-col="hbi"]').textContent(),
        `Remission ${r.bands.hbi.remission}, Mild activity ${r.bands.hbi.mild}, Moderate activity ${r.bands.hbi.moderate}, Severe activity ${r.bands.hbi.severe}`);
    }
  }
  assert.ok(checked >= 8, `${checked} rows checked`);
  const result = await new AxeBuilder({ page }).include('section.cohort-part.baseline').setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  assert.deepEqual(result.violations.map((v) => v.id), []);
  await s.locator('section.cohort-part.baseline').screenshot({ path: join(ROOT, 'build', 'screenshots', 'cohort-baseline-1280.png') });
  await page.selectOption('#lang', 'de');
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  assert.equal(await analyseCohort(page, { sets: ['study_italian_upa'], weeks: '12', file: FILE }), 'done');
  assert.match(await screen(page, 'cohort').locator('section.cohort-part.baseline h4').textContent(), /Deskriptive Tabelle/);
  assert.deepEqual(errors, []);
  await context.close();
});
