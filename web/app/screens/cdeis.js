// SPDX-License-Identifier: MIT
// Crohn Score web app: the CDEIS (Crohn's Disease Endoscopic Index of Severity, Mary & Modigliani,
// GETAID 1989): per explored segment deep and superficial ulceration (yes / no) and the surfaces
// involved by disease and by ulceration (cm on the 10-cm scale), a "not explored" toggle per
// segment, the two stenosis items and an optional baseline CDEIS. The core gives the CDEIS, its
// band, the endpoints under their own names (< 3, < 6, STRIDE-II healing; the decrease > 5 and
// > 50 % with a baseline), its warnings and each rule's source with its evidence level; this
// screen shows them and computes nothing itself.
import { h, patch } from '../dom.js';
import { numberField, yesNo } from '../fields.js';
import { requestValue, put } from '../numbers.js';
import { layout, wire, renderVerdict, renderErrors, kvTable, warningText, addWorkedExample, typedNumber } from './common.js';
import { ensureRows, segmentInputs, segmentState, segmentGrid, sourceList } from './seggrid.js';
import { emptyCdeis, SEGMENTS } from '../state.js';

// The core's per-segment items (core/include/crohn/cdeis.hpp kItems) with their controls, the
// "not explored" key, and the endpoint outputs in the order shown with the source of each.
const ITEMS = [
  { id: 'deep_ulceration', kind: 'yesno' },
  { id: 'superficial_ulceration', kind: 'yesno' },
  { id: 'disease_surface_cm', kind: 'number' },
  { id: 'ulcerated_surface_cm', kind: 'number' },
];
const SKIP = 'not_explored';
const ENDPOINTS = [
  ['cdeis_lt3', 'cdeis_lt3_lt6_decrease_gt5'],
  ['cdeis_lt6', 'cdeis_lt3_lt6_decrease_gt5'],
  ['healing_lt3_no_ulceration_stride2', 'healing_lt3_no_ulceration_stride2'],
  ['response_decrease_gt5', 'cdeis_lt3_lt6_decrease_gt5'],
  ['response_decrease_gt50pct', 'response_decrease_gt50pct'],
];
// The CDEIS is a fraction k / (100 n), n <= 5 segments: an integer cut-off is never nearer than
// 0.002, so three decimals never round a value onto (or across) a cut-off.
const DIGITS = 3;

/** The request inputs for the core from the raw state (empty fields are absent). */
export function cdeisInputs(s, segments, decimalComma) {
  const inputs = {};
  const seg = segmentInputs(s, segments, ITEMS, SKIP, decimalComma);
  if (Object.keys(seg).length) inputs.segments = seg;
  for (const k of ['ulcerated_stenosis', 'nonulcerated_stenosis']) if (s[k] !== '') inputs[k] = s[k] === 'yes';
  put(inputs, 'cdeis_baseline', requestValue(s.cdeis_baseline, decimalComma));
  return inputs;
}

