// SPDX-License-Identifier: MIT
// The visits screen in the user's language (issue 17): with the POWER and STRIDE-II sets and a
// baseline + week-16 visit, the screen in Italian shows no English word: every verdict's numbers
// are worded from the core's facts, every definition and set note from the catalogs, and
// citations (authors, journal, year) stand alone, as published. The same screen in Russian shows
// no English word either. Nothing on the screen is marked lang="en".
//
// The English words: every word of the English catalog's values and of the engine's English
// details, minus the words the checked language's catalog uses too (shared words: "CDAI", "PRO2",
// "Doppler") and the proper names, abbreviations and units whitelisted below. Citations are
// checked to be exactly the engine's citation strings, then left out of the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './server.mjs';
import { screen, typeInto, select, eraseAll, showScreen, sharedPage } from './harness.mjs';
import { setSets } from './fill.mjs';

const session = sharedPage();
const SHOTS = join(ROOT, 'build', 'screens-verdict-data');
const catalog = async (lang) => JSON.parse(await readFile(join(ROOT, 'web', 'i18n', `${lang}.json`), 'utf8'));
const SETS = ['study_power', 'stride2'];
const VISITS = [
  { week: 0, cdai: 312, hbi: 9, sf: 5.5, ap: 2.5, fc: 640, crp: 21, uln: 5, ses: 12, ulcer: 'yes' },
  { week: 16, cdai: 178, hbi: 4, sf: 2.5, ap: 1, fc: 180, crp: 3.5, uln: 5, ses: 2, ulcer: 'no' },
];

// Proper names, abbreviations and units not counted as English: none is needed today, as every
// one the screen shows (POWER, STRIDE-II, CDAI, PRO2, SF, AP, mg/L, Doppler) is in the checked
// language's own catalog too; a new one goes here, named. Citations are left out of the text
// only after they are checked to be exactly the engine's.
const WHITELIST = new Set([]);

const words = (text) => String(text).replace(/\{\w+\}/g, ' ').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => /\p{L}/u.test(w) && w.length >= 3);

async function fillPatient(page, lang) {
  await eraseAll(page);
  await page.selectOption('#lang', lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  await showScreen(page, 'visits');
  const s = screen(page, 'visits');
  await setSets(s, SETS);
  await s.locator('.visit[data-visit="0"] input[data-kind="baseline"]').check();
  const dec = (x) => (lang === 'en' ? String(x) : String(x).replace('.', ','));
  for (const [i, v] of VISITS.entries()) {
    await typeInto(s, `list.${i}.week`, v.week);
    await typeInto(s, `list.${i}.cdai_total`, v.cdai);
    await typeInto(s, `list.${i}.hbi_total`, v.hbi);
    await typeInto(s, `list.${i}.sf_avg`, dec(v.sf));
    await typeInto(s, `list.${i}.ap_avg`, dec(v.ap));
    await typeInto(s, `list.${i}.fecal_calprotectin_ug_g`, v.fc);
    await typeInto(s, `list.${i}.crp_value`, dec(v.crp));
    await typeInto(s, `list.${i}.crp_uln`, v.uln);
    await typeInto(s, `list.${i}.ses_cd_total`, v.ses);
    await select(s, `list.${i}.ses_cd_any_ulcer`, v.ulcer);
  }
  await page.waitForFunction(() => document.querySelectorAll('section.set[data-set] td[data-verdict]').length >= 7);
  // Everything one click away is opened, so that every text is visible.
  await s.evaluate((el) => { for (const d of el.querySelectorAll('details')) d.open = true; });
  return s;
}

/** The visible text of the screen, without citations (returned apart). */
async function visibleText(s) {
  return s.evaluate((root) => {
    const cites = [...root.querySelectorAll('.citation, .ep-cite')].map((e) => e.textContent);
    const parts = [];
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('.citation, .ep-cite, script, style')) continue;
      if (el.checkVisibility && !el.checkVisibility()) continue;
      parts.push(n.textContent);
    }
    // What a user reads in the fields: labels are text; typed values are numbers.
    return { text: parts.join(' '), cites, langEn: root.querySelectorAll('[lang="en"]').length };
  });
}

