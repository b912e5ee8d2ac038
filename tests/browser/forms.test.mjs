// SPDX-License-Identifier: MIT
// The calculators through their real forms: the public conformance vectors (HBI, CDAI, SES-CD and
// PRO2 from the CDAI diary) typed in control by control give the expected totals, bands and
// numbers on screen; bad input marks the field with a message in the user's language and clears
// nothing else; decimal comma and unit switches; no request at all while entering data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './server.mjs';
import { screen, typeInto, typeKeys, choose, select, eraseAll, showScreen, sharedPage } from './harness.mjs';
import { fillHbi, fillCdai, fillSes, shownVerdict, resultTable, SEGMENTS } from './fill.mjs';

const vectors = JSON.parse(await readFile(join(ROOT, 'tests', 'conformance', 'vectors.json'), 'utf8'));
const byInstrument = (name) => vectors.filter((v) => v.instrument === name);
const fmt = (n) => new Intl.NumberFormat('en', { maximumFractionDigits: 2, useGrouping: false }).format(n);
// The unrounded CDAI is shown cut to 3 decimals, never rounded up (149.497 must not read 149.5).
const cut3 = (n) => new Intl.NumberFormat('en', { maximumFractionDigits: 3, useGrouping: false }).format(Math.floor(n * 1000 + 1e-6) / 1000);

// One server, browser and page for this file's tests (harness.mjs).
const session = sharedPage();

function sameOrigin(url) {
  return url.startsWith(session.server.origin + '/') || url.startsWith('data:') || url.startsWith('blob:');
}

test('HBI vectors entered through the form give the expected total and band', async () => {
  const { page } = session;
  await showScreen(page, 'hbi');
  const s = screen(page, 'hbi');
  const cases = byInstrument('hbi').filter((v) => !v.expected.error);
  assert.ok(cases.length >= 5);
  for (const v of cases) {
    await fillHbi(s, v.inputs);
    const shown = await shownVerdict(s);
    assert.deepEqual(shown, { score: String(v.expected.hbi_total), band: v.expected.hbi_band }, v.id);
    const comps = await resultTable(s, 'Points per item');
    assert.equal(comps.Complications, String(v.expected.complications_count), `${v.id} complications`);
  }
});

test('CDAI vectors (weekly sums, typed or Keys standard weight, variant options) match', async () => {
  const { page } = session;
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  const cases = byInstrument('cdai').filter((v) => !v.expected.error);
  assert.ok(cases.length >= 10);
  for (const v of cases) {
    await fillCdai(s, v.inputs);
    const shown = await shownVerdict(s);
    assert.deepEqual(shown, { score: String(v.expected.cdai_total), band: v.expected.cdai_band }, v.id);
    assert.equal((await s.locator('.result .verdict .sub').textContent()).trim(), `Unrounded: ${cut3(v.expected.cdai_unrounded)}`, v.id);
    const comps = await resultTable(s, 'Points per item');
    const names = {
      stools_points: 'Liquid stools', pain_points: 'Abdominal pain', wellbeing_points: 'General well-being',
      complications_points: 'Complications', antidiarrheal_points: 'Antidiarrhoeal drug', mass_points: 'Abdominal mass',
      hematocrit_points: 'Hematocrit', weight_points: 'Weight below standard',
    };
    for (const [k, label] of Object.entries(names)) assert.equal(comps[label], fmt(v.expected.components[k]), `${v.id} ${k}`);
    if (v.inputs.standard_weight_method === 'keys_bmi') {
      // The derived standard weight (computed by the core) is shown next to the height.
      const derived = (await s.locator('output[data-derived="standard_weight_kg"]').textContent()).trim();
      assert.equal(derived, `${new Intl.NumberFormat('en', { maximumFractionDigits: 1, useGrouping: false }).format(v.expected.standard_weight_kg)} kg`, v.id);
    }
  }
});

