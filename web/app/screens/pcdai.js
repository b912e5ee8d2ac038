// SPDX-License-Identifier: MIT
// Crohn Score web app: the PCDAI and the weighted PCDAI (wPCDAI) from one form (one set of item
// levels 0/1/2, the laboratory values, age and sex for the PCDAI hematocrit). The weights live in
// the core, never here: the page sends levels and values and shows both indices' totals, bands,
// remission and response as the core returns them, with each rule's source and evidence level
// (most weights and cut-offs are SECONDARY, and the screen says so). Hematocrit (% or L/L) and
// albumin (g/dL or g/L) are converted on input to the core's units (% and g/dL), never re-read.
import { h, patch, setText } from '../dom.js';
import { numberField, radioGroup, checkGroup } from '../fields.js';
import { requestValue, convertInput, put } from '../numbers.js';
import { layout, wire, renderVerdict, renderErrors, kvTable, warningList, warningText, addWorkedExample, typedNumber } from './common.js';
import { sourceList } from './sources.js';
import { emptyPcdai } from '../state.js';

// The item levels both indices read, then the PCDAI's own two (crohn/pcdai.hpp read_shared,
// read_pcdai); the EIM ids as the core reads them (kEims).
const SHARED_LEVELS = ['abdominal_pain_level', 'stools_level', 'wellbeing_level', 'weight_level', 'perianal_level'];
const PCDAI_LEVELS = ['height_level', 'abdomen_level'];
export const PCDAI_EIMS = ['fever_38_5_3days', 'definite_arthritis', 'uveitis', 'erythema_nodosum', 'pyoderma_gangrenosum'];
// The form's order: history, examination, then the laboratory values.
const FORM_LEVELS = ['abdominal_pain_level', 'stools_level', 'wellbeing_level', 'weight_level', 'height_level',
  'abdomen_level', 'perianal_level'];
const PCDAI_POINTS = ['abdominal_pain_points', 'stools_points', 'wellbeing_points', 'weight_points', 'height_points',
  'abdomen_points', 'perianal_points', 'eim_points', 'hematocrit_points', 'esr_points', 'albumin_points'];
const WPCDAI_POINTS = ['abdominal_pain_points', 'stools_points', 'wellbeing_points', 'weight_points',
  'perianal_points', 'eim_points', 'esr_points', 'albumin_points'];
const PCDAI_ENDPOINTS = ['remission_lt10', 'remission_lt7_5_without_height', 'response_drop_ge12_5_hyams2005',
  'response_drop_gt12_5_turner2010', 'response_protocol_bmjopen2024'];
const PCDAI_SOURCES = ['items', 'points', 'hematocrit_bands', 'pcdai_band', 'pcdai_band_hyams2005', 'response_protocol_bmjopen2024'];
const WPCDAI_SOURCES = ['points', 'wpcdai_band', 'remission_lt12_5', 'lab_closures'];

/**
 * The core requests for both indices from the raw state (empty fields are absent), and the
 * converted values to show beside the fields.
 */
export function pcdaiInputs(s, decimalComma) {
  const shared = {};
  for (const k of SHARED_LEVELS) if (s[k] !== '') shared[k] = Number(s[k]);
  // The paper form ticks the manifestations present: an unticked box is an assessed "absent".
  shared.eims = [...s.eims];
  put(shared, 'esr_mm_h', requestValue(s.esr, decimalComma));
  const shown = {};
  const alb = convertInput(s.albumin, 'albumin', s.albumin_unit, decimalComma);
  put(shared, 'albumin_g_dl', alb.value);
  if (alb.converted !== undefined) shown.albumin = { value: alb.converted, unit: 'g/dL' };
  const pcdai = { ...shared, eims: [...shared.eims] };
  for (const k of PCDAI_LEVELS) if (s[k] !== '') pcdai[k] = Number(s[k]);
  const hct = convertInput(s.hematocrit, 'hematocrit', s.hematocrit_unit, decimalComma);
  put(pcdai, 'hematocrit_pct', hct.value);
  if (hct.converted !== undefined) shown.hematocrit = { value: hct.converted, unit: '%' };
  put(pcdai, 'age_years', requestValue(s.age_years, decimalComma));
  if (s.sex !== '') pcdai.sex = s.sex;
  put(pcdai, 'pcdai_baseline', requestValue(s.pcdai_baseline, decimalComma));
  return { pcdai, wpcdai: shared, shown };
}

