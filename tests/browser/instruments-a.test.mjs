// SPDX-License-Identifier: MIT
// The CDEIS, MaRIA and sMaRIA screens, filled as a user does (ticking "not explored", choosing
// yes / no, typing the surfaces and thicknesses): score, band and endpoints of the public vectors
// and at the CDEIS band edges, an out-of-range value named in Italian, the worked examples, no raw
// id in the visible text (English and Italian), axe, and screenshots at 1280 and 360 px in English
// and Italian (build/screens-screens-a/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ROOT } from './server.mjs';
import { screen, eraseAll, showScreen, typeInto, select, sharedPage, fillWorkedExample } from './harness.mjs';
import { shownVerdict } from './fill.mjs';

const load = async (name) => JSON.parse(await readFile(join(ROOT, 'tests', 'conformance', `vectors-${name}.json`), 'utf8'));
const vectors = { cdeis: await load('cdeis'), maria: await load('maria'), smaria: await load('smaria') };
const find = (id) => Object.values(vectors).flat().find((v) => v.id === id);
const SHOTS = join(ROOT, 'build', 'screens-screens-a');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const SKIP = { cdeis: 'not_explored', maria: 'not_evaluated', smaria: 'not_evaluated' };

const session = sharedPage();

const yn = (b) => (b === undefined ? '' : b ? 'yes' : 'no');

/**
 * Fills the segment grid of `id` from core inputs `x` ({segments: {seg: {...}}}), as a user: the
 * skip box first, then each item (a select for yes / no, typing for a number); `decimal` writes a
 * number the language's way. Segments absent from `x` are left empty.
 */
async function fillSegments(s, id, x, decimal = String) {
  const rows = await s.locator('.ses-row[data-segment]').evaluateAll((els) => els.map((e) => e.dataset.segment));
  for (const seg of rows) {
    const cell = x.segments[seg] || {};
    const box = s.locator(`input[name="segments.${seg}.${SKIP[id]}"]`);
    await box.setChecked(Boolean(cell[SKIP[id]]));
    if (cell[SKIP[id]]) continue;
    const controls = await s.locator(`[name^="segments.${seg}."]:not([type=checkbox])`)
      .evaluateAll((els) => els.map((e) => [e.name, e.tagName]));
    for (const [name, tag] of controls) {
      const v = cell[name.split('.')[2]];
      if (tag === 'SELECT') await select(s, name, yn(v));
      else await typeInto(s, name, v === undefined ? '' : decimal(v));
    }
  }
}

async function fillCdeis(s, x, decimal = String) {
  await fillSegments(s, 'cdeis', x, decimal);
  await select(s, 'ulcerated_stenosis', yn(x.ulcerated_stenosis));
  await select(s, 'nonulcerated_stenosis', yn(x.nonulcerated_stenosis));
  await typeInto(s, 'cdeis_baseline', x.cdeis_baseline === undefined ? '' : decimal(x.cdeis_baseline));
}

/** The endpoint rows of the CDEIS screen: {output: 'true' | 'false' | 'null'}. */
const endpoints = (s) => s.locator('.result table.cdeis-endpoints').evaluate((t) => Object.fromEntries(
  [...t.querySelectorAll('tr[data-endpoint]')].map((r) => [r.dataset.endpoint, r.cells[1].dataset.value])));

/** The per-segment table of a MaRIA screen: {segment: [score, band]} as the core's values. */
const segmentRows = (s) => s.locator('.result table.mri-segments').evaluate((t) => Object.fromEntries(
  [...t.querySelectorAll('tr[data-segment]')].map((r) => [r.dataset.segment, [r.cells[1].dataset.value, r.cells[2].dataset.value]])));

async function open(id) {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, id);
  return screen(page, id);
}

