// SPDX-License-Identifier: MIT
// Enters a conformance vector's inputs (clinical-spec §0.1 field names) into the real forms of the
// app, control by control, the way a clinician would: radios, checkboxes, typed numbers, selects.
import { typeInto, choose, setChecks, select, screen, showScreen } from './harness.mjs';

export async function fillHbi(scope, x) {
  await choose(scope, 'general_wellbeing', x.general_wellbeing);
  await choose(scope, 'abdominal_pain', x.abdominal_pain);
  await typeInto(scope, 'liquid_stools_per_day', x.liquid_stools_per_day);
  await choose(scope, 'abdominal_mass', x.abdominal_mass);
  await setChecks(scope, 'complications', x.complications || []);
}

export async function fillCdai(scope, x, { decimal = (n) => String(n) } = {}) {
  await choose(scope, 'sex', x.sex);
  if (x.liquid_stools_daily) {
    await choose(scope, 'entry', 'diary');
    for (const [key, row] of [['liquid_stools_daily', x.liquid_stools_daily], ['abdominal_pain_daily', x.abdominal_pain_daily],
      ['general_wellbeing_daily', x.general_wellbeing_daily]]) {
      for (let i = 0; i < 7; i++) await typeInto(scope, `${key}.${i}`, row[i] ?? '');
    }
  } else {
    await choose(scope, 'entry', 'weekly');
    await typeInto(scope, 'liquid_stools_7d_total', x.liquid_stools_7d_total);
    await typeInto(scope, 'abdominal_pain_7d_sum', x.abdominal_pain_7d_sum);
    await typeInto(scope, 'general_wellbeing_7d_sum', x.general_wellbeing_7d_sum);
  }
  await setChecks(scope, 'cdai_complications', x.cdai_complications || []);
  await choose(scope, 'antidiarrheal_use', x.antidiarrheal_use ? 'yes' : 'no');
  await choose(scope, 'abdominal_mass', x.abdominal_mass);
  await select(scope, 'hematocrit_unit', 'pct');
  await typeInto(scope, 'hematocrit', decimal(x.hematocrit_pct));
  await select(scope, 'weight_unit', 'kg');
  await typeInto(scope, 'weight', decimal(x.weight_kg));
  if (x.standard_weight_method === 'keys_bmi') {
    await choose(scope, 'standard_weight_source', 'keys_bmi');
    await select(scope, 'height_unit', 'cm');
    await typeInto(scope, 'height', decimal(x.height_cm));
  } else {
    await choose(scope, 'standard_weight_source', 'typed');
    await select(scope, 'standard_weight_unit', 'kg');
    await typeInto(scope, 'standard_weight', decimal(x.standard_weight_kg));
  }
  await select(scope, 'hematocrit_mode', x.options?.hematocrit_mode || 'signed');
  await select(scope, 'weight_mode', x.options?.weight_mode || 'signed_floor_minus10');
}

export const SEGMENTS = ['ileum', 'right_colon', 'transverse_colon', 'left_colon', 'rectum'];
export const SES_ITEMS = ['ulcer_size', 'ulcerated_surface', 'affected_surface', 'narrowing'];

export async function fillSes(scope, x) {
  for (const seg of SEGMENTS) {
    const cell = x.segments[seg];
    const ne = scope.locator(`input[name="segments.${seg}.not_evaluated"]`);
    if (cell?.not_evaluated) {
      await ne.setChecked(true);
      continue;
    }
    await ne.setChecked(false);
    for (const item of SES_ITEMS) await select(scope, `segments.${seg}.${item}`, cell?.[item] ?? '');
  }
}

/** The verdict shown by a calculator screen: {score, band} (null when none). */
export async function shownVerdict(scope) {
  const verdict = scope.locator('.result .verdict').first();
  const score = verdict.locator('.score');
  if (!(await score.count())) return null;
  const band = verdict.locator('.band');
  return { score: (await score.textContent()).trim(), band: (await band.count()) ? await band.getAttribute('data-band') : null };
}

/** Rows of the first table in the result whose caption matches, as {label: value}. */
export async function resultTable(scope, caption) {
  return scope.locator('.result table.kv').filter({ has: scope.page().locator('caption', { hasText: caption }) }).first()
    .evaluate((t) => Object.fromEntries([...t.querySelectorAll('tr')].map((r) => [r.cells[0].textContent.trim(), r.cells[1].textContent.trim()])));
}

const yn = (b) => (b === undefined ? '' : b ? 'yes' : 'no');

/** Ticks exactly the definition sets `sets` on the visits screen. */
export async function setSets(s, sets) {
  await setChecks(s, 'sets', sets);
}

/**
 * Types a patient record (examples/records/*.json with HBI items or totals, biomarkers, wall
 * thickness, corticosteroids) into the visits screen; HBI items go through the HBI calculator and
 * "Copy from the HBI calculator", as a clinician would.
 */
export async function fillRecord(page, record, sets) {
  await showScreen(page, 'visits');
  const s = screen(page, 'visits');
  await setSets(s, sets);
  await select(s, 'isolated_ileal_disease', yn(record.isolated_ileal_disease));
  while ((await s.locator('.visit').count()) < record.visits.length) await s.locator('button[data-action="add-visit"]').click();
  for (const [i, v] of record.visits.entries()) {
    if (v.baseline) await s.locator(`.visit[data-visit="${i}"] input[data-kind="baseline"]`).check();
    await typeInto(s, `list.${i}.label`, v.label ?? '');
    await typeInto(s, `list.${i}.week`, v.week);
    if (v.hbi) {
      await showScreen(page, 'hbi');
      await fillHbi(screen(page, 'hbi'), v.hbi);
      await showScreen(page, 'visits');
      await s.locator(`button[data-action="copy"][data-kind="hbi"][data-visit="${i}"]`).click();
    } else {
      await typeInto(s, `list.${i}.hbi_total`, v.hbi_total ?? '');
    }
    await typeInto(s, `list.${i}.cdai_total`, v.cdai_total ?? '');
    await typeInto(s, `list.${i}.ses_cd_total`, v.ses_cd_total ?? '');
    await typeInto(s, `list.${i}.fecal_calprotectin_ug_g`, v.fecal_calprotectin_ug_g ?? '');
    // The unit first, as a value is typed in the unit shown (switching it converts the value).
    if (v.crp_unit) await select(s, `list.${i}.crp_unit`, v.crp_unit);
    await typeInto(s, `list.${i}.crp_value`, v.crp_value ?? '');
    await typeInto(s, `list.${i}.bwt_mm`, v.bwt_mm ?? '');
    await select(s, `list.${i}.corticosteroids`, yn(v.corticosteroids));
  }
}

/** The Rutgeerts screen: the grade (radio), then the optional facts (selects, a typed number). */
export async function fillRutgeerts(scope, x) {
  if (x.rutgeerts_grade !== undefined) await choose(scope, 'rutgeerts_grade', x.rutgeerts_grade);
  await select(scope, 'neoterminal_ileum_intubated', yn(x.neoterminal_ileum_intubated));
  await select(scope, 'anastomosis_type', x.anastomosis_type ?? '');
  await typeInto(scope, 'months_since_resection', x.months_since_resection ?? '');
}

/** The Rutgeerts screen's endpoint rows: {output key: 'true' | 'false' | 'null'}. */
export async function rutgeertsEndpoints(scope) {
  return scope.locator('.result table.rut-endpoints').evaluate((t) => Object.fromEntries(
    [...t.querySelectorAll('tr[data-endpoint]')].map((r) => [r.dataset.endpoint, r.cells[1].dataset.value])));
}
