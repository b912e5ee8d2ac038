// SPDX-License-Identifier: MIT
// The PDAI, IBD-Control and PCDAI/wPCDAI screens, filled as a clinician would: the public
// vectors' expected results through the form (two vectors each, one at a band edge), a unit switch
// that converts the shown value and leaves the result as it was, the out-of-range error naming
// the field in Italian, each worked example, no raw id in the visible text (English and Italian),
// axe, and screenshots at 1280 and 360 px in English and Italian (build/screens-screens-b/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ROOT } from './server.mjs';
import { screen, eraseAll, showScreen, choose, typeInto, setChecks, select, sharedPage, fillWorkedExample } from './harness.mjs';
import { shownVerdict } from './fill.mjs';

const load = async (name) => JSON.parse(await readFile(join(ROOT, 'tests', 'conformance', `vectors-${name}.json`), 'utf8'));
const vectors = { pdai: await load('pdai'), ibd_control: await load('ibd_control'), pcdai: await load('pcdai'), wpcdai: await load('wpcdai') };
const vector = (kind, id) => vectors[kind].find((v) => v.id === id);
const SHOTS = join(ROOT, 'build', 'screens-screens-b');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const session = sharedPage();

const PDAI_ITEMS = ['discharge', 'pain_restriction_of_activities', 'restriction_of_sexual_activity',
  'type_of_perianal_disease', 'degree_of_induration'];
const IBDC_ITEMS = ['q1a_well_controlled', 'q1b_treatment_useful', 'q3a_missed_planned_activities', 'q3b_woke_at_night',
  'q3c_significant_pain_or_discomfort', 'q3d_lacking_energy', 'q3e_anxious_or_depressed', 'q3f_needed_treatment_change'];
const LEVELS = ['abdominal_pain_level', 'stools_level', 'wellbeing_level', 'weight_level', 'perianal_level',
  'height_level', 'abdomen_level'];

async function fillPdai(s, x) {
  for (const k of PDAI_ITEMS) await choose(s, k, x[k]);
}

async function fillIbdControl(s, x) {
  for (const k of IBDC_ITEMS) await choose(s, k, x[k]);
  await typeInto(s, 'vas_overall_control', x.vas_overall_control ?? '');
}

/** The PCDAI form from a PCDAI or a wPCDAI vector (`extra` fills what a wPCDAI vector lacks). */
async function fillPcdai(s, x, decimal = (n) => String(n)) {
  for (const k of LEVELS) if (x[k] !== undefined) await choose(s, k, x[k]);
  await setChecks(s, 'eims', x.eims || []);
  await typeInto(s, 'esr', x.esr_mm_h === undefined ? '' : decimal(x.esr_mm_h));
  await typeInto(s, 'albumin', x.albumin_g_dl === undefined ? '' : decimal(x.albumin_g_dl));
  await typeInto(s, 'hematocrit', x.hematocrit_pct === undefined ? '' : decimal(x.hematocrit_pct));
  await typeInto(s, 'age_years', x.age_years ?? '');
  if (x.sex) await choose(s, 'sex', x.sex);
  await typeInto(s, 'pcdai_baseline', x.pcdai_baseline === undefined ? '' : decimal(x.pcdai_baseline));
}

const endpointCells = (s, cls) => s.locator(`.result table.${cls}`).evaluate((t) => Object.fromEntries(
  [...t.querySelectorAll('tr[data-endpoint]')].map((r) => [r.dataset.endpoint, r.cells[1].dataset.value])));

async function open(id) {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, id);
  return screen(page, id);
}

