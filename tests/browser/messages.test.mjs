// SPDX-License-Identifier: MIT
// Errors and warnings worded from the core's params, never from its English message (issue 17):
// on the CDAI screen in Italian, hematocrit out of range in L/L and a weight out of range in lb
// give the range in L/L and in lb, in Italian; the same for hematocrit in German; a diary day
// over 20 is named in Italian from the warning's details.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screen, typeInto, choose, eraseAll, showScreen, select, sharedPage } from './harness.mjs';
import { fillCdai, shownVerdict } from './fill.mjs';

// One server, browser and page for this file's tests (harness.mjs).
const session = sharedPage();

const CDAI = {
  sex: 'male', liquid_stools_7d_total: 20, abdominal_pain_7d_sum: 14, general_wellbeing_7d_sum: 7,
  cdai_complications: [], antidiarrheal_use: false, abdominal_mass: 2,
  hematocrit_pct: 40, weight_kg: 60, standard_weight_kg: 70,
};
const comma = (n) => String(n).replace('.', ',');

async function language(page, lang) {
  await page.selectOption('#lang', lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** The message under a field (its aria-describedby error slot). */
async function fieldError(page, s, name) {
  const input = s.locator(`input[name="${name}"]`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true', `${name} is marked`);
  const id = (await input.getAttribute('aria-describedby')).split(' ').find((x) => x.endsWith('-err'));
  return (await page.locator(`#${id}`).textContent()).trim();
}

test('Italian: out-of-range hematocrit in L/L and weight in lb give the range in L/L and lb', async () => {
  const { page } = session;
  await eraseAll(page);
  await language(page, 'it');
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  await fillCdai(s, CDAI, { decimal: comma });
  assert.notEqual(await shownVerdict(s), null);

  await select(s, 'hematocrit_unit', 'l_l');
  await typeInto(s, 'hematocrit', '0,9');
  // The core's 10-70 % as 0.1-0.7 L/L, in Italian with a decimal comma.
  assert.equal(await fieldError(page, s, 'hematocrit'), 'Inserire un valore da 0,1 a 0,7 L/L.');
  assert.match(await s.locator('.result .status').textContent(), /Ematocrito: Inserire un valore da 0,1 a 0,7 L\/L\./);
  assert.equal(await shownVerdict(s), null, 'no score with bad input');
  // A number that fits the other unit gets the one-click unit fix (from the params' range too).
  await typeInto(s, 'hematocrit', '45');
  assert.match(await fieldError(page, s, 'hematocrit'), /^Inserire un valore da 0,1 a 0,7 L\/L\. 45 sembra un valore in %\./);
  await typeInto(s, 'hematocrit', '0,4');

  await select(s, 'weight_unit', 'lb');
  await typeInto(s, 'weight', '1000');
  // The core's 10-400 kg in pounds, rounded inwards: 22,05-881,84 lb.
  assert.equal(await fieldError(page, s, 'weight'), 'Inserire un valore da 22,05 a 881,84 lb.');
  assert.match(await s.locator('.result .status').textContent(), /Peso corporeo: Inserire un valore da 22,05 a 881,84 lb\./);
  // In the core's own unit, the core's numbers (5000 is out of range in lb too: no unit fix).
  await select(s, 'weight_unit', 'kg');
  await typeInto(s, 'weight', '5000');
  assert.equal(await fieldError(page, s, 'weight'), 'Inserire un valore da 10 a 400.');
  await typeInto(s, 'weight', '60');
  assert.notEqual(await shownVerdict(s), null);
});

test('Italian: a diary day over 20 is named from the warning details', async () => {
  const { page } = session;
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  await choose(s, 'entry', 'diary');
  const days = { liquid_stools_daily: [1, 1, 25, 1, 1, 1, 1], abdominal_pain_daily: [1, 1, 1, 1, 1, 1, 1], general_wellbeing_daily: [1, 1, 1, 1, 1, 1, 1] };
  for (const [key, row] of Object.entries(days)) for (let i = 0; i < 7; i++) await typeInto(s, `${key}.${i}`, row[i]);
  const item = s.locator('[data-testid="checks"] li[data-warning="liquid_stools_over_20_per_day:day3"]');
  assert.match(await item.textContent(), /^Giorno 3: più di 20 evacuazioni liquide o molto molli/);
  await choose(s, 'entry', 'weekly');
});

test('German: out-of-range hematocrit in L/L gives the range in L/L', async () => {
  const { page } = session;
  await language(page, 'de');
  const s = screen(page, 'cdai');
  await select(s, 'hematocrit_unit', 'l_l');
  await typeInto(s, 'hematocrit', '0,05');
  assert.equal(await fieldError(page, s, 'hematocrit'), 'Bitte einen Wert von 0,1 bis 0,7 L/L eingeben.');
  assert.match(await s.locator('.result .status').textContent(), /Hämatokrit: Bitte einen Wert von 0,1 bis 0,7 L\/L eingeben\./);
  await select(s, 'hematocrit_unit', 'pct');
  await language(page, 'en');
});
