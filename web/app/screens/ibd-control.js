// SPDX-License-Identifier: MIT
// Crohn Score web app: IBD-Control (Bodger 2014): the eight IBD-Control-8 questions answered yes /
// no / not sure (Q1b also "not taking any treatment"), as the core reads them (named answers,
// never numeric codes), and the optional VAS 0-100. The questions are shown as short item names
// (the spec's condensed wording), not as the questionnaire's text: its licence was not found
// (clinical-spec-instruments §8.4, I4), so the answers are copied from the questionnaire the
// patient filled in. The core gives IBD-Control-8, the quiescence cut-offs and their sources.
import { h, patch } from '../dom.js';
import { numberField, radioGroup } from '../fields.js';
import { requestValue, put } from '../numbers.js';
import { layout, wire, renderVerdict, renderErrors, kvTable, warningText, addWorkedExample, typedNumber } from './common.js';
import { sourceList } from './sources.js';
import { emptyIbdControl } from '../state.js';

// The core's eight items, in its order (crohn/ibd_control.hpp kItems), and the answers it reads.
export const IBDC_ITEMS = ['q1a_well_controlled', 'q1b_treatment_useful', 'q3a_missed_planned_activities',
  'q3b_woke_at_night', 'q3c_significant_pain_or_discomfort', 'q3d_lacking_energy', 'q3e_anxious_or_depressed',
  'q3f_needed_treatment_change'];
const ANSWERS = ['yes', 'no', 'not_sure'];
const Q1B_ANSWERS = [...ANSWERS, 'no_treatment'];
const SOURCES = ['instrument', 'scoring', 'quiescent_cutoffs', 'q1b_no_treatment'];

/** The request inputs for the core from the raw state (empty fields are absent). */
export function ibdControlInputs(s, decimalComma) {
  const inputs = {};
  for (const k of IBDC_ITEMS) if (s[k] !== '') inputs[k] = s[k];
  put(inputs, 'vas_overall_control', requestValue(s.vas_overall_control, decimalComma));
  return inputs;
}

export function createIbdControl(ctx) {
  const { t } = ctx.i18n;
  const s = ctx.state;
  const parts = layout(ctx, { id: 'ibd_control', title: t('ibdc.title'), intro: t('ibdc.intro') });
  parts.form.append(
    h('p', { class: 'hint' }, t('ibdc.recall')),
    ...IBDC_ITEMS.map((k) => radioGroup(ctx, { name: k, legend: t(`ibdc.item.${k}`), inline: true,
      options: (k === 'q1b_treatment_useful' ? Q1B_ANSWERS : ANSWERS).map((a) => ({ value: a, label: t(`ibdc.answer.${a}`) })),
      value: s[k] })),
    numberField(ctx, { name: 'vas_overall_control', label: t('ibdc.vas'), hint: t('ibdc.vas_hint'),
      value: s.vas_overall_control, width: 'w4' }),
  );

  const verdictKey = (r) => (r.quiescent_ibd_control_8_ge13 ? 'ibdc.verdict.quiescent' : 'ibdc.verdict.not_quiescent');
  const vasText = (r) => {
    if (r.quiescent_vas_ge85 === null) return t('ibdc.vas_not_given');
    return t(r.quiescent_vas_ge85 ? 'ibdc.vas_quiescent' : 'ibdc.vas_not_quiescent', { vas: ctx.i18n.num(r.ibd_control_vas, 2) });
  };
  const yesNo = (v) => (v === null ? t('verdict.not_evaluable') : t(v ? 'common.yes' : 'common.no'));

  addWorkedExample(ctx, parts, {
    instrument: 'ibd_control',
    toState: (x) => ({ ...emptyIbdControl(), ...Object.fromEntries(IBDC_ITEMS.map((k) => [k, x[k]])),
      vas_overall_control: x.vas_overall_control === undefined ? '' : typedNumber(ctx, x.vas_overall_control) }),
    expected: (r) => `${t('ibdc.short')} ${r.ibd_control_8_total}, ${t(verdictKey(r))}; ` +
      `${t('ibdc.endpoint.quiescent_vas_ge85')}: ${yesNo(r.quiescent_vas_ge85)}`,
  });

  const screen = {
    id: 'ibd_control', instrument: 'ibd_control', el: parts.el, last: null,
    recompute() {
      const inputs = ibdControlInputs(s, ctx.i18n.decimalComma);
      const response = ctx.core.evaluate('ibd_control', inputs);
      screen.last = { inputs, response };
      render(response);
      ctx.result('ibd_control', inputs, response);
      return response;
    },
    /** Plain-text lines for the note, or null without a valid result. */
    note() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      return [
        `${t('ibdc.short')}: ${r.ibd_control_8_total} / 16 (${t(verdictKey(r))})`,
        `  ${vasText(r)}`,
        ...(r.warnings || []).map((w) => `  ! ${warningText(ctx, w)}`),
      ];
    },
    headline() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      return [`${t('ibdc.short')} ${r.ibd_control_8_total} — ${t(verdictKey(r))}`,
        ...(r.warnings || []).map((w) => `⚠ ${warningText(ctx, w)}`)];
    },
    announcement() {
      const r = screen.last?.response;
      if (!r) return '';
      if (r.error) return t('live.incomplete', { name: t('ibdc.short') });
      return t('live.score', { name: t('ibdc.short'), score: r.ibd_control_8_total, band: t(verdictKey(r)) });
    },
  };

  function render(r) {
    const summary = renderErrors(ctx, parts, r);
    if (r.error) {
      renderVerdict(ctx, parts.verdict, { summary });
      patch(parts.details);
      return;
    }
    renderVerdict(ctx, parts.verdict, {
      score: String(r.ibd_control_8_total), scoreLabel: t('ibdc.short'),
      band: r.quiescent_ibd_control_8_ge13 ? 'quiescent' : 'not_quiescent', bandKey: verdictKey(r), warnings: r.warnings,
      extra: h('p', { class: 'sub', dataset: { testid: 'vas-line' } }, vasText(r)),
    });
    patch(parts.details,
      h('table', { class: 'kv ibdc-endpoints' },
        h('caption', {}, t('ibdc.endpoints')),
        h('tbody', {}, ['quiescent_ibd_control_8_ge13', 'quiescent_vas_ge85'].map((k) => h('tr', { dataset: { endpoint: k } },
          h('th', { scope: 'row' }, t(`ibdc.endpoint.${k}`)),
          h('td', { dataset: { value: String(r[k]) } }, yesNo(r[k])))))),
      kvTable(t('result.numbers'), [
        [t('ibdc.vas'), r.ibd_control_vas === null ? t('ibdc.not_given') : ctx.i18n.num(r.ibd_control_vas, 2)],
      ]),
      h('p', { class: 'source' }, t('ibdc.scoring_note')),
      sourceList(ctx, r.sources, { prefix: 'ibdc.source', keys: SOURCES }));
  }

  wire(ctx, parts.form, s, () => screen.recompute());
  return screen;
}
