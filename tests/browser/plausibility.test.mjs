// SPDX-License-Identifier: MIT
// Plausibility prompts (issue 14), as a clinician meets them: each keeps the score (or the
// typed value) and asks; where there is an obvious fix it is one click, and it does only what
// its button says. HBI with 99 stools a day, a diary day over 20, a weight twice the standard
// weight, hematocrit 0.42 typed in %, "1,5" in English, "70.5" in Italian, an ulcer in a segment
// marked unaffected, a typed CDAI over 600 on a visit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screen, typeInto, choose, eraseAll, showScreen, select, screenshot, sharedPage } from './harness.mjs';
import { fillHbi, fillCdai, shownVerdict, fillSes, SEGMENTS } from './fill.mjs';

// One server, browser and page for this file's tests (harness.mjs).
const session = sharedPage();

const CDAI = {
  sex: 'male', liquid_stools_7d_total: 20, abdominal_pain_7d_sum: 14, general_wellbeing_7d_sum: 7,
  cdai_complications: ['arthritis_arthralgia'], antidiarrheal_use: true, abdominal_mass: 2,
  hematocrit_pct: 40, weight_kg: 60, standard_weight_kg: 70,
};
const checks = (s) => s.locator('[data-testid="checks"] li').allTextContents();

test('HBI: 99 liquid stools a day gives HBI 101 with a prompt to check the count', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'hbi');
  const s = screen(page, 'hbi');
  await fillHbi(s, { general_wellbeing: 1, abdominal_pain: 1, liquid_stools_per_day: 20, abdominal_mass: 0, complications: [] });
  assert.deepEqual(await checks(s), [], '20 a day is not asked about');
  await typeInto(s, 'liquid_stools_per_day', '99');
  assert.deepEqual(await shownVerdict(s), { score: '101', band: 'severe' }, 'the score stands as typed');
  assert.deepEqual(await checks(s), ['More than 20 liquid or very soft stools a day: please check the count (the score uses it as typed).']);
  await page.setViewportSize({ width: 360, height: 740 });
  assert.match(await s.locator('[data-testid="scorebar"]').textContent(), /HBI 101.*⚠ 1 to check/);
  await screenshot(page, 'plausibility-hbi-360');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('CDAI: a diary day over 20 is named; a weight over twice the standard weight is asked about', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  await fillCdai(s, { ...CDAI, liquid_stools_7d_total: undefined,
    liquid_stools_daily: [3, 2, 25, 4, 1, 2, 0], abdominal_pain_daily: [2, 2, 2, 2, 2, 2, 2], general_wellbeing_daily: [1, 1, 1, 1, 1, 1, 1] });
  assert.deepEqual(await checks(s), ['Day 3: more than 20 liquid or very soft stools: please check the count (the score uses it as typed).']);
  await choose(s, 'entry', 'weekly');
  await typeInto(s, 'liquid_stools_7d_total', '20');
  await typeInto(s, 'abdominal_pain_7d_sum', '14');
  await typeInto(s, 'general_wellbeing_7d_sum', '7');
  assert.deepEqual(await shownVerdict(s), { score: '285', band: 'moderate' });
  assert.deepEqual(await checks(s), []);
  // The case: 154 kg against a standard weight of 72 kg (214 %).
  await typeInto(s, 'weight', '154');
  await typeInto(s, 'standard_weight', '72');
  assert.deepEqual(await checks(s), ['The weight is below half or above twice the standard weight: please check both (and their units).']);
  assert.ok((await shownVerdict(s)).score, 'the CDAI is still computed');
});

