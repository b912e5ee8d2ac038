// SPDX-License-Identifier: MIT
// Unit switches never reinterpret a value: switching a unit shows the same quantity in the new
// unit (the typed number is converted, never re-read in the other unit), each quantity has its own
// unit, switching back restores what was typed, and a tab saved before the standard weight had its
// own unit keeps its meaning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './server.mjs';
import { screen, typeInto, choose, select, eraseAll, showScreen, screenshot, sharedPage } from './harness.mjs';
import { fillCdai, shownVerdict } from './fill.mjs';

const vectors = JSON.parse(await readFile(join(ROOT, 'tests', 'conformance', 'vectors.json'), 'utf8'));
const cdai01 = vectors.find((v) => v.id === 'CDAI-01').inputs;

// One server, browser and page for this file's tests (harness.mjs).
const session = sharedPage();

const value = (s, name) => s.locator(`[name="${name}"]`).inputValue();
const converted = async (s, name) => (await s.locator(`output[data-converted="${name}"]`).textContent()).trim();

test('CDAI: switching the weight unit converts the weight and leaves the standard weight as typed', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  // The clinician's case: weight 70 kg, standard weight 72 kg.
  await fillCdai(s, { ...cdai01, weight_kg: 70, standard_weight_kg: 72 });
  const inKg = await shownVerdict(s);
  // 271 points from the other items + (1 - 70/72) x 100 = 2.78 -> 273.78 -> 274.
  assert.deepEqual(inKg, { score: '274', band: 'moderate' });
  await select(s, 'weight_unit', 'lb');
  assert.equal(await value(s, 'weight'), '154.32', '70 kg shown in lb');
  assert.equal(await value(s, 'standard_weight'), '72', 'the standard weight is not touched');
  assert.equal(await s.locator('select[name="standard_weight_unit"]').inputValue(), 'kg');
  assert.equal(await converted(s, 'standard_weight'), '');
  assert.deepEqual(await shownVerdict(s), inKg, 'a unit switch never changes the score');
  // The clinician now types 154 lb (69.85 kg): the standard weight is still 72 kg.
  await typeInto(s, 'weight', '154');
  assert.equal(await converted(s, 'weight'), '= 69.85 kg');
  assert.deepEqual(await shownVerdict(s), { score: '274', band: 'moderate' });
  // Switching back converts what is in the field now (154 lb), not the 70 typed before it.
  await select(s, 'weight_unit', 'kg');
  assert.equal(await value(s, 'weight'), '69.85');
  // Switching back without typing restores exactly what was typed.
  await select(s, 'weight_unit', 'lb');
  await select(s, 'weight_unit', 'kg');
  assert.equal(await value(s, 'weight'), '69.85');
  await typeInto(s, 'weight', '70');
  await select(s, 'weight_unit', 'lb');
  await select(s, 'weight_unit', 'kg');
  assert.equal(await value(s, 'weight'), '70');
  // The standard weight has a unit of its own, converted the same way.
  await select(s, 'standard_weight_unit', 'lb');
  assert.equal(await value(s, 'standard_weight'), '158.73');
  assert.deepEqual(await shownVerdict(s), inKg);
  await select(s, 'standard_weight_unit', 'kg');
  assert.equal(await value(s, 'standard_weight'), '72');
  await screenshot(page, 'units-cdai-1280-en');
});

test('CDAI: hematocrit % <-> L/L and height cm <-> in convert the value shown', async () => {
  const { page } = session;
  const s = screen(page, 'cdai');
  const before = await shownVerdict(s);
  await select(s, 'hematocrit_unit', 'l_l');
  assert.equal(await value(s, 'hematocrit'), '0.4', '40 % is 0.4 L/L');
  assert.equal(await converted(s, 'hematocrit'), '= 40 %');
  assert.deepEqual(await shownVerdict(s), before);
  await select(s, 'hematocrit_unit', 'pct');
  assert.equal(await value(s, 'hematocrit'), '40');
  await choose(s, 'standard_weight_source', 'keys_bmi');
  await typeInto(s, 'height', '170');
  const keys = await shownVerdict(s);
  await select(s, 'height_unit', 'in');
  assert.equal(await value(s, 'height'), '66.93');
  assert.deepEqual(await shownVerdict(s), keys);
  await select(s, 'height_unit', 'cm');
  assert.equal(await value(s, 'height'), '170');
  await choose(s, 'standard_weight_source', 'typed');
});

test('Italian: the converted value is written with a decimal comma', async () => {
  const { page } = session;
  await page.selectOption('#lang', 'it');
  await page.waitForFunction(() => document.documentElement.lang === 'it');
  const s = screen(page, 'cdai');
  await select(s, 'weight_unit', 'lb');
  assert.equal(await value(s, 'weight'), '154,32');
  assert.equal(await converted(s, 'weight'), '= 70 kg');
  await select(s, 'weight_unit', 'kg');
  assert.equal(await value(s, 'weight'), '70');
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

test('visits: switching the CRP unit converts the CRP and its upper limit together', async () => {
  const { page } = session;
  await showScreen(page, 'visits');
  const s = screen(page, 'visits');
  await typeInto(s, 'list.0.crp_value', '5');
  await typeInto(s, 'list.0.crp_uln', '5');
  await select(s, 'list.0.crp_unit', 'mg/dL');
  assert.equal(await value(s, 'list.0.crp_value'), '0.5');
  assert.equal(await value(s, 'list.0.crp_uln'), '0.5');
  await select(s, 'list.0.crp_unit', 'mg/L');
  assert.equal(await value(s, 'list.0.crp_value'), '5');
  assert.equal(await value(s, 'list.0.crp_uln'), '5');
});

test('a tab saved before the standard weight had its own unit keeps its meaning', async () => {
  const { page } = session;
  await eraseAll(page);
  // The shape an older tab stored: the standard weight typed in the weight's unit (lb).
  // Written before the app's scripts run on the next load (the page saves its own, empty, form
  // as it unloads), once.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('test:old-tab')) return;
    sessionStorage.setItem('test:old-tab', '1');
    sessionStorage.setItem('crohn-score:form', JSON.stringify({
      schema: 1, cdai: { weight: '154', weight_unit: 'lb', standard_weight_source: 'typed', standard_weight: '158' },
    }));
  });
  await page.reload();
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  assert.equal(await s.locator('select[name="standard_weight_unit"]').inputValue(), 'lb');
  assert.equal(await value(s, 'standard_weight'), '158');
  assert.equal(await converted(s, 'standard_weight'), '= 71.67 kg');
  await eraseAll(page);
});