test('CDAI-24: an out-of-range weekly sum is marked on its field, in words, and nothing is cleared', async () => {
  const { page } = session;
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  const v = vectors.find((x) => x.id === 'CDAI-24');
  await fillCdai(s, v.inputs);
  const input = s.locator('input[name="abdominal_pain_7d_sum"]');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  const errId = (await input.getAttribute('aria-describedby')).split(' ').find((id) => id.endsWith('-err'));
  assert.equal((await page.locator(`#${errId}`).textContent()).trim(), 'Enter a value from 0 to 21.');
  assert.equal(await shownVerdict(s), null, 'no score with bad input');
  assert.match(await s.locator('.result .status').textContent(), /Abdominal pain, sum of 7 daily ratings \(0–21\): Enter a value from 0 to 21\./);
  // Every other input keeps its value.
  assert.equal(await s.locator('input[name="liquid_stools_7d_total"]').inputValue(), String(v.inputs.liquid_stools_7d_total));
  assert.equal(await s.locator('input[name="weight"]').inputValue(), String(v.inputs.weight_kg));
  assert.ok(await s.locator('input[name="sex"][value="male"]').isChecked());
  // Fixing the value brings the verdict back and clears the mark.
  await typeInto(s, 'abdominal_pain_7d_sum', 21);
  assert.equal(await input.getAttribute('aria-invalid'), null);
  assert.ok(await shownVerdict(s));
});

test('SES-CD vectors through the 5 x 4 grid: total, band, segment scores and inline warnings', async () => {
  const { page } = session;
  await showScreen(page, 'ses_cd');
  const s = screen(page, 'ses_cd');
  const cases = byInstrument('ses_cd').filter((v) => !v.expected.error);
  assert.ok(cases.length >= 5);
  for (const v of cases) {
    await fillSes(s, v.inputs);
    assert.deepEqual(await shownVerdict(s), { score: String(v.expected.ses_cd_total), band: v.expected.ses_cd_band }, v.id);
    for (const seg of SEGMENTS) {
      const want = v.expected.segment_scores?.[seg];
      if (want === undefined) continue;
      const text = (await s.locator(`output[data-segment="${seg}"]`).textContent()).trim();
      assert.equal(text, want === null ? 'not examined' : `${want} points`, `${v.id} ${seg}`);
    }
    const warnings = await s.locator('.ses-grid li[data-warning], .calc-form > ul.warnings li[data-warning]').evaluateAll((els) => els.map((e) => e.dataset.warning));
    assert.deepEqual(warnings.sort(), [...(v.expected.warnings || [])].sort(), `${v.id} warnings`);
    for (const w of v.expected.warnings || []) {
      const [, where] = w.split(':');
      if (where) assert.equal(await s.locator(`.ses-row[data-segment="${where}"] li[data-warning="${w}"]`).count(), 1, `${v.id} ${w} inline`);
    }
  }
});

test('PRO2 is shown from the same 7-day diary (vector PRO2-01)', async () => {
  const { page } = session;
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  const v = vectors.find((x) => x.id === 'PRO2-01');
  assert.equal(v.inputs.sf_daily.length, 7);
  await choose(s, 'entry', 'diary');
  for (let i = 0; i < 7; i++) {
    await typeInto(s, `liquid_stools_daily.${i}`, v.inputs.sf_daily[i]);
    await typeInto(s, `abdominal_pain_daily.${i}`, v.inputs.ap_daily[i]);
  }
  assert.equal((await s.locator('[data-testid="pro2-score"]').textContent()).trim(), fmt(v.expected.pro2_weighted));
  assert.equal(await s.locator('.pro2 .band').getAttribute('data-band'), v.expected.pro2_band_khanna_ibdplexus);
  // The CDAI itself still waits for the well-being row: an empty day is never read as 0.
  assert.match(await s.locator('.result .status').textContent(), /General well-being \(0–4\)/);
  await choose(s, 'entry', 'weekly');
});