test('CDAI: hematocrit 0.42 typed in % looks like L/L; one click says so, and keeps 0.42', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  await fillCdai(s, CDAI);
  assert.deepEqual(await shownVerdict(s), { score: '285', band: 'moderate' });
  await typeInto(s, 'hematocrit', '0.42');
  const err = s.locator('.field:has([name="hematocrit"]) .field-error');
  assert.match(await err.textContent(), /0\.42 looks like a value in L\/L\./);
  await err.locator('button[data-action="prompt-fix"]').click();
  assert.equal(await s.locator('select[name="hematocrit_unit"]').inputValue(), 'l_l');
  assert.equal(await s.locator('[name="hematocrit"]').inputValue(), '0.42', 'the typed number is kept, not converted');
  assert.equal(await s.locator('[name="hematocrit"]').evaluate((e) => document.activeElement === e || document.activeElement?.name === 'hematocrit_unit'), true);
  // 0.42 L/L = 42 %: 6 x (47 - 42) = 30 points instead of 42: 285 - 12 = 273.
  assert.deepEqual(await shownVerdict(s), { score: '273', band: 'moderate' });
  // And the other way round: 42 typed in L/L.
  await typeInto(s, 'hematocrit', '42');
  await err.locator('button[data-action="prompt-fix"]').click();
  assert.equal(await s.locator('select[name="hematocrit_unit"]').inputValue(), 'pct');
  assert.deepEqual(await shownVerdict(s), { score: '273', band: 'moderate' });
});

test('English: "60,5" is not guessed; one click writes 60.5. "1,500" gets no fix', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  await fillCdai(s, CDAI);
  await typeInto(s, 'weight', '60,5');
  const err = s.locator('.field:has([name="weight"]) .field-error');
  assert.match(await err.textContent(), /In English the decimal separator is a point\./);
  await err.locator('button', { hasText: 'Use 60.5' }).click();
  assert.equal(await s.locator('[name="weight"]').inputValue(), '60.5');
  assert.equal(await err.isHidden(), true);
  assert.ok((await shownVerdict(s)).score);
  await typeInto(s, 'weight', '1,500');
  assert.equal(await err.locator('button').count(), 0);
});

test('Italian: "60.5" is read as 60,5 and the note says so; one click writes it with a comma', async () => {
  const { page } = session;
  await eraseAll(page);
  await page.selectOption('#lang', 'it');
  await page.waitForFunction(() => document.documentElement.lang === 'it');
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  await fillCdai(s, CDAI, { decimal: (n) => String(n).replace('.', ',') });
  const before = await shownVerdict(s);
  await typeInto(s, 'weight', '60.5');
  const note = s.locator('.field:has([name="weight"]) .field-note');
  assert.match(await note.textContent(), /Letto come 60,5\./);
  await note.locator('button').click();
  assert.equal(await s.locator('[name="weight"]').inputValue(), '60,5');
  assert.equal(await note.count(), 0);
  assert.notDeepEqual(await shownVerdict(s), null);
  void before;
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

test('SES-CD: an ulcerated surface in a segment marked unaffected is asked about beside the verdict', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'ses_cd');
  const s = screen(page, 'ses_cd');
  const segments = Object.fromEntries(SEGMENTS.map((g) => [g, { ulcer_size: 0, ulcerated_surface: 0, affected_surface: 0, narrowing: 0 }]));
  segments.ileum = { ulcer_size: 0, ulcerated_surface: 2, affected_surface: 0, narrowing: 0 };
  await fillSes(s, { segments });
  assert.deepEqual(await shownVerdict(s), { score: '2', band: 'remission' });
  const said = await checks(s);
  assert.equal(said.length, 1);
  assert.match(said[0], /^Ileum: the ulcer items disagree/);
});

test('Visits: a CDAI over 600 typed on a visit is asked about, and used', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'visits');
  const s = screen(page, 'visits');
  await s.locator('.visit[data-visit="0"] input[data-kind="baseline"]').check();
  await typeInto(s, 'list.0.week', '0');
  await typeInto(s, 'list.0.cdai_total', '650');
  await typeInto(s, 'list.1.week', '16');
  await typeInto(s, 'list.1.cdai_total', '140');
  assert.match(await s.locator('[data-visit-scores="0"]').textContent(), /A CDAI over 600 is very rarely seen/);
  assert.equal(await s.locator('[data-visit-scores="1"] .warnings').count(), 0);
  void select;
});
