// SPDX-License-Identifier: MIT
// Crohn Score web app: the Crohn's Disease Activity Index (Best et al., Gastroenterology 1976):
// weekly sums or a 7-day diary (PRO2 shown from the same diary through the core's pro2
// instrument), sex, hematocrit, weight and standard weight (typed in or derived by the core from
// height and sex), and the variant options. Units are converted on input only.
import { h, patch, setText } from '../dom.js';
import { numberField, radioGroup, checkGroup, selectField } from '../fields.js';
import { requestValue, convertInput, put } from '../numbers.js';
import { layout, wire, renderVerdict, renderErrors, kvTable, warningList, addWorkedExample, typedNumber, verdictHeadline, warningText, warningsOf } from './common.js';
import { emptyCdai } from '../state.js';
import { showErrors } from '../feedback.js';

export const CDAI_COMPLICATIONS = ['arthritis_arthralgia', 'iritis_uveitis', 'skin_mouth_lesions',
  'anal_fissure_fistula_abscess', 'other_fistula', 'fever_over_37_8c'];
const DIARY = [
  { key: 'liquid_stools', daily: 'liquid_stools_daily', total: 'liquid_stools_7d_total', integer: true },
  { key: 'abdominal_pain', daily: 'abdominal_pain_daily', total: 'abdominal_pain_7d_sum', integer: true },
  { key: 'general_wellbeing', daily: 'general_wellbeing_daily', total: 'general_wellbeing_7d_sum', integer: true },
];

function diaryArray(raw, decimalComma) {
  if (raw.every((v) => String(v).trim() === '')) return undefined;
  // An empty day stays empty (null): the core names it; it is never read as 0.
  return raw.map((v) => requestValue(v, decimalComma) ?? null);
}

/** The core request for the CDAI, and the converted values to show beside the fields. */
export function cdaiInputs(s, decimalComma) {
  const inputs = {};
  const shown = {};
  if (s.sex) inputs.sex = s.sex;
  for (const d of DIARY) {
    if (s.entry === 'diary') put(inputs, d.daily, diaryArray(s[d.daily], decimalComma));
    else put(inputs, d.total, requestValue(s[d.total], decimalComma));
  }
  inputs.cdai_complications = [...s.cdai_complications];
  if (s.antidiarrheal_use) inputs.antidiarrheal_use = s.antidiarrheal_use === 'yes';
  if (s.abdominal_mass !== '') inputs.abdominal_mass = Number(s.abdominal_mass);
  const hct = convertInput(s.hematocrit, 'hematocrit', s.hematocrit_unit, decimalComma);
  put(inputs, 'hematocrit_pct', hct.value);
  if (hct.converted !== undefined) shown.hematocrit = { value: hct.converted, unit: '%' };
  const wt = convertInput(s.weight, 'weight', s.weight_unit, decimalComma);
  put(inputs, 'weight_kg', wt.value);
  if (wt.converted !== undefined) shown.weight = { value: wt.converted, unit: 'kg' };
  if (s.standard_weight_source === 'keys_bmi') {
    const ht = convertInput(s.height, 'height', s.height_unit, decimalComma);
    put(inputs, 'height_cm', ht.value);
    if (ht.converted !== undefined) shown.height = { value: ht.converted, unit: 'cm' };
    inputs.standard_weight_method = 'keys_bmi';
  } else {
    const sw = convertInput(s.standard_weight, 'weight', s.standard_weight_unit, decimalComma);
    put(inputs, 'standard_weight_kg', sw.value);
    if (sw.converted !== undefined) shown.standard_weight = { value: sw.converted, unit: 'kg' };
  }
  inputs.options = { hematocrit_mode: s.hematocrit_mode, weight_mode: s.weight_mode };
  return { inputs, shown };
}

/** PRO2 from the diary's stool and pain rows, or null outside diary mode / with no entries. */
export function pro2FromDiary(s, decimalComma) {
  if (s.entry !== 'diary') return null;
  const sf = diaryArray(s.liquid_stools_daily, decimalComma);
  const ap = diaryArray(s.abdominal_pain_daily, decimalComma);
  if (sf === undefined && ap === undefined) return null;
  const inputs = {};
  put(inputs, 'sf_daily', sf);
  put(inputs, 'ap_daily', ap);
  return inputs;
}

