// SPDX-License-Identifier: MIT
// Crohn Score web app: the Rutgeerts score of a post-operative ileocolonoscopy (neoterminal ileum
// and ileocolonic anastomosis): one grade among i0-i4 (original score) and i2a/i2b (modified), no
// default. The core gives the original and modified grade, the endpoints ">= i2", ">= i2b" (not
// evaluable for an unsplit i2) and "i0-i1", its warnings and each rule's source with its evidence
// level; this screen shows them and computes nothing itself.
import { h, patch } from '../dom.js';
import { numberField, radioGroup, selectField, yesNo } from '../fields.js';
import { requestValue, put } from '../numbers.js';
import { layout, wire, renderVerdict, renderErrors, kvTable, warningList, warningText, warningsOf, addWorkedExample } from './common.js';
import { emptyRutgeerts } from '../state.js';

export const RUTGEERTS_GRADES = ['i0', 'i1', 'i2', 'i2a', 'i2b', 'i3', 'i4'];
export const ANASTOMOSIS_TYPES = ['end_to_end', 'side_to_side', 'end_to_side', 'kono_s', 'other', 'unknown'];
// The core's endpoint outputs, headline first (ambiguity R4: >= i2), and the source of each.
const ENDPOINTS = ['recurrence_ge_i2', 'recurrence_ge_i2b', 'remission_i0_i1'];
const SOURCES = ['grades', 'modified_i2a_i2b', 'recurrence_ge_i2', 'recurrence_ge_i2b', 'remission_i0_i1', 'anastomosis_type'];

/** The request inputs for the core from the raw state (empty fields are absent). */
export function rutgeertsInputs(s, decimalComma) {
  const inputs = {};
  if (s.rutgeerts_grade !== '') inputs.rutgeerts_grade = s.rutgeerts_grade;
  if (s.anastomosis_type !== '') inputs.anastomosis_type = s.anastomosis_type;
  put(inputs, 'months_since_resection', requestValue(s.months_since_resection, decimalComma));
  if (s.neoterminal_ileum_intubated !== '') inputs.neoterminal_ileum_intubated = s.neoterminal_ileum_intubated === 'yes';
  return inputs;
}