test('decimal comma (German), unit switches shown converted, same result as the metric vector', async () => {
  const { page } = session;
  const v = vectors.find((x) => x.id === 'CDAI-19');   // weight 79.6 kg vs standard 80 kg
  await page.selectOption('#lang', 'de');
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  const s = screen(page, 'cdai');
  await fillCdai(s, v.inputs, { decimal: (n) => String(n).replace('.', ',') });
  assert.deepEqual(await shownVerdict(s), { score: String(v.expected.cdai_total), band: v.expected.cdai_band });
  // Pounds: both weights are typed in lb and converted (exactly, 0.45359237 kg/lb) before the
  // core sees them; the converted values are shown.
  const w = vectors.find((x) => x.id === 'CDAI-01');
  await fillCdai(s, w.inputs);
  const want = { score: String(w.expected.cdai_total), band: w.expected.cdai_band };
  assert.deepEqual(await shownVerdict(s), want);
  await select(s, 'weight_unit', 'lb');
  await select(s, 'standard_weight_unit', 'lb');
  await typeInto(s, 'weight', '132,27736');
  await typeInto(s, 'standard_weight', '154,32358');
  assert.equal((await s.locator('output[data-converted="weight"]').textContent()).trim(), '= 60 kg');
  assert.equal((await s.locator('output[data-converted="standard_weight"]').textContent()).trim(), '= 70 kg');
  assert.deepEqual(await shownVerdict(s), want);
  // Out of range in pounds: the range is given in pounds (the core's 10-400 kg, rounded inwards).
  await typeInto(s, 'weight', '900');
  assert.match(await s.locator('.result .status').textContent(), /Körpergewicht: Bitte einen Wert von 22,05 bis 881,84 lb eingeben\./);
  await typeInto(s, 'weight', '132,27736');
  assert.deepEqual(await shownVerdict(s), want);
  // Hematocrit as a fraction (L/L).
  await select(s, 'hematocrit_unit', 'l_l');
  await typeInto(s, 'hematocrit', '0,4');
  assert.equal((await s.locator('output[data-converted="hematocrit"]').textContent()).trim(), '= 40 %');
  assert.deepEqual(await shownVerdict(s), want);
  // Not a number: the German message names the problem.
  await typeInto(s, 'weight', '7o');
  const input = s.locator('input[name="weight"]');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.match(await s.locator('.result .status').textContent(), /Körpergewicht: Bitte eine Zahl eingeben/);
  // A point that could group thousands in German ("1.200": 1200 or 1,2?) is refused, not guessed;
  // a point that cannot ("70.5") is read as a decimal point.
  await typeInto(s, 'weight', '1.200');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.match(await s.locator('.result .status').textContent(), /Körpergewicht: Bitte eine Zahl eingeben/);
  await typeInto(s, 'weight', '132.27736');
  assert.equal(await input.getAttribute('aria-invalid'), null);
  assert.equal((await s.locator('output[data-converted="weight"]').textContent()).trim(), '= 60 kg');
  await typeInto(s, 'weight', '7o');
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  // The entries survived the language switch.
  const en = screen(page, 'cdai');
  assert.equal(await en.locator('input[name="weight"]').inputValue(), '7o');
  await typeInto(en, 'weight', '1,5');
  assert.match(await en.locator('.result .status').textContent(), /Body weight: Enter a number\./, 'no decimal comma in English');
  await select(en, 'weight_unit', 'kg');
  await select(en, 'standard_weight_unit', 'kg');
  await select(en, 'hematocrit_unit', 'pct');
});

test('missing values are never defaulted: an emptied field is reported missing, not read as 0', async () => {
  const { page } = session;
  await showScreen(page, 'hbi');
  const s = screen(page, 'hbi');
  await fillHbi(s, byInstrument('hbi')[1].inputs);
  assert.ok(await shownVerdict(s));
  await typeInto(s, 'liquid_stools_per_day', '');
  assert.equal(await shownVerdict(s), null);
  assert.match(await s.locator('.result .status').textContent(), /Still missing: Number of liquid stools/);
  assert.equal(await s.locator('input[name="liquid_stools_per_day"]').getAttribute('aria-invalid'), null, 'missing is not "invalid"');
});