test('PDAI: vectors PDAI-01 and PDAI-03 (5 > 4, the edge) through the form; items 0-4 with no invented wording', async () => {
  const s = await open('pdai');
  // Nothing chosen, nothing computed.
  assert.equal(await s.locator('input[type=radio]:checked').count(), 0);
  assert.equal(await shownVerdict(s), null);
  for (const [id, band] of [['PDAI-01', 'not_active'], ['PDAI-03', 'active'], ['PDAI-04', 'active']]) {
    const v = vector('pdai', id);
    await fillPdai(s, v.inputs);
    assert.deepEqual(await shownVerdict(s), { score: String(v.expected.pdai_total), band }, id);
  }
  // One below the edge: 4 is not active.
  await choose(s, 'discharge', 0);
  await fillPdai(s, vector('pdai', 'PDAI-03').inputs);
  await choose(s, 'degree_of_induration', 0);
  assert.deepEqual(await shownVerdict(s), { score: '4', band: 'not_active' });
  assert.equal(await s.locator('.result .verdict .band').textContent(), 'Not active by the PDAI > 4 cut-off');
  // Every option of every item is just its number: the anchors of Irvine 1995 were not read.
  const labels = await s.locator('fieldset.choice label').allTextContents();
  assert.equal(labels.length, 25);
  assert.deepEqual([...new Set(labels)].sort(), ['0', '1', '2', '3', '4']);
  assert.match(await s.locator('.anchors-note').textContent(), /Irvine 1995, Table 1, which the project has not read/);
  // The sources with their evidence: the anchors unverified, the cut-off Losco 2009.
  assert.equal(await s.locator('.sources li[data-source="item_anchors"]').getAttribute('data-evidence'), 'unverified');
  assert.match(await s.locator('.sources li[data-source="active_gt4_losco2009"]').textContent(), /^Active: PDAI > 4 – read in the primary source \(abstract\): Losco A/);
});

test('IBD-Control: vectors IBDC-02 and IBDC-05 (12, one below the cut-off 13), named answers, the VAS', async () => {
  const s = await open('ibd_control');
  for (const [id, band] of [['IBDC-02', 'not_quiescent'], ['IBDC-05', 'not_quiescent']]) {
    const v = vector('ibd_control', id);
    await fillIbdControl(s, v.inputs);
    assert.deepEqual(await shownVerdict(s), { score: String(v.expected.ibd_control_8_total), band }, id);
    assert.deepEqual(await endpointCells(s, 'ibdc-endpoints'), {
      quiescent_ibd_control_8_ge13: String(v.expected.quiescent_ibd_control_8_ge13),
      quiescent_vas_ge85: String(v.expected.quiescent_vas_ge85) }, id);
  }
  // IBDC-05 with Q1b "yes" instead of "not sure": 13, quiescent at the edge; VAS 85 quiescent too.
  await choose(s, 'q1b_treatment_useful', 'yes');
  await typeInto(s, 'vas_overall_control', 85);
  assert.deepEqual(await shownVerdict(s), { score: '13', band: 'quiescent' });
  assert.equal(await s.locator('[data-testid="vas-line"]').textContent(), 'VAS 85: quiescent (≥ 85).');
  // Without the VAS its cut-off is not evaluable, never "no".
  await typeInto(s, 'vas_overall_control', '');
  assert.deepEqual(await endpointCells(s, 'ibdc-endpoints'), { quiescent_ibd_control_8_ge13: 'true', quiescent_vas_ge85: 'null' });
  assert.equal(await s.locator('tr[data-endpoint="quiescent_vas_ge85"] td').textContent(), 'Not evaluable');
  // Q1b "not taking any treatment" scores 1 with the core's warning.
  await choose(s, 'q1b_treatment_useful', 'no_treatment');
  assert.deepEqual(await shownVerdict(s), { score: '12', band: 'not_quiescent' });
  assert.match(await s.locator('.result .checks [data-warning="q1b_no_treatment_scored_1"]').textContent(), /scored 1 point/);
  // Only Q1b offers "not taking any treatment".
  assert.equal(await s.locator('input[value="no_treatment"]').count(), 1);
});