export function createCdeis(ctx) {
  const { t } = ctx.i18n;
  const s = ctx.state;
  // The five segments of Mary & Modigliani 1989 are the SES-CD's (state.js SEGMENTS, their order).
  const segments = SEGMENTS;
  ensureRows(s, segments, ITEMS, SKIP);
  const items = ITEMS.map((i) => ({ ...i, label: t(`cdeis.${i.id}`) }));
  const num = (v) => ctx.i18n.num(v, DIGITS);
  // CDEIS warnings have their own wording where a code is shared with the SES-CD.
  const warnText = (w) => (t.has(`cdeis.warn.${w.split(':')[0]}`)
    ? t(`cdeis.warn.${w.split(':')[0]}`, { where: w.includes(':') ? t(`segment.${w.split(':')[1]}`) : '' })
    : warningText(ctx, w));
  const parts = layout(ctx, { id: 'cdeis', title: t('cdeis.title'), intro: t('cdeis.intro') });
  const grid = segmentGrid(ctx, { s, segments, items, skip: SKIP, skipLabel: t('cdeis.not_explored'),
    allLabel: t('cdeis.all_segments'), warnText });
  parts.form.append(
    h('p', { class: 'hint' }, t('cdeis.surface_hint')),
    grid.el,
    yesNo(ctx, { name: 'ulcerated_stenosis', label: t('cdeis.ulcerated_stenosis'), value: s.ulcerated_stenosis }),
    yesNo(ctx, { name: 'nonulcerated_stenosis', label: t('cdeis.nonulcerated_stenosis'), value: s.nonulcerated_stenosis }),
    numberField(ctx, { name: 'cdeis_baseline', label: t('cdeis.baseline'), hint: t('cdeis.baseline_hint'),
      value: s.cdeis_baseline, width: 'w4' }),
  );

  // A segment's score, or "not explored" (the core gives null for it).
  const segScore = (r, g) => (r.segment_scores[g] === null ? t('cdeis.not_explored_short') : num(r.segment_scores[g]));
  const yn = (v) => (v === null || v === undefined ? t('verdict.not_evaluable') : v ? t('common.yes') : t('common.no'));

  // An example's yes/no as the select holds it; absent stays unanswered (never read as "no").
  const answer = (b) => (b === undefined ? '' : b ? 'yes' : 'no');
  addWorkedExample(ctx, parts, {
    instrument: 'cdeis',
    toState: (x) => ({
      ...emptyCdeis(), segments: segmentState(ctx, x.segments, ITEMS, SKIP),
      ulcerated_stenosis: answer(x.ulcerated_stenosis), nonulcerated_stenosis: answer(x.nonulcerated_stenosis),
      cdeis_baseline: x.cdeis_baseline === undefined ? '' : typedNumber(ctx, x.cdeis_baseline),
    }),
    expected: (r) => `${t('cdeis.short')} ${num(r.cdeis_total)}, ${t(`cdeis.band.${r.cdeis_band}`)}; ` +
      `${t('cdeis.endpoint.response_decrease_gt5')}: ${yn(r.response_decrease_gt5)}`,
  });

  const screen = {
    id: 'cdeis', instrument: 'cdeis', el: parts.el, last: null,
    recompute() {
      const inputs = cdeisInputs(s, segments, ctx.i18n.decimalComma);
      const response = ctx.core.evaluate('cdeis', inputs);
      screen.last = { inputs, response };
      render(response);
      ctx.result('cdeis', inputs, response);
      return response;
    },
    /** The printout's emphasised lines, or null without a valid result. */
    headline() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      return [`${t('cdeis.short')} ${num(r.cdeis_total)} — ${t(`cdeis.band.${r.cdeis_band}`)}`,
        ...(r.warnings || []).map((w) => `⚠ ${warnText(w)}`)];
    },
    /** Plain-text lines for the note, or null without a valid result. */
    note() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      const seg = segments.map((g) => `${t(`segment.${g}`)} ${segScore(r, g)}`).join('; ');
      return [
        `${t('cdeis.short')}: ${num(r.cdeis_total)} (${t(`cdeis.band.${r.cdeis_band}`)}); ${t('cdeis.segments_explored')} ${r.segments_explored}/${segments.length}`,
        `  ${seg}`,
        ...ENDPOINTS.map(([k]) => `  ${t(`cdeis.endpoint.${k}`)}: ${yn(r[k])}`),
        ...(r.warnings || []).map((w) => `  ! ${warnText(w)}`),
      ];
    },
    announcement() {
      const r = screen.last?.response;
      if (!r) return '';
      if (r.error) return t('live.incomplete', { name: t('cdeis.short') });
      return t('live.score', { name: t('cdeis.short'), score: num(r.cdeis_total), band: t(`cdeis.band.${r.cdeis_band}`) });
    },
  };

  function render(r) {
    const summary = renderErrors(ctx, parts, r);
    grid.show(r, (g) => (r.segment_scores[g] === null ? t('cdeis.not_explored_short')
      : t('ses.segment_score', { n: num(r.segment_scores[g]) })));
    if (r.error) {
      renderVerdict(ctx, parts.verdict, { summary });
      patch(parts.details);
      return;
    }
    const sources = r.sources || {};
    const checks = (r.warnings || []).filter((w) => w !== 'incomplete_examination');
    renderVerdict(ctx, parts.verdict, {
      score: num(r.cdeis_total), scoreLabel: t('cdeis.short'), band: r.cdeis_band, bandKey: `cdeis.band.${r.cdeis_band}`,
      extra: [
        // The core's plausibility prompts, worded for the CDEIS (renderVerdict's list would word
        // a code shared with the SES-CD the SES-CD's way).
        checks.length ? h('div', { class: 'checks', dataset: { testid: 'checks' } },
          h('p', {}, h('strong', {}, t('result.checks_title'))),
          h('ul', {}, checks.map((w) => h('li', { dataset: { warning: w } }, warnText(w))))) : null,
        h('p', { class: 'sub' }, t('cdeis.band_source', { evidence: t(`evidence.${sources.cdeis_band?.evidence}`) })),
        r.segments_explored < segments.length
          ? h('p', { class: 'sub warn' }, t('cdeis.incomplete', { n: r.segments_explored, of: segments.length })) : null,
      ],
    });
    patch(parts.details,
      h('table', { class: 'kv rut-endpoints cdeis-endpoints' },
        h('caption', {}, t('rut.endpoints')),
        h('tbody', {}, ENDPOINTS.map(([k, src]) => h('tr', { dataset: { endpoint: k } },
          h('th', { scope: 'row' }, t(`cdeis.endpoint.${k}`),
            sources[src] ? h('span', { class: 'ev' }, t(`evidence.${sources[src].evidence}`)) : null),
          h('td', { dataset: { value: String(r[k]) } },
            r[k] === null ? t('cdeis.needs_baseline') : yn(r[k])))))),
      kvTable(t('result.numbers'), [
        ...segments.map((g) => [t(`segment.${g}`), segScore(r, g)]),
        [t('cdeis.total_a'), num(r.total_a)],
        [t('cdeis.segments_explored'), `${r.segments_explored}\u00a0/\u00a0${segments.length}`],
        [t('cdeis.total_b'), num(r.total_b)],
        [t('cdeis.stenosis_points'), String(r.stenosis_points)],
        [t('cdeis.any_ulceration'), yn(r.any_ulceration)],
        ...(r.cdeis_decrease === null ? [] : [[t('cdeis.decrease'), num(r.cdeis_decrease)]]),
      ]),
      sourceList(ctx, sources, (k) => t(`cdeis.source.${k}`)));
  }

  wire(ctx, parts.form, s, () => screen.recompute());
  return screen;
}