test('no request of any kind while entering data, and never a cross-origin one', async () => {
  const { page, requests, errors } = session;
  await showScreen(page, 'hbi');
  const before = requests.length;
  const s = screen(page, 'hbi');
  for (const v of byInstrument('hbi').filter((x) => !x.expected.error)) await fillHbi(s, v.inputs);
  await showScreen(page, 'ses_cd');
  await fillSes(screen(page, 'ses_cd'), byInstrument('ses_cd')[0].inputs);
  await showScreen(page, 'cdai');
  await fillCdai(screen(page, 'cdai'), byInstrument('cdai')[0].inputs);
  await typeKeys(screen(page, 'cdai'), 'weight', '61.5');
  await page.waitForTimeout(700);
  assert.deepEqual(requests.slice(before).map((r) => r.url), [], 'requests while entering data');
  assert.deepEqual(requests.filter((r) => !sameOrigin(r.url)).map((r) => r.url), []);
  assert.deepEqual(errors, [], 'console errors / CSP violations');
});

test('the form survives a reload in the same tab; "Clear all" erases it', async () => {
  const { page } = session;
  await showScreen(page, 'hbi');
  const v = byInstrument('hbi').find((x) => x.inputs.complications.length);
  await fillHbi(screen(page, 'hbi'), v.inputs);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const s = screen(page, 'hbi');
  assert.equal(await s.locator('input[name="liquid_stools_per_day"]').inputValue(), String(v.inputs.liquid_stools_per_day));
  assert.deepEqual(await shownVerdict(s), { score: String(v.expected.hbi_total), band: v.expected.hbi_band });
  const cookies = await session.context.cookies();
  assert.deepEqual(cookies, []);
  const local = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(local.every((k) => k === 'crohn-score:lang'), `only the language preference in localStorage: ${local}`);
  await eraseAll(page);
  assert.equal(await screen(page, 'hbi').locator('input[name="liquid_stools_per_day"]').inputValue(), '');
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  assert.equal(await shownVerdict(screen(page, 'hbi')), null);
});

test('"Copy note" puts the scores, bands, versions and date on the clipboard', async () => {
  const { page, context } = session;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.origin });
  await showScreen(page, 'hbi');
  const hbi = byInstrument('hbi').find((x) => x.inputs.complications.length);
  await fillHbi(screen(page, 'hbi'), hbi.inputs);
  await showScreen(page, 'ses_cd');
  const ses = byInstrument('ses_cd').find((x) => x.expected.warnings?.length);
  await fillSes(screen(page, 'ses_cd'), ses.inputs);
  const copy = async () => {
    await page.evaluate(() => { document.getElementById('notice').textContent = ''; });
    await page.click('#copy-note');
    await page.waitForFunction(() => document.getElementById('notice').textContent.length > 0);
    return page.evaluate(() => navigator.clipboard.readText());
  };
  // One patient at a time: on the SES-CD screen the note holds the SES-CD only, not the HBI left
  // on another screen (which may be another patient's), and says what it contains.
  const sesNote = await copy();
  assert.match(sesNote, new RegExp(`SES-CD: ${ses.expected.ses_cd_total} \\(`));
  assert.doesNotMatch(sesNote, /HBI: /);
  assert.match(sesNote, /^Contains: SES-CD$/m);
  assert.doesNotMatch(sesNote, /^Patient: /m);
  // The patient label (this tab only) heads the note.
  await page.fill('#patient-label', 'Bed 4, B.');
  await showScreen(page, 'hbi');
  const text = await copy();
  const version = await page.evaluate(async () => (await import('./crohn-score.js')).loadCrohnScore().then((c) => c.version));
  assert.match(text, new RegExp(`HBI: ${hbi.expected.hbi_total} \\(`));
  assert.doesNotMatch(text, /SES-CD: /);
  assert.match(text, /^Crohn Score – summary\nPatient: Bed 4, B\.\nContains: HBI$/m);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('crohn-score:label')), 'Bed 4, B.');
  assert.equal(await page.evaluate(() => localStorage.getItem('crohn-score:label')), null);
  assert.match(text, new RegExp(`Crohn Score ${version.replace(/\./g, '\\.')}`));
  assert.match(text, /Date: /);
  // The print stylesheet shows exactly this note.
  assert.equal(await page.locator('#print-note .note-text').textContent(), text);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#print-note').isVisible(), true);
  assert.equal(await page.locator('main').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  // "Clear all" erases the label too.
  await eraseAll(page);
  assert.equal(await page.inputValue('#patient-label'), '');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('crohn-score:label')), null);
});