test('PCDAI/wPCDAI: PCDAI-01 and PCDAI-05 (2.5 in a boy, 0 in a girl), WPCDAI-05 (57.5, the moderate edge) and WPCDAI-06 through one form', async () => {
  const s = await open('pcdai');
  const p01 = vector('pcdai', 'PCDAI-01');
  await fillPcdai(s, p01.inputs);
  assert.deepEqual(await shownVerdict(s), { score: String(p01.expected.pcdai_total), band: p01.expected.pcdai_band });
  assert.equal(await s.locator('[data-testid="pcdai-hyams"]').textContent(), 'moderate/severe (≥ 30)');
  const p05 = vector('pcdai', 'PCDAI-05');
  await fillPcdai(s, p05.inputs);
  assert.deepEqual(await shownVerdict(s), { score: String(p05.expected.pcdai_total), band: 'remission' });
  await choose(s, 'sex', 'female');
  assert.deepEqual(await shownVerdict(s), { score: '0', band: 'remission' }, 'the same 34 % scores 0 in a girl of 12');
  for (const id of ['WPCDAI-05', 'WPCDAI-06']) {
    const v = vector('wpcdai', id);
    await fillPcdai(s, { ...v.inputs, height_level: 0, abdomen_level: 0, hematocrit_pct: 40, age_years: 12, sex: 'male' });
    assert.equal(await s.locator('[data-testid="wpcdai-score"]').textContent(), String(v.expected.wpcdai_total), id);
    assert.equal(await s.locator('[data-testid="wpcdai-band"]').getAttribute('data-band'), v.expected.wpcdai_band, id);
    assert.equal(await s.locator('[data-testid="wpcdai-line"]').textContent(),
      `wPCDAI ${v.expected.wpcdai_total} — ${v.expected.wpcdai_band === 'severe' ? 'Severe activity' : 'Moderate activity'}`, id);
  }
  // The wPCDAI response > 17.5 is left out, and said so.
  assert.match(await s.locator('[data-testid="wpcdai-response-note"]').textContent(), /not found in a primary source/);
  // The wPCDAI needs no PCDAI-only field: without age the PCDAI waits, the wPCDAI is shown.
  await typeInto(s, 'age_years', '');
  assert.equal(await shownVerdict(s), null);
  assert.equal(await s.locator('[data-testid="wpcdai-score"]').textContent(), '67.5');
  assert.match(await s.locator('.result .status').textContent(), /Still missing:.*Age \(completed years\)/);
});

test('PCDAI: response from a typed baseline at the edge 12.5, unit switches convert the shown value, not the result', async () => {
  const s = await open('pcdai');
  const p01 = vector('pcdai', 'PCDAI-01');
  await fillPcdai(s, { ...p01.inputs, pcdai_baseline: 47.5 });
  assert.deepEqual(await endpointCells(s, 'pcdai-endpoints'), {
    remission_lt10: 'false', remission_lt7_5_without_height: 'false',
    response_drop_ge12_5_hyams2005: 'true', response_drop_gt12_5_turner2010: 'false', response_protocol_bmjopen2024: 'false' });
  // Without the baseline the response is not evaluable, never "no".
  await typeInto(s, 'pcdai_baseline', '');
  assert.equal(await s.locator('tr[data-endpoint="response_drop_ge12_5_hyams2005"] td').textContent(), 'Not evaluable');
  // A baseline that is not a PCDAI total is an error on its field.
  await typeInto(s, 'pcdai_baseline', '41');
  assert.equal(await s.locator('[name="pcdai_baseline"]').getAttribute('aria-invalid'), 'true');
  assert.match(await s.locator('.result .status').textContent(), /Baseline PCDAI \(for response\): Enter a multiple of 2\.5\./);
  await typeInto(s, 'pcdai_baseline', '');
  // Hematocrit 31 % -> L/L shows 0.31 and the hematocrit points stay 2.5; albumin 3.2 g/dL -> 32 g/L.
  await select(s, 'hematocrit_unit', 'l_l');
  assert.equal(await s.locator('[name="hematocrit"]').inputValue(), '0.31');
  assert.equal(await s.locator('output[data-converted="hematocrit"]').textContent(), '= 31 %');
  await select(s, 'albumin_unit', 'g_l');
  assert.equal(await s.locator('[name="albumin"]').inputValue(), '32');
  assert.equal(await s.locator('output[data-converted="albumin"]').textContent(), '= 3.2 g/dL');
  assert.deepEqual(await shownVerdict(s), { score: '35', band: 'moderate' });
  // 3.5 g/dL typed as 35 g/L is the lowest albumin row: 35 - 5 = 30.
  await typeInto(s, 'albumin', '35');
  assert.deepEqual(await shownVerdict(s), { score: '30', band: 'moderate' });
  // A g/L value typed in g/dL is out of range there; the range is given in the unit shown.
  await select(s, 'albumin_unit', 'g_dl');
  assert.equal(await s.locator('[name="albumin"]').inputValue(), '3.5');
  await typeInto(s, 'albumin', '32');
  assert.match(await s.locator('.result .status').textContent(), /Albumin: Enter a value from 0\.5 to 7\./);
});