export function createCdai(ctx) {
  const { t } = ctx.i18n;
  const { num } = ctx.i18n;
  // The core's unrounded total, cut (not rounded) to 3 decimals: rounding 149.497 to "149.5" would
  // show a value that looks like it rounds up to 150 (mild) beside a total of 149 (remission).
  // Cutting keeps every value on its side of each .5; 1e-6 thousandths is the core's 1e-9 snap.
  const unrounded = (x) => (typeof x === 'number' ? num(Math.floor(x * 1000 + 1e-6) / 1000, 3) : num(x));
  const s = ctx.state;
  const parts = layout(ctx, { id: 'cdai', title: t('cdai.title'), intro: t('cdai.intro') });
  const pro2Box = h('section', { class: 'pro2', 'aria-labelledby': `${ctx.prefix}-pro2-title`, hidden: true });
  parts.result.append(pro2Box);

  const weightUnits = [{ value: 'kg', label: 'kg' }, { value: 'lb', label: 'lb' }];
  const derived = h('output', { class: 'derived', dataset: { derived: 'standard_weight_kg' } });

  const weekly = h('div', { class: 'group weekly', hidden: s.entry !== 'weekly' },
    numberField(ctx, { name: 'liquid_stools_7d_total', label: t('cdai.liquid_stools_7d_total'), hint: t('cdai.liquid_stools_hint'),
      integer: true, value: s.liquid_stools_7d_total, width: 'w4' }),
    numberField(ctx, { name: 'abdominal_pain_7d_sum', label: t('cdai.abdominal_pain_7d_sum'), hint: t('cdai.pain_scale'),
      integer: true, value: s.abdominal_pain_7d_sum, width: 'w4' }),
    numberField(ctx, { name: 'general_wellbeing_7d_sum', label: t('cdai.general_wellbeing_7d_sum'), hint: t('cdai.wellbeing_scale'),
      integer: true, value: s.general_wellbeing_7d_sum, width: 'w4' }));

  const diary = h('fieldset', { class: 'group diary', hidden: s.entry !== 'diary' },
    h('legend', {}, t('cdai.diary')),
    h('p', { class: 'hint' }, t('cdai.diary_hint')),
    h('div', { class: 'diary-head', 'aria-hidden': 'true' },
      h('span', {}),
      [0, 1, 2, 3, 4, 5, 6].map((i) => h('span', { id: `${ctx.prefix}-day-${i}` }, t('cdai.day', { n: i + 1 })))),
    DIARY.map((d) => {
      const rowId = `${ctx.prefix}-${d.daily}-label`;
      return h('div', { class: 'field diary-row', dataset: { paths: `${d.daily} ${d.total}`, label: t(`cdai.diary.${d.key}`) } },
        h('span', { class: 'row-label', id: rowId }, t(`cdai.diary.${d.key}`)),
        h('div', { class: 'cells' }, s[d.daily].map((v, i) => h('input', {
          type: 'text', inputmode: 'numeric', autocomplete: 'off', class: 'num cell', name: `${d.daily}.${i}`,
          id: `${ctx.prefix}-${d.daily}-${i}`, value: v, 'aria-labelledby': `${rowId} ${ctx.prefix}-day-${i}`,
          dataset: { path: `${d.daily}[${i}]`, kind: 'integer', part: t('cdai.day', { n: i + 1 }) },
        }))),
        h('p', { class: 'field-error', id: `${ctx.prefix}-${d.daily}-err`, hidden: true }));
    }),
    h('p', { class: 'hint' }, t('cdai.pain_scale')),
    h('p', { class: 'hint' }, t('cdai.wellbeing_scale')));

  const typedSw = h('div', { class: 'group', hidden: s.standard_weight_source !== 'typed' },
    numberField(ctx, { name: 'standard_weight', label: t('cdai.standard_weight'), value: s.standard_weight,
      paths: ['standard_weight_kg'], converted: true, width: 'w6',
      unit: { name: 'standard_weight_unit', value: s.standard_weight_unit, label: t('unit.standard_weight'), kind: 'weight', options: weightUnits } }));
  const keysSw = h('div', { class: 'group', hidden: s.standard_weight_source !== 'keys_bmi' },
    numberField(ctx, { name: 'height', label: t('cdai.height'), value: s.height, paths: ['height_cm', 'standard_weight_kg'],
      unit: { name: 'height_unit', value: s.height_unit, label: t('unit.height'), kind: 'height', options: [{ value: 'cm', label: 'cm' }, { value: 'in', label: 'in' }] },
      converted: true, width: 'w6' }),
    h('p', { class: 'derived-line' }, h('span', {}, t('cdai.standard_weight_derived')), ' ', derived));

  parts.form.append(
    radioGroup(ctx, { name: 'sex', legend: t('cdai.sex'), inline: true, hint: t('cdai.sex_hint'),
      options: [{ value: 'male', label: t('cdai.sex.male') }, { value: 'female', label: t('cdai.sex.female') }], value: s.sex }),
    radioGroup(ctx, { name: 'entry', legend: t('cdai.entry'), inline: true, paths: [],
      options: [{ value: 'weekly', label: t('cdai.entry.weekly') }, { value: 'diary', label: t('cdai.entry.diary') }], value: s.entry }),
    weekly, diary,
    checkGroup(ctx, { name: 'cdai_complications', legend: t('cdai.complications'), hint: t('cdai.complications_hint'),
      options: CDAI_COMPLICATIONS.map((c) => ({ value: c, label: t(`cdai.complication.${c}`) })), values: s.cdai_complications }),
    radioGroup(ctx, { name: 'antidiarrheal_use', legend: t('cdai.antidiarrheal_use'), inline: true,
      options: [{ value: 'yes', label: t('common.yes') }, { value: 'no', label: t('common.no') }], value: s.antidiarrheal_use }),
    radioGroup(ctx, { name: 'abdominal_mass', legend: t('cdai.abdominal_mass'),
      options: [0, 2, 5].map((v) => ({ value: v, score: v, label: t(`cdai.abdominal_mass.${v}`) })), value: s.abdominal_mass }),
    numberField(ctx, { name: 'hematocrit', label: t('cdai.hematocrit'), hint: t('cdai.hematocrit_hint'), value: s.hematocrit,
      paths: ['hematocrit_pct'], converted: true, width: 'w6',
      unit: { name: 'hematocrit_unit', value: s.hematocrit_unit, label: t('unit.hematocrit'), kind: 'hematocrit',
        options: [{ value: 'pct', label: '%' }, { value: 'l_l', label: 'L/L' }] } }),
    numberField(ctx, { name: 'weight', label: t('cdai.weight'), value: s.weight, paths: ['weight_kg'], converted: true, width: 'w6',
      unit: { name: 'weight_unit', value: s.weight_unit, label: t('unit.weight'), kind: 'weight', options: weightUnits } }),
    radioGroup(ctx, { name: 'standard_weight_source', legend: t('cdai.standard_weight_source'), paths: ['standard_weight_method'],
      options: [{ value: 'typed', label: t('cdai.standard_weight_source.typed') },
        { value: 'keys_bmi', label: t('cdai.standard_weight_source.keys_bmi') }], value: s.standard_weight_source }),
    typedSw, keysSw,
    h('fieldset', { class: 'variants' },
      h('legend', {}, t('cdai.variants')),
      h('p', { class: 'hint' }, t('cdai.variants_hint')),
      selectField(ctx, { name: 'hematocrit_mode', label: t('cdai.hematocrit_mode'), hint: t('cdai.hematocrit_mode_hint'), value: s.hematocrit_mode, paths: ['options.hematocrit_mode'],
        options: ['signed', 'clamp_zero', 'absolute'].map((v) => ({ value: v, label: t(`cdai.hematocrit_mode.${v}`) })) }),
      selectField(ctx, { name: 'weight_mode', label: t('cdai.weight_mode'), hint: t('cdai.weight_mode_hint'), value: s.weight_mode, paths: ['options.weight_mode'],
        options: ['signed_floor_minus10', 'signed_unbounded', 'clamp_zero'].map((v) => ({ value: v, label: t(`cdai.weight_mode.${v}`) })) })),
  );

  // The PRO2 request of the last recompute: typing outside the diary leaves it as it was, and then
  // the core's PRO2 answer and its panel are kept instead of being asked for and rebuilt again.
  let pro2Request;
  addWorkedExample(ctx, parts, {
    instrument: 'cdai',
    // The example is in the core's units (kg, %), with a typed standard weight and the weekly sums
    // or a diary; the variant options are the defaults the expected total assumes.
    toState: (x) => {
      const st = emptyCdai();
      const num = (v) => (v === undefined || v === null ? '' : typedNumber(ctx, v));
      if (x.sex) st.sex = x.sex;
      for (const d of DIARY) {
        if (Array.isArray(x[d.daily])) { st.entry = 'diary'; st[d.daily] = x[d.daily].map(num); }
        if (d.total in x) st[d.total] = num(x[d.total]);
      }
      st.cdai_complications = [...(x.cdai_complications || [])];
      if (typeof x.antidiarrheal_use === 'boolean') st.antidiarrheal_use = x.antidiarrheal_use ? 'yes' : 'no';
      if ('abdominal_mass' in x) st.abdominal_mass = String(x.abdominal_mass);
      st.hematocrit = num(x.hematocrit_pct);
      st.weight = num(x.weight_kg);
      if ('height_cm' in x) { st.standard_weight_source = 'keys_bmi'; st.height = num(x.height_cm); }
      st.standard_weight = num(x.standard_weight_kg);
      return st;
    },
    expected: (r) => `${t('cdai.short')} ${r.cdai_total}, ${t(`band.${r.cdai_band}`)}`,
  });

  const screen = {
    id: 'cdai', instrument: 'cdai', el: parts.el, last: null, pro2: null,
    recompute() {
      const { inputs, shown } = cdaiInputs(s, ctx.i18n.decimalComma);
      const response = ctx.core.evaluate('cdai', inputs);
      screen.last = { inputs, response };
      const p2in = pro2FromDiary(s, ctx.i18n.decimalComma);
      const request = JSON.stringify(p2in);
      const pro2Changed = request !== pro2Request;
      if (pro2Changed) {
        pro2Request = request;
        screen.pro2 = p2in ? { inputs: p2in, response: ctx.core.evaluate('pro2', p2in) } : null;
      }
      render(response, shown, pro2Changed);
      ctx.result('cdai', inputs, response);
      if (screen.pro2) ctx.result('pro2', p2in, screen.pro2.response);
      return response;
    },
    /** The printout's emphasised lines, or null without a valid result. */
    headline() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      return verdictHeadline(ctx, { scoreLabel: t('cdai.short'), score: r.cdai_total, band: r.cdai_band, warnings: warningsOf(r) });
    },
    note() {
      const lines = [];
      const r = screen.last?.response;
      if (r && !r.error) {
        const c = r.components;
        lines.push(`${t('cdai.short')}: ${r.cdai_total} (${t(`band.${r.cdai_band}`)}); ${t('cdai.unrounded')} ${unrounded(r.cdai_unrounded)}`,
          `  ${t('cdai.points')}: ${COMPONENTS.map(([k, key]) => `${t(key)} ${num(c[k], 2)}`).join('; ')}`,
          `  ${t('cdai.standard_weight')} ${num(r.standard_weight_kg, 1)} kg` +
          (r.standard_weight_method === 'keys_bmi' ? ` (${t('cdai.keys_short')})` : '') +
          `; ${t('cdai.hematocrit_mode')}: ${t(`cdai.hematocrit_mode.${r.options.hematocrit_mode}`)}` +
          `; ${t('cdai.weight_mode')}: ${t(`cdai.weight_mode.${r.options.weight_mode}`)}`,
          ...warningsOf(r).map((w) => `  ! ${warningText(ctx, w)}`));
      }
      const p = screen.pro2?.response;
      if (p && !p.error) {
        lines.push(`${t('pro2.short')}: SF ${num(p.sf_avg, 2)}, AP ${num(p.ap_avg, 2)}, ${t('pro2.weighted')} ${num(p.pro2_weighted, 2)} ` +
          `(${t(`band.${p.pro2_band_khanna_ibdplexus}`)})`);
      }
      return lines.length ? lines : null;
    },
    announcement() {
      const r = screen.last?.response;
      if (!r) return '';
      if (r.error) return t('live.incomplete', { name: t('cdai.short') });
      return t('live.score', { name: t('cdai.short'), score: r.cdai_total, band: t(`band.${r.cdai_band}`) });
    },
  };

  const COMPONENTS = [
    ['stools_points', 'cdai.c.stools'], ['pain_points', 'cdai.c.pain'], ['wellbeing_points', 'cdai.c.wellbeing'],
    ['complications_points', 'cdai.c.complications'], ['antidiarrheal_points', 'cdai.c.antidiarrheal'],
    ['mass_points', 'cdai.c.mass'], ['hematocrit_points', 'cdai.c.hematocrit'], ['weight_points', 'cdai.c.weight'],
  ];

  const convertedOutputs = [...parts.form.querySelectorAll('output[data-converted]')];
  function showConverted(shown) {
    for (const out of convertedOutputs) {
      const key = out.dataset.converted;
      const c = shown[key];
      setText(out, c ? `= ${num(c.value, 2)} ${c.unit}` : '');
    }
  }

  function render(r, shown, pro2Changed) {
    showConverted(shown);
    const summary = renderErrors(ctx, parts, r);
    if (r.error) {
      setText(derived, t('cdai.standard_weight_pending'));
      renderVerdict(ctx, parts.verdict, { summary });
      patch(parts.details);
    } else {
      setText(derived, r.standard_weight_method === 'keys_bmi' ? `${num(r.standard_weight_kg, 1)} kg` : '');
      renderVerdict(ctx, parts.verdict, {
        score: String(r.cdai_total), scoreLabel: t('cdai.short'), band: r.cdai_band, warnings: warningsOf(r),
        extra: h('p', { class: 'sub' }, `${t('cdai.unrounded')}: ${unrounded(r.cdai_unrounded)}`),
      });
      const c = r.components;
      patch(parts.details,
        kvTable(t('result.components'), COMPONENTS.map(([k, key]) => [t(key), num(c[k], 2)])),
        kvTable(t('result.inputs_used'), [
          [t('cdai.liquid_stools_7d_total'), String(r.liquid_stools_7d_total ?? '')],
          [t('cdai.abdominal_pain_7d_sum'), String(r.abdominal_pain_7d_sum ?? '')],
          [t('cdai.general_wellbeing_7d_sum'), String(r.general_wellbeing_7d_sum ?? '')],
          [t('cdai.standard_weight'), `${num(r.standard_weight_kg, 2)} kg` +
            (r.standard_weight_method === 'keys_bmi' ? ` (${t('cdai.keys_short')})` : '')],
          [t('cdai.percent_below'), `${num(r.percent_below_standard_weight_raw, 2)} %`],
        ].filter(([, v]) => v !== '')),
        r.cdai_band_alt_150_220_221_450 ? h('p', { class: 'source' },
          t('cdai.alt_band', { band: t(`band.${r.cdai_band_alt_150_220_221_450}`) })) : null,
        h('p', { class: 'source' }, t('cdai.bands_note')),
      );
    }
    if (pro2Changed) renderPro2();
  }

  function renderPro2() {
    const p = screen.pro2;
    pro2Box.hidden = !p;
    if (!p) { patch(pro2Box); return; }
    const r = p.response;
    const title = h('h4', { id: `${ctx.prefix}-pro2-title` }, t('pro2.from_diary'));
    if (r.error) {
      // Diary problems are already marked on the diary rows by the CDAI response; name the rest.
      const summary = showErrors(h('div'), r, ctx.i18n, { labelOf: (e) => t(`pro2.field.${e.field}`) });
      patch(pro2Box, title, h('p', { class: 'pending' }, t('pro2.pending')),
        summary.missing.length ? h('p', { class: 'missing' }, h('strong', {}, t('result.missing')), ' ', summary.missing.join(', ')) : null);
      return;
    }
    patch(pro2Box, title,
      h('p', { class: 'score-line' }, h('span', { class: 'score-label' }, t('pro2.weighted')), ' ',
        h('span', { class: 'score', dataset: { testid: 'pro2-score' } }, num(r.pro2_weighted, 2))),
      h('p', { class: 'band', dataset: { band: r.pro2_band_khanna_ibdplexus } }, t(`band.${r.pro2_band_khanna_ibdplexus}`)),
      kvTable(t('result.numbers'), [
        [t('pro2.sf_avg'), `${num(r.sf_avg, 2)} (${t('pro2.days', { n: r.sf_days })})`],
        [t('pro2.ap_avg'), `${num(r.ap_avg, 2)} (${t('pro2.days', { n: r.ap_days })})`],
        [t('pro2.meets_sf_le_2_8'), r.meets_sf_le_2_8 ? t('common.yes') : t('common.no')],
        [t('pro2.meets_ap_le_1'), r.meets_ap_le_1 ? t('common.yes') : t('common.no')],
      ]),
      warningList(ctx, warningsOf(r)),
      h('p', { class: 'source' }, t('pro2.bands_note')));
  }

  wire(ctx, parts.form, s, () => screen.recompute(), (path) => {
    if (path === 'entry') { weekly.hidden = s.entry !== 'weekly'; diary.hidden = s.entry !== 'diary'; }
    if (path === 'standard_weight_source') {
      typedSw.hidden = s.standard_weight_source !== 'typed';
      keysSw.hidden = s.standard_weight_source !== 'keys_bmi';
    }
  });
  return screen;
}