export function createPcdai(ctx) {
  const { t } = ctx.i18n;
  const num = (v) => ctx.i18n.num(v, 2);
  const s = ctx.state;
  const parts = layout(ctx, { id: 'pcdai', title: t('pcdai.title'), intro: t('pcdai.intro') });
  const level = (k) => radioGroup(ctx, { name: k, legend: t(`pcdai.item.${k}`),
    hint: PCDAI_LEVELS.includes(k) ? t('pcdai.pcdai_only') : (t.opt(`pcdai.hint.${k}`) || undefined),
    options: [0, 1, 2].map((v) => ({ value: v, label: t(`pcdai.level.${k}.${v}`) })), value: s[k] });
  parts.form.append(
    numberField(ctx, { name: 'age_years', label: t('pcdai.age_years'), hint: t('pcdai.age_hint'), integer: true,
      value: s.age_years, width: 'w4' }),
    radioGroup(ctx, { name: 'sex', legend: t('pcdai.sex'), hint: t('pcdai.sex_hint'), inline: true,
      options: [{ value: 'male', label: t('cdai.sex.male') }, { value: 'female', label: t('cdai.sex.female') }], value: s.sex }),
    ...FORM_LEVELS.map(level),
    checkGroup(ctx, { name: 'eims', legend: t('pcdai.eims'), hint: t('pcdai.eims_hint'),
      options: PCDAI_EIMS.map((e) => ({ value: e, label: t(`pcdai.eim.${e}`) })), values: s.eims }),
    numberField(ctx, { name: 'hematocrit', label: t('pcdai.hematocrit'), hint: t('pcdai.pcdai_only'), value: s.hematocrit,
      paths: ['hematocrit_pct'], converted: true, width: 'w6',
      unit: { name: 'hematocrit_unit', value: s.hematocrit_unit, label: t('unit.hematocrit'), kind: 'hematocrit',
        options: [{ value: 'pct', label: '%' }, { value: 'l_l', label: 'L/L' }] } }),
    numberField(ctx, { name: 'esr', label: t('pcdai.esr'), value: s.esr, paths: ['esr_mm_h'], suffix: 'mm/h', width: 'w6' }),
    numberField(ctx, { name: 'albumin', label: t('pcdai.albumin'), value: s.albumin, paths: ['albumin_g_dl'], converted: true, width: 'w6',
      unit: { name: 'albumin_unit', value: s.albumin_unit, label: t('unit.albumin'), kind: 'albumin',
        options: [{ value: 'g_dl', label: 'g/dL' }, { value: 'g_l', label: 'g/L' }] } }),
    numberField(ctx, { name: 'pcdai_baseline', label: t('pcdai.baseline'), hint: t('pcdai.baseline_hint'),
      value: s.pcdai_baseline, width: 'w4' }),
  );

  addWorkedExample(ctx, parts, {
    instrument: 'pcdai',
    // The example is in the core's units (%, g/dL).
    toState: (x) => ({
      ...emptyPcdai(),
      ...Object.fromEntries([...SHARED_LEVELS, ...PCDAI_LEVELS].map((k) => [k, String(x[k])])),
      eims: [...x.eims], hematocrit: typedNumber(ctx, x.hematocrit_pct), esr: typedNumber(ctx, x.esr_mm_h),
      albumin: typedNumber(ctx, x.albumin_g_dl), age_years: String(x.age_years), sex: x.sex,
      pcdai_baseline: x.pcdai_baseline === undefined ? '' : typedNumber(ctx, x.pcdai_baseline),
    }),
    expected: (r) => `${t('pcdai.short')} ${num(r.pcdai_total)}, ${t(`band.${r.pcdai_band}`)} ` +
      `(${t('pcdai.hyams')}: ${t(`pcdai.hyams.${r.pcdai_band_hyams2005}`)})`,
  });

  const yesNo = (v) => (v === null || v === undefined ? t('verdict.not_evaluable') : t(v ? 'common.yes' : 'common.no'));

  const screen = {
    id: 'pcdai', instrument: 'pcdai', el: parts.el, last: null, wpcdai: null,
    recompute() {
      const req = pcdaiInputs(s, ctx.i18n.decimalComma);
      const response = ctx.core.evaluate('pcdai', req.pcdai);
      const wResponse = ctx.core.evaluate('wpcdai', req.wpcdai);
      screen.last = { inputs: req.pcdai, response };
      screen.wpcdai = { inputs: req.wpcdai, response: wResponse };
      render(response, wResponse, req.shown);
      ctx.result('pcdai', req.pcdai, response);
      return response;
    },
    /** Plain-text lines for the note, or null without a valid result. */
    note() {
      const r = screen.last?.response;
      const w = screen.wpcdai?.response;
      const lines = [];
      if (r && !r.error) {
        lines.push(`${t('pcdai.short')}: ${num(r.pcdai_total)} (${t(`band.${r.pcdai_band}`)}; ${t('pcdai.hyams')}: ` +
          `${t(`pcdai.hyams.${r.pcdai_band_hyams2005}`)})`,
        ...PCDAI_ENDPOINTS.map((k) => `  ${t(`pcdai.endpoint.${k}`)}: ${yesNo(r[k])}`),
        ...(r.warnings || []).map((x) => `  ! ${warningText(ctx, x)}`));
      }
      if (w && !w.error) {
        lines.push(`${t('wpcdai.short')}: ${num(w.wpcdai_total)} (${t(`band.${w.wpcdai_band}`)})`,
          `  ${t('wpcdai.endpoint.remission_lt12_5')}: ${yesNo(w.remission_lt12_5)}`);
      }
      return lines.length ? lines : null;
    },
    headline() {
      const r = screen.last?.response;
      const w = screen.wpcdai?.response;
      const lines = [];
      if (r && !r.error) lines.push(`${t('pcdai.short')} ${num(r.pcdai_total)} — ${t(`band.${r.pcdai_band}`)}`);
      if (w && !w.error) lines.push(`${t('wpcdai.short')} ${num(w.wpcdai_total)} — ${t(`band.${w.wpcdai_band}`)}`);
      return lines.length ? lines : null;
    },
    announcement() {
      const r = screen.last?.response;
      if (!r) return '';
      if (r.error) return t('live.incomplete', { name: t('pcdai.short') });
      return t('live.score', { name: t('pcdai.short'), score: num(r.pcdai_total), band: t(`band.${r.pcdai_band}`) });
    },
  };

  const convertedOutputs = [...parts.form.querySelectorAll('output[data-converted]')];
  function showConverted(shown) {
    for (const out of convertedOutputs) {
      const c = shown[out.dataset.converted];
      setText(out, c ? `= ${num(c.value)} ${c.unit}` : '');
    }
  }

  const endpointTable = (cls, caption, r, keys, prefix) => h('table', { class: `kv ${cls}` },
    h('caption', {}, caption),
    h('tbody', {}, keys.map((k) => h('tr', { dataset: { endpoint: k } },
      h('th', { scope: 'row' }, t(`${prefix}.${k}`)),
      h('td', { dataset: { value: String(r[k]) } }, yesNo(r[k]))))));

  function pcdaiDetails(r) {
    return h('div', { class: 'index-block', dataset: { index: 'pcdai' } },
      h('h4', {}, t('pcdai.title_short')),
      h('p', { class: 'band-line' }, `${t('pcdai.hyams')}: `,
        h('span', { dataset: { testid: 'pcdai-hyams' } }, t(`pcdai.hyams.${r.pcdai_band_hyams2005}`))),
      endpointTable('pcdai-endpoints', t('pcdai.endpoints'), r, PCDAI_ENDPOINTS, 'pcdai.endpoint'),
      r.pcdai_decrease === null ? h('p', { class: 'sub' }, t('pcdai.response_needs_baseline')) : null,
      kvTable(t('result.components'), [
        ...PCDAI_POINTS.map((k) => [t(`pcdai.c.${k}`), num(r[k])]),
        [t('pcdai.hematocrit_band'), t(`pcdai.hct_band.${r.hematocrit_band}`)],
        ...(r.pcdai_decrease === null ? [] : [[t('pcdai.decrease'), num(r.pcdai_decrease)]]),
      ]),
      sourceList(ctx, r.sources, { prefix: 'pcdai.source', keys: PCDAI_SOURCES, title: t('pcdai.sources'), note: false }));
  }

  function wpcdaiDetails(w) {
    if (w.error) return h('div', { class: 'index-block', dataset: { index: 'wpcdai' } },
      h('h4', {}, t('wpcdai.title_short')), h('p', { class: 'pending' }, t('wpcdai.pending')));
    return h('div', { class: 'index-block', dataset: { index: 'wpcdai' } },
      h('h4', {}, t('wpcdai.title_short')),
      h('p', { class: 'score-line' }, h('span', { class: 'score-label' }, t('wpcdai.short')), ' ',
        h('span', { class: 'score', dataset: { testid: 'wpcdai-score' } }, num(w.wpcdai_total))),
      h('p', { class: 'band', dataset: { band: w.wpcdai_band, testid: 'wpcdai-band' } }, t(`band.${w.wpcdai_band}`)),
      endpointTable('wpcdai-endpoints', t('wpcdai.endpoints'), w, ['remission_lt12_5'], 'wpcdai.endpoint'),
      h('p', { class: 'sub warn', dataset: { testid: 'wpcdai-response-note' } }, t('wpcdai.response_left_out')),
      kvTable(t('result.components'), WPCDAI_POINTS.map((k) => [t(`pcdai.c.${k}`), num(w[k])])),
      warningList(ctx, w.warnings),
      sourceList(ctx, w.sources, { prefix: 'wpcdai.source', keys: WPCDAI_SOURCES, title: t('wpcdai.sources') }));
  }

  function render(r, w, shown) {
    showConverted(shown);
    const summary = renderErrors(ctx, parts, r);
    if (r.error) {
      renderVerdict(ctx, parts.verdict, { summary });
    } else {
      renderVerdict(ctx, parts.verdict, {
        score: num(r.pcdai_total), scoreLabel: t('pcdai.short'), band: r.pcdai_band, warnings: r.warnings,
        extra: w.error ? null : h('p', { class: 'sub', dataset: { testid: 'wpcdai-line' } },
          `${t('wpcdai.short')} ${num(w.wpcdai_total)} — ${t(`band.${w.wpcdai_band}`)}`),
      });
    }
    patch(parts.details, r.error ? null : pcdaiDetails(r), wpcdaiDetails(w),
      h('p', { class: 'source' }, t('pcdai.secondary_note')));
  }

  wire(ctx, parts.form, s, () => screen.recompute());
  return screen;
}