test('the worked examples of the three screens (PDAI-03, IBDC-02, PCDAI-01)', async () => {
  const { page } = session;
  const cases = [
    ['pdai', { score: '5', band: 'active' }, /Expected result: PDAI 5, Active perianal disease \(PDAI > 4\)\./, /conformance vector PDAI-03/],
    ['ibd_control', { score: '8', band: 'not_quiescent' }, /Expected result: IBD-Control-8 8, Below the quiescence cut-off .*; Quiescent by VAS ≥ 85: No\./, /IBDC-02/],
    ['pcdai', { score: '35', band: 'moderate' }, /Expected result: PCDAI 35, Moderate activity \(Hyams 2005: moderate\/severe \(≥ 30\)\)\./, /PCDAI-01/],
  ];
  for (const [id, verdict, expected, source] of cases) {
    let s = await open(id);
    await fillWorkedExample(s);
    s = screen(page, id);
    assert.deepEqual(await shownVerdict(s), verdict, id);
    assert.match(await s.locator('.example.filled').textContent(), expected, id);
    assert.match(await s.locator('.example.filled').textContent(), source, id);
    await s.locator('[data-action="example-undo"]').click();
    assert.equal(await shownVerdict(screen(page, id)), null, `${id}: undo restores the empty form`);
  }
});

// Ids of the core (field names, answers, bands) that must never reach the visible text; the
// English citation texts of the sources are left out of the check (they name code such as
// ibdplexus full_pcdai()).
// snake_case ids, and catalog keys (a missing key is shown as itself: "pcdai.short").
const SNAKE = /\b[a-z0-9]+_[a-z0-9_]+\b|\b[a-z]+(?:\.[a-z0-9_]+)+\b/g;
async function visibleText(s) {
  return s.evaluate((el) => {
    const copy = el.cloneNode(true);
    for (const c of copy.querySelectorAll('.sources span[lang="en"], [hidden], .example.filled .source')) c.remove();
    document.body.append(copy);
    const text = copy.innerText;
    copy.remove();
    return text;
  });
}

async function fillFull(page) {
  await eraseAll(page);
  await showScreen(page, 'pdai');
  await fillPdai(screen(page, 'pdai'), vector('pdai', 'PDAI-03').inputs);
  await showScreen(page, 'ibd_control');
  await fillIbdControl(screen(page, 'ibd_control'), { ...vector('ibd_control', 'IBDC-05').inputs, q1b_treatment_useful: 'no_treatment' });
  await showScreen(page, 'pcdai');
  await fillPcdai(screen(page, 'pcdai'), { ...vector('pcdai', 'PCDAI-01').inputs, eims: ['uveitis'], pcdai_baseline: 50 });
}