async function shot(name) {
  await mkdir(SHOTS, { recursive: true });
  await session.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function setLang(lang) {
  await session.page.selectOption('#lang', lang);
  await session.page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Visible words that look like an id (snake_case, or a catalog key "cdeis.band.mild"). */
async function rawIds(s) {
  const text = await s.evaluate((e) => e.innerText);
  // The core's source texts (English, shown as stated) may hold a doi or a file name: not ids.
  const words = text.replace(/doi:\S+|\S+\.(it|com|org)\b\S*/g, '').match(/\b[a-z0-9]+(_[a-z0-9]+)+\b|\b(cdeis|maria|smaria|segment|warn|err|evidence|band)\.[a-z_.]+/g);
  return words || [];
}

test('CDEIS: the public vectors through the form (score, band, endpoints, warnings)', async () => {
  for (const v of vectors.cdeis) {
    const s = await open('cdeis');
    await fillCdeis(s, v.inputs);
    const e = v.expected;
    assert.deepEqual(await shownVerdict(s), { score: String(e.cdeis_total), band: e.cdeis_band }, v.id);
    const ep = await endpoints(s);
    for (const k of ['cdeis_lt3', 'cdeis_lt6', 'response_decrease_gt5', 'response_decrease_gt50pct']) {
      if (k in e) assert.equal(ep[k], String(e[k]), `${v.id} ${k}`);
    }
    if (v.inputs.cdeis_baseline === undefined) assert.equal(ep.response_decrease_gt5, 'null', `${v.id}: no baseline, not evaluable`);
    for (const w of e.warnings || []) {
      const where = w.split(':')[1];
      const scope = where ? s.locator(`.ses-row[data-segment="${where}"]`) : s.locator('.calc-form');
      assert.equal(await scope.locator(`li[data-warning="${w}"]`).count(), 1, `${v.id} ${w}`);
    }
  }
  // CDEIS-03: 2.4 with an ulcer is < 3 but not STRIDE-II healing (ambiguity C8).
  const s = screen(session.page, 'cdeis');
  await fillCdeis(s, find('CDEIS-03').inputs);
  assert.equal((await endpoints(s)).healing_lt3_no_ulceration_stride2, 'false');
  assert.match(await s.locator('tr[data-endpoint="response_decrease_gt5"] td').textContent(), /Not evaluable: no baseline CDEIS/);
  // The CDEIS-02 segment warning is worded for the CDEIS (not the SES-CD's ulcer-size wording).
  await fillCdeis(s, find('CDEIS-06').inputs);
  assert.match(await s.locator('.ses-row[data-segment="right_colon"] li[data-warning]').textContent(),
    /^Right colon: the ulcer items disagree \(an ulceration marked with no ulcerated surface/);
});

test('CDEIS at the band edges: 3 is mild, 12 moderate, 12.01 severe (one segment explored)', async () => {
  const s = await open('cdeis');
  const one = (cell) => ({ segments: { ileum: cell, right_colon: { not_explored: true }, transverse_colon: { not_explored: true },
    left_colon: { not_explored: true }, rectum: { not_explored: true } }, ulcerated_stenosis: false, nonulcerated_stenosis: false });
  const none = { deep_ulceration: false, superficial_ulceration: false, ulcerated_surface_cm: 0 };
  const cases = [
    [{ ...none, disease_surface_cm: 2.99 }, '2.99', 'remission'],
    [{ ...none, disease_surface_cm: 3 }, '3', 'mild'],
    [{ superficial_ulceration: true, deep_ulceration: false, disease_surface_cm: 4, ulcerated_surface_cm: 2 }, '12', 'moderate'],
    [{ superficial_ulceration: true, deep_ulceration: false, disease_surface_cm: 4.01, ulcerated_surface_cm: 2 }, '12.01', 'severe'],
  ];
  for (const [cell, score, band] of cases) {
    await fillCdeis(s, one(cell));
    assert.deepEqual(await shownVerdict(s), { score, band }, score);
  }
  assert.equal(await s.locator('.calc-form li[data-warning="incomplete_examination"]').count(), 1);
  assert.match(await s.locator('.verdict .sub.warn').textContent(), /1 of 5 segments explored/);
  // The bands' evidence level beside the verdict, and each rule's source from the core.
  assert.match(await s.locator('.verdict').textContent(), /Bands: secondary source only \(primary paper not read\)/);
  assert.equal(await s.locator('.sources li[data-source="weights_formula"]').getAttribute('data-evidence'), 'secondary');
  assert.match(await s.locator('.sources li[data-source="weights_formula"]').textContent(), /^Weights \(12, 6, cm, cm\) and formula – secondary source only/);
  // No explored segment at all is an error on the grid, not a score of 0.
  await s.locator('input[name="segments.ileum.not_explored"]').setChecked(true);
  assert.equal(await shownVerdict(s), null);
  assert.match(await s.locator('.result .status').textContent(), /At least one segment must be scored\./);
});

test('MaRIA and sMaRIA: the public vectors through the form (segment scores and bands, global)', async () => {
  for (const id of ['maria', 'smaria']) {
    for (const v of vectors[id].filter((x) => !x.expected.error)) {
      const s = await open(id);
      await fillSegments(s, id, v.inputs);
      const e = v.expected;
      const global = e[`${id}_global`];
      const verdict = await shownVerdict(s);
      assert.equal(verdict.score, String(global), v.id);
      const rows = await segmentRows(s);
      for (const [seg, score] of Object.entries(e.segment_scores)) assert.equal(rows[seg][0], String(score), `${v.id} ${seg}`);
      for (const [seg, band] of Object.entries(e.segment_bands || {})) assert.equal(rows[seg][1], String(band), `${v.id} ${seg}`);
      // The verdict names the highest segment cut-off reached (the core's any_segment_* outputs).
      const bands = Object.values(rows).map((r) => r[1]);
      assert.equal(verdict.band, bands.includes('severe') ? 'severe' : bands.includes('active') ? 'active' : 'inactive', v.id);
      if (e.complete === false) assert.match(await s.locator('.verdict .sub.warn').textContent(), /5 of 6 segments evaluated/);
    }
  }
  // MARIA-02 / -03: exactly 7 is active and exactly 11 severe, 6.98 and 10.98 are not.
  const s = await open('maria');
  await fillSegments(s, 'maria', find('MARIA-03').inputs);
  assert.deepEqual((await segmentRows(s)).terminal_ileum, ['11', 'severe']);
  assert.equal(await s.locator('tr[data-segment="terminal_ileum"] td').nth(1).textContent(), 'severe (≥ 11)');
  assert.equal(await s.locator('.result .verdict .band').textContent(), 'Severe disease: a segment with MaRIA ≥ 11');
  assert.equal(await s.locator('.sources li[data-source="global_cutoffs"]').getAttribute('data-evidence'), 'unverified');
  // sMaRIA: a wall thickness that disagrees with the "> 3 mm" answer is an error on that answer.
  const m = await open('smaria');
  await fillSegments(m, 'smaria', find('SMARIA-02').inputs);
  await select(m, 'segments.terminal_ileum.wall_thickening_gt3mm', 'yes');
  assert.equal(await shownVerdict(m), null);
  assert.equal(await m.locator('[name="segments.terminal_ileum.wall_thickening_gt3mm"]').getAttribute('aria-invalid'), 'true');
  assert.match(await m.locator('.result .status').textContent(), /Terminal ileum – Wall thickening > 3 mm \(if not measured\): This disagrees with the wall thickness in mm/);
  // SMARIA-07: a negative wall thickness is out of range on its field.
  await fillSegments(m, 'smaria', find('SMARIA-07').inputs);
  assert.equal(await m.locator('[name="segments.rectum.wall_thickness_mm"]').getAttribute('aria-invalid'), 'true');
});

test('the worked examples (CDEIS-01, MARIA-02, SMARIA-02) and Undo', async () => {
  const { page } = session;
  const cases = [
    ['cdeis', { score: '9.4', band: 'moderate' }, /Expected result: CDEIS 9\.4, Moderate endoscopic activity \(9–12\); .*> 5 points.*: Yes/, 'CDEIS-01'],
    ['maria', { score: '29.98', band: 'active' }, /Expected result: MaRIA 29\.98; Terminal ileum 7 – active \(≥ 7\), Ascending colon 6\.98 – inactive \(< 7\)/, 'MARIA-02'],
    ['smaria', { score: '3', band: 'severe' }, /Expected result: sMaRIA 3; Terminal ileum 2 – severe \(≥ 2\), Ascending colon 1 – active \(≥ 1\)/, 'SMARIA-02'],
  ];
  for (const [id, verdict, expected, vid] of cases) {
    let s = await open(id);
    await fillWorkedExample(s);
    s = screen(page, id);
    assert.deepEqual(await shownVerdict(s), verdict, id);
    assert.match(await s.locator('.example.filled').textContent(), expected);
    assert.match(await s.locator('.example.filled').textContent(), new RegExp(`Source: conformance vector ${vid}`));
    await s.locator('[data-action="example-undo"]').click();
    s = screen(page, id);
    assert.equal(await shownVerdict(s), null, `${id}: Undo restores the empty form`);
  }
});

test('CDEIS: the form survives a reload in the same tab, and "Copy note" holds the score, segments and endpoints', async () => {
  const { page, context } = session;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.origin });
  let s = await open('cdeis');
  await fillCdeis(s, find('CDEIS-02').inputs);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await showScreen(page, 'cdeis');
  s = screen(page, 'cdeis');
  assert.deepEqual(await shownVerdict(s), { score: '13.75', band: 'severe' }, 'kept in the tab (state.js isEmpty sees the rows)');
  assert.equal(await s.locator('input[name="segments.ileum.not_explored"]').isChecked(), true);
  await page.evaluate(() => { document.getElementById('notice').textContent = ''; });
  await page.click('#copy-note');
  await page.waitForFunction(() => document.getElementById('notice').textContent.length > 0);
  const note = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(note, /^CDEIS: 13\.75 \(Severe endoscopic activity \(> 12\)\); Segments explored 4\/5$/m);
  assert.match(note, /^ {2}Ileum not explored; Right colon 33; Transverse colon 10; Left colon and sigmoid 0; Rectum 0$/m);
  assert.match(note, /^ {2}Endoscopic response: decrease > 5 points from baseline \(MUSIC\): Not evaluable$/m);
});

test('Italian: an out-of-range surface named in Italian, decimal commas, no raw id, screenshots', async () => {
  const { page } = session;
  await eraseAll(page);
  await setLang('it');
  try {
    await showScreen(page, 'cdeis');
    const s = screen(page, 'cdeis');
    assert.equal(await s.locator('h2').textContent(), 'Indice endoscopico di gravità della malattia di Crohn (CDEIS)');
    await fillCdeis(s, find('CDEIS-02').inputs, (n) => String(n).replace('.', ','));
    assert.deepEqual(await shownVerdict(s), { score: '13,75', band: 'severe' });
    assert.equal(await s.locator('.result .verdict .band').textContent(), 'Attività endoscopica grave (> 12)');
    await typeInto(s, 'segments.right_colon.disease_surface_cm', '12');
    assert.equal(await shownVerdict(s), null);
    assert.equal(await s.locator('[name="segments.right_colon.disease_surface_cm"]').getAttribute('aria-invalid'), 'true');
    assert.match(await s.locator('.result .status').textContent(),
      /Colon destro – Superficie interessata dalla malattia \(cm\): Inserire un valore da 0 a 10\./);
    await typeInto(s, 'segments.right_colon.disease_surface_cm', '2,555');
    assert.match(await s.locator('.result .status').textContent(), /Colon destro – Superficie interessata dalla malattia \(cm\): Indicare al massimo 2 decimali/);
    await typeInto(s, 'segments.right_colon.disease_surface_cm', '10');
    assert.deepEqual(await shownVerdict(s), { score: '13,75', band: 'severe' });
    for (const id of ['cdeis', 'maria', 'smaria']) {
      await showScreen(page, id);
      const sc = screen(page, id);
      if (id !== 'cdeis') await fillSegments(sc, id, find(id === 'maria' ? 'MARIA-04' : 'SMARIA-03').inputs, (n) => String(n).replace('.', ','));
      assert.notEqual(await shownVerdict(sc), null, id);
      assert.deepEqual(await rawIds(sc), [], `it/${id}: no raw id`);
      await shot(`${id}-it-1280`);
    }
    assert.match(await screen(page, 'maria').locator('.verdict .sub.warn').textContent(), /5 segmenti valutati su 6/);
    await page.setViewportSize({ width: 360, height: 740 });
    for (const id of ['cdeis', 'maria', 'smaria']) {
      await showScreen(page, id);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), `${id}: no horizontal scrolling at 360 px`);
      await shot(`${id}-it-360`);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
    await setLang('en');
  }
});

test('English: no raw id, axe clean, screenshots at 1280 and 360 px', async () => {
  const { page } = session;
  await eraseAll(page);
  const report = [];
  const fills = { cdeis: 'CDEIS-02', maria: 'MARIA-04', smaria: 'SMARIA-03' };
  for (const [id, vid] of Object.entries(fills)) {
    await showScreen(page, id);
    const s = screen(page, id);
    if (id === 'cdeis') await fillCdeis(s, find(vid).inputs);
    else await fillSegments(s, id, find(vid).inputs);
    assert.notEqual(await shownVerdict(s), null, id);
    assert.deepEqual(await rawIds(s), [], `en/${id}: no raw id`);
    const result = await new AxeBuilder({ page }).setLegacyMode(true).withTags(TAGS).analyze();
    for (const v of result.violations) report.push(`${id}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    await shot(`${id}-en-1280`);
  }
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    for (const id of Object.keys(fills)) {
      await showScreen(page, id);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), `${id}: no horizontal scrolling at 360 px`);
      await shot(`${id}-en-360`);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  assert.deepEqual(report, []);
});