async function englishWords(page, lang) {
  const en = await catalog('en');
  const other = await catalog(lang);
  // The engine's English details of this very record, as the CLI would print them.
  const record = { visits: VISITS.map((v, i) => ({ week: v.week, baseline: i === 0, cdai_total: v.cdai, hbi_total: v.hbi,
    sf_avg: v.sf, ap_avg: v.ap, fecal_calprotectin_ug_g: v.fc, crp_value: v.crp, crp_unit: 'mg/L', crp_uln: v.uln,
    crp_uln_unit: 'mg/L', ses_cd_total: v.ses, ses_cd_any_ulcer: v.ulcer === 'yes' })) };
  const details = await page.evaluate(async ({ sets, rec }) => {
    const core = await (await import('./crohn-score.js')).loadCrohnScore();
    const defs = await core.definitions();
    const r = await core.endpoints({ record: rec, definition_sets: sets });
    return { defs: defs.filter((d) => sets.includes(d.id)), details: r.sets.flatMap((x) => x.visits.flatMap((fv) => fv.endpoints.map((e) => e.detail))) };
  }, { sets: SETS, rec: record });
  assert.ok(details.details.some((d) => /decrease 134 of required 100/.test(d)), 'the engine\'s English details');
  const english = new Set([...Object.values(en), ...details.details].flatMap(words));
  for (const set of details.defs) {
    for (const w of words(set.notes)) english.add(w);
    for (const e of set.endpoints) for (const w of words(`${e.definition} ${e.label}`)) english.add(w);
  }
  const shared = new Set(Object.values(other).flatMap(words));
  return { english: [...english].filter((w) => !shared.has(w) && !WHITELIST.has(w)), details };
}

for (const lang of ['it', 'ru']) {
  test(`the visits screen in ${lang === 'it' ? 'Italian' : 'Russian'} (POWER, STRIDE-II, baseline + week 16) shows no English word`, async () => {
    const { page } = session;
    const s = await fillPatient(page, lang);
    const { english, details } = await englishWords(page, lang);
    assert.ok(english.length > 500, `${english.length} English words to look for`);
    const { text, cites, langEn } = await visibleText(s);
    assert.equal(langEn, 0, 'nothing marked lang="en"');
    // Citations: exactly the engine's, nothing around them.
    const known = new Set(details.defs.flatMap((d) => [d.citation, ...d.endpoints.map((e) => e.citation)]));
    for (const c of cites) assert.ok(known.has(c), `citation as published: ${c}`);
    assert.ok(cites.length >= 7, `${cites.length} citations`);
    const shown = new Set(words(text));
    const found = english.filter((w) => shown.has(w));
    assert.deepEqual(found, [], `English words on the ${lang} screen: ${found.join(', ')}`);
    // The verdicts' numbers are worded with the locale's decimal comma (PRO2 2,5 -> 1).
    const cells = await s.locator('section.set td .detail').allTextContents();
    assert.ok(cells.length >= 7, `${cells.length} details`);
    if (lang === 'it') {
      const power = await s.locator('section.set[data-set="study_power"] tbody[data-endpoint="clinical_response"] td .detail').textContent();
      assert.equal(power, 'CDAI 178, calo di 134 dal basale 312 (richiesto ≥ 100): raggiunto; CDAI 178 (richiesto < 150): non raggiunto');
      const crp = await s.locator('section.set[data-set="stride2"] tbody[data-endpoint="intermediate_crp_normalised"] td .detail').textContent();
      assert.match(crp, /^PCR 3,5 mg\/L \(richiesto sotto il limite superiore della norma, 5 mg\/L\): raggiunto$/);
    }
    await mkdir(SHOTS, { recursive: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await s.locator('section.result').screenshot({ path: join(SHOTS, `visits-${lang}-1280.png`) });
    await page.setViewportSize({ width: 360, height: 800 });
    await s.locator('section.result').screenshot({ path: join(SHOTS, `visits-${lang}-360.png`) });
    await s.locator('section.set[data-set="stride2"]').screenshot({ path: join(SHOTS, `visits-${lang}-360-stride2.png`) });
    await page.setViewportSize({ width: 1280, height: 900 });
  });
}