test('English and Italian: no raw id on screen, axe clean, screenshots at 1280 and 360 px', async () => {
  const { page } = session;
  await mkdir(SHOTS, { recursive: true });
  await fillFull(page);
  for (const lang of ['en', 'it']) {
    await page.selectOption('#lang', lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    for (const id of ['pdai', 'ibd_control', 'pcdai']) {
      await showScreen(page, id);
      const s = screen(page, id);
      assert.notEqual(await shownVerdict(s), null, `${lang}/${id} has a result`);
      const text = await visibleText(s);
      assert.ok(text.includes(await s.locator('h2').textContent()) && text.length > 500, `${lang}/${id}: the visible text is read`);
      const ids = text.match(SNAKE) || [];
      assert.deepEqual(ids, [], `${lang}/${id}: raw ids in the visible text`);
      const builder = new AxeBuilder({ page }).setLegacyMode(true).withTags(TAGS).include(`section.screen[data-screen="${id}"]`);
      if (lang !== 'en') builder.disableRules(['color-contrast']);
      const { violations } = await builder.analyze();
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), [], `${lang}/${id} axe`);
      await page.screenshot({ path: join(SHOTS, `${id}-${lang}-1280.png`), fullPage: true });
      await page.setViewportSize({ width: 360, height: 740 });
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), `${lang}/${id}: no horizontal scrolling at 360 px`);
      await page.screenshot({ path: join(SHOTS, `${id}-${lang}-360.png`), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

test('Italian: an out-of-range value is an error naming the field (IBDC-08 VAS, PCDAI-07 age)', async () => {
  const { page } = session;
  await eraseAll(page);
  await page.selectOption('#lang', 'it');
  await page.waitForFunction(() => document.documentElement.lang === 'it');
  try {
    await showScreen(page, 'ibd_control');
    let s = screen(page, 'ibd_control');
    const v = vector('ibd_control', 'IBDC-08');
    await fillIbdControl(s, v.inputs);
    assert.equal(await shownVerdict(s), null);
    assert.equal(await s.locator('[name="vas_overall_control"]').getAttribute('aria-invalid'), 'true');
    assert.match(await s.locator('.result .status').textContent(), /VAS: controllo complessivo della MICI \(0–100\): Inserire un valore da 0 a 100\./);
    assert.equal(await s.locator('[name="vas_overall_control"]').inputValue(), String(v.inputs.vas_overall_control), 'the typed value is kept');
    await showScreen(page, 'pcdai');
    s = screen(page, 'pcdai');
    const p07 = vector('pcdai', 'PCDAI-07');
    await fillPcdai(s, p07.inputs, (n) => String(n).replace('.', ','));
    assert.equal(await shownVerdict(s), null);
    assert.equal(await s.locator('[name="age_years"]').getAttribute('aria-invalid'), 'true');
    assert.match(await s.locator('.result .status').textContent(), /Età \(anni compiuti\): Inserire un valore da 0 a 19\./);
    // The wPCDAI has no age: it is still computed, in Italian.
    assert.match(await s.locator('[data-index="wpcdai"] .band').textContent(), /Remissione/);
  } finally {
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  }
});

test('"Copy note" holds each new screen\'s result: PDAI, IBD-Control-8 with the VAS, PCDAI and wPCDAI', async () => {
  const { page, context } = session;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.origin });
  await fillFull(page);
  const copy = async (id) => {
    await showScreen(page, id);
    await page.evaluate(() => { document.getElementById('notice').textContent = ''; });
    await page.click('#copy-note');
    await page.waitForFunction(() => document.getElementById('notice').textContent.length > 0);
    return page.evaluate(() => navigator.clipboard.readText());
  };
  let note = await copy('pdai');
  assert.match(note, /^Contains: PDAI$/m);
  assert.match(note, /^PDAI: 5 \(Active perianal disease \(PDAI > 4\)\)$/m);
  assert.match(note, /^ {2}Discharge 1; Pain \/ restriction of activities 1; /m);
  note = await copy('ibd_control');
  assert.match(note, /^IBD-Control-8: 12 \/ 16 \(Below the quiescence cut-off \(IBD-Control-8 < 13\)\)$/m);
  assert.match(note, /^ {2}VAS 84: below the quiescence cut-off \(< 85\)\.$/m);
  assert.match(note, /^ {2}! Q1b “not taking any treatment” was scored 1 point/m);
  note = await copy('pcdai');
  assert.match(note, /^Contains: PCDAI \/ wPCDAI$/m);
  assert.match(note, /^PCDAI: 40 \(Severe activity; Hyams 2005: moderate\/severe \(≥ 30\)\)$/m);
  assert.match(note, /^ {2}Response: decrease ≥ 12\.5 \(Hyams 2005\): No$/m);
  assert.match(note, /^wPCDAI: 60 \(Severe activity\)$/m);
  assert.match(note, /^ {2}Remission: wPCDAI < 12\.5: No$/m);
});