export function createRutgeerts(ctx) {
  const { t } = ctx.i18n;
  const s = ctx.state;
  const parts = layout(ctx, { id: 'rutgeerts', title: t('rut.title'), intro: t('rut.intro') });
  parts.form.append(
    radioGroup(ctx, { name: 'rutgeerts_grade', legend: t('rut.grade'), hint: t('rut.grade_hint'),
      options: RUTGEERTS_GRADES.map((g) => ({ value: g, score: g, label: t(`rut.grade.${g}`) })), value: s.rutgeerts_grade }),
    yesNo(ctx, { name: 'neoterminal_ileum_intubated', label: t('rut.neoterminal_ileum_intubated'),
      hint: t('rut.neoterminal_ileum_hint'), value: s.neoterminal_ileum_intubated }),
    selectField(ctx, { name: 'anastomosis_type', label: t('rut.anastomosis_type'), hint: t('rut.anastomosis_hint'),
      value: s.anastomosis_type,
      options: [{ value: '', label: t('common.not_recorded') },
        ...ANASTOMOSIS_TYPES.map((a) => ({ value: a, label: t(`rut.anastomosis.${a}`) }))] }),
    numberField(ctx, { name: 'months_since_resection', label: t('rut.months_since_resection'),
      value: s.months_since_resection, width: 'w4' }),
  );

  const endpointText = (r, key) => {
    const v = r[key];
    if (v === null) return t('verdict.not_evaluable');
    return v ? t('common.yes') : t('common.no');
  };

  addWorkedExample(ctx, parts, {
    instrument: 'rutgeerts',
    toState: (x) => ({ ...emptyRutgeerts(), rutgeerts_grade: x.rutgeerts_grade }),
    expected: (r) => `${t('rut.short')} ${r.rutgeerts_grade_modified}; ${t('rut.endpoint.recurrence_ge_i2')}: ` +
      `${r.recurrence_ge_i2 ? t('common.yes') : t('common.no')}; ${t('rut.endpoint.recurrence_ge_i2b')}: ` +
      `${r.recurrence_ge_i2b ? t('common.yes') : t('common.no')}`,
  });

  const screen = {
    id: 'rutgeerts', instrument: 'rutgeerts', el: parts.el, last: null,
    recompute() {
      const inputs = rutgeertsInputs(s, ctx.i18n.decimalComma);
      const response = ctx.core.evaluate('rutgeerts', inputs);
      screen.last = { inputs, response };
      render(response);
      ctx.result('rutgeerts', inputs, response);
      return response;
    },
    /** Plain-text lines for the note, or null without a valid result. */
    note() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      return [
        `${t('rut.short')}: ${r.rutgeerts_grade} (${t('rut.original')} ${r.rutgeerts_grade_original}; ` +
        `${t('rut.modified')} ${r.rutgeerts_grade_modified ?? t('rut.not_subclassified')})`,
        ...ENDPOINTS.map((k) => `  ${t(`rut.endpoint.${k}`)}: ${endpointText(r, k)}`),
        ...warningsOf(r).map((w) => `  ! ${warningText(ctx, w)}`),
      ];
    },
    announcement() {
      const r = screen.last?.response;
      if (!r) return '';
      if (r.error) return t('live.incomplete', { name: t('rut.short') });
      return t('live.score', { name: t('rut.short'), score: r.rutgeerts_grade, band: headline(r) });
    },
  };

  // The headline (R4 default): recurrence >= i2, or remission i0-i1 (complements on every grade).
  function headline(r) {
    return r.recurrence_ge_i2 ? t('rut.verdict.recurrence') : t('rut.verdict.remission');
  }

  function render(r) {
    const summary = renderErrors(ctx, parts, r);
    if (r.error) {
      renderVerdict(ctx, parts.verdict, { summary });
      patch(parts.details);
      return;
    }
    renderVerdict(ctx, parts.verdict, {
      score: r.rutgeerts_grade, scoreLabel: t('rut.short'),
      band: r.recurrence_ge_i2 ? 'recurrence' : 'remission',
      bandKey: r.recurrence_ge_i2 ? 'rut.verdict.recurrence' : 'rut.verdict.remission',
      extra: r.recurrence_ge_i2b === null ? h('p', { class: 'sub warn' }, t('rut.i2b_not_evaluable')) : null,
    });
    const sources = r.sources || {};
    patch(parts.details,
      h('table', { class: 'kv rut-endpoints' },
        h('caption', {}, t('rut.endpoints')),
        h('tbody', {}, ENDPOINTS.map((k) => h('tr', { dataset: { endpoint: k } },
          h('th', { scope: 'row' }, t(`rut.endpoint.${k}`)),
          h('td', { dataset: { value: String(r[k]) } }, endpointText(r, k)))))),
      kvTable(t('result.numbers'), [
        [t('rut.original'), r.rutgeerts_grade_original],
        [t('rut.modified'), r.rutgeerts_grade_modified ?? t('rut.not_subclassified')],
      ]),
      warningList(ctx, warningsOf(r)),
      h('div', { class: 'sources' },
        h('h4', {}, t('rut.sources')),
        h('ul', {}, SOURCES.filter((k) => sources[k]).map((k) => h('li', { class: 'source', dataset: { source: k, evidence: sources[k].evidence } },
          h('strong', {}, `${t(`rut.source.${k}`)} – ${t(`evidence.${sources[k].evidence}`)}: `),
          h('span', { lang: 'en' }, sources[k].text))))),
      h('p', { class: 'source' }, t('rut.sources_note')));
  }

  wire(ctx, parts.form, s, () => screen.recompute());
  return screen;
}
