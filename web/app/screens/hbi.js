// SPDX-License-Identifier: MIT
// Crohn Score web app: the Harvey-Bradshaw Index (Harvey & Bradshaw, Lancet 1980): five items with
// their clinical wording, complications as eight checkboxes. The core computes total and band.
import { h, patch } from '../dom.js';
import { numberField, radioGroup, checkGroup } from '../fields.js';
import { requestValue, put } from '../numbers.js';
import { layout, wire, renderVerdict, renderErrors, kvTable, addWorkedExample, typedNumber, verdictHeadline, warningText, warningsOf } from './common.js';
import { emptyHbi } from '../state.js';

export const HBI_COMPLICATIONS = ['arthralgia', 'uveitis', 'erythema_nodosum', 'aphthous_ulcers',
  'pyoderma_gangrenosum', 'anal_fissure', 'new_fistula', 'abscess'];

/** The request inputs for the core from the raw HBI state (empty fields are absent). */
export function hbiInputs(s, decimalComma) {
  const inputs = {};
  for (const k of ['general_wellbeing', 'abdominal_pain', 'abdominal_mass']) {
    if (s[k] !== '') inputs[k] = Number(s[k]);
  }
  put(inputs, 'liquid_stools_per_day', requestValue(s.liquid_stools_per_day, decimalComma));
  // The paper form ticks the complications present: an unticked box is an assessed "absent".
  inputs.complications = [...s.complications];
  return inputs;
}

export function createHbi(ctx) {
  const { t } = ctx.i18n;
  const s = ctx.state;
  const parts = layout(ctx, { id: 'hbi', title: t('hbi.title'), intro: t('hbi.intro') });
  const opts = (key, values) => values.map((v) => ({ value: v, score: v, label: t(`${key}.${v}`) }));
  parts.form.append(
    radioGroup(ctx, { name: 'general_wellbeing', legend: t('hbi.general_wellbeing'), hint: t('hbi.previous_day'),
      options: opts('hbi.general_wellbeing', [0, 1, 2, 3, 4]), value: s.general_wellbeing }),
    radioGroup(ctx, { name: 'abdominal_pain', legend: t('hbi.abdominal_pain'), hint: t('hbi.previous_day'),
      options: opts('hbi.abdominal_pain', [0, 1, 2, 3]), value: s.abdominal_pain }),
    numberField(ctx, { name: 'liquid_stools_per_day', label: t('hbi.liquid_stools_per_day'),
      hint: t('hbi.liquid_stools_hint'), integer: true, value: s.liquid_stools_per_day, width: 'w4' }),
    radioGroup(ctx, { name: 'abdominal_mass', legend: t('hbi.abdominal_mass'),
      options: opts('hbi.abdominal_mass', [0, 1, 2, 3]), value: s.abdominal_mass }),
    checkGroup(ctx, { name: 'complications', legend: t('hbi.complications'), hint: t('hbi.complications_hint'),
      options: HBI_COMPLICATIONS.map((c) => ({ value: c, label: t(`hbi.complication.${c}`) })),
      values: s.complications }),
  );

  addWorkedExample(ctx, parts, {
    instrument: 'hbi',
    toState: (x) => ({
      ...emptyHbi(), general_wellbeing: String(x.general_wellbeing), abdominal_pain: String(x.abdominal_pain),
      liquid_stools_per_day: typedNumber(ctx, x.liquid_stools_per_day), abdominal_mass: String(x.abdominal_mass),
      complications: [...x.complications],
    }),
    expected: (r) => `${t('hbi.short')} ${r.hbi_total}, ${t(`band.${r.hbi_band}`)}`,
  });

  const screen = {
    id: 'hbi', instrument: 'hbi', el: parts.el, last: null,
    recompute() {
      const inputs = hbiInputs(s, ctx.i18n.decimalComma);
      const response = ctx.core.evaluate('hbi', inputs);
      screen.last = { inputs, response };
      render(response);
      ctx.result('hbi', inputs, response);
      return response;
    },
    /** Plain-text lines for the note, or null without a valid result. */
    note() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      const c = r.components || {};
      return [
        `${t('hbi.short')}: ${r.hbi_total} (${t(`band.${r.hbi_band}`)})`,
        `  ${t('hbi.general_wellbeing')} ${c.general_wellbeing}; ${t('hbi.abdominal_pain')} ${c.abdominal_pain}; ` +
        `${t('hbi.liquid_stools_per_day')} ${c.liquid_stools}; ${t('hbi.abdominal_mass')} ${c.abdominal_mass}; ` +
        `${t('hbi.complications')} ${c.complications}` +
        (r.complications?.length ? ` (${r.complications.map((x) => t(`hbi.complication.${x}`)).join(', ')})` : ''),
        ...warningsOf(r).map((w) => `  ! ${warningText(ctx, w)}`),
      ];
    },
    /** The printout's emphasised lines, or null without a valid result. */
    headline() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      return verdictHeadline(ctx, { scoreLabel: t('hbi.short'), score: r.hbi_total, band: r.hbi_band, warnings: warningsOf(r) });
    },
    announcement() {
      const r = screen.last?.response;
      if (!r) return '';
      if (r.error) return t('live.incomplete', { name: t('hbi.short') });
      return t('live.score', { name: t('hbi.short'), score: r.hbi_total, band: t(`band.${r.hbi_band}`) });
    },
  };

  function render(r) {
    const summary = renderErrors(ctx, parts, r);
    if (r.error) {
      renderVerdict(ctx, parts.verdict, { summary });
      patch(parts.details);
      return;
    }
    renderVerdict(ctx, parts.verdict, { score: String(r.hbi_total), scoreLabel: t('hbi.short'), band: r.hbi_band, warnings: warningsOf(r) });
    const c = r.components;
    patch(parts.details,
      kvTable(t('result.components'), [
        [t('hbi.general_wellbeing'), String(c.general_wellbeing)],
        [t('hbi.abdominal_pain'), String(c.abdominal_pain)],
        [t('hbi.liquid_stools_per_day'), String(c.liquid_stools)],
        [t('hbi.abdominal_mass'), String(c.abdominal_mass)],
        [t('hbi.complications'), String(c.complications)],
      ]),
      h('p', { class: 'source' }, t('hbi.bands_note')),
    );
  }

  wire(ctx, parts.form, s, () => screen.recompute());
  return screen;
}
