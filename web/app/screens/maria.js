// SPDX-License-Identifier: MIT
// Crohn Score web app: MaRIA (Magnetic Resonance Index of Activity, Rimola 2009) and the simplified
// MaRIA (Ordás 2019) of an MR enterography, per segment over the core's six segments. Two screens
// from one module: they share the segments and the "not evaluated" rule, but not the items (MaRIA
// needs the relative contrast enhancement of a contrast study; sMaRIA four findings, without
// contrast), so a reader fills one or the other. The core gives each segment's score and band,
// the global sum (no global cut-off: none was read in a source), whether any segment reaches the
// active or severe cut-off, and each rule's source with its evidence level; this screen shows them
// and computes nothing itself.
import { h, patch } from '../dom.js';
import { layout, wire, renderVerdict, renderErrors, addWorkedExample } from './common.js';
import { ensureRows, segmentInputs, segmentState, segmentGrid, sourceList } from './seggrid.js';

// Each index: the core's per-segment items (core/src/maria.cpp kMariaItems / kSmariaItems) with
// their controls, its global output, and the core's "any segment at or above the cut-off" outputs
// (severe first) that make the verdict line.
const INDICES = {
  maria: {
    items: [
      { id: 'wall_thickness_mm', kind: 'number' },
      { id: 'rce', kind: 'number' },
      { id: 'edema', kind: 'yesno' },
      { id: 'ulceration', kind: 'yesno' },
    ],
    global: 'maria_global',
    any: [['any_segment_ge11', 'severe'], ['any_segment_ge7', 'active']],
    digits: 4,  // segment scores are exact to 1/10000 (1.5 x 0.01 mm, 0.02 x 0.01 RCE)
  },
  smaria: {
    items: [
      { id: 'wall_thickness_mm', kind: 'number' },
      { id: 'wall_thickening_gt3mm', kind: 'yesno' },
      { id: 'edema', kind: 'yesno' },
      { id: 'fat_stranding', kind: 'yesno' },
      { id: 'ulcers', kind: 'yesno' },
    ],
    global: 'smaria_global',
    any: [['any_segment_ge2', 'severe'], ['any_segment_ge1', 'active']],
    digits: 0,
  },
};
const SKIP = 'not_evaluated';
// The anatomical order of the core's six segments (core/include/crohn/maria.hpp kSegments): the
// core's JSON sorts keys, so the order is given here; the set comes from the core.
const SEGMENT_ORDER = ['terminal_ileum', 'ascending_colon', 'transverse_colon', 'descending_colon', 'sigmoid_colon', 'rectum'];

/** The request inputs of index `id` from the raw state (empty fields are absent). */
export function mriInputs(id, s, segments, decimalComma) {
  const seg = segmentInputs(s, segments, INDICES[id].items, SKIP, decimalComma);
  return Object.keys(seg).length ? { segments: seg } : {};
}

export function createMaria(ctx) {
  return createMri(ctx, 'maria');
}

export function createSmaria(ctx) {
  return createMri(ctx, 'smaria');
}

function createMri(ctx, id) {
  const { t } = ctx.i18n;
  const s = ctx.state;
  const def = INDICES[id];
  const segments = SEGMENT_ORDER;
  ensureRows(s, segments, def.items, SKIP);
  const items = def.items.map((i) => ({ ...i, label: t(`${id}.${i.id}`) }));
  const num = (v) => ctx.i18n.num(v, def.digits);
  const short = t(`${id}.short`);
  const parts = layout(ctx, { id, title: t(`${id}.title`), intro: t(`${id}.intro`) });
  const grid = segmentGrid(ctx, { s, segments, items, skip: SKIP, skipLabel: t('maria.not_evaluated'), allLabel: t('maria.all_segments') });
  parts.form.append(grid.el);

  // The verdict line: the highest cut-off any segment reaches, as the core says.
  const headlineBand = (r) => (def.any.find(([k]) => r[k]) || [null, 'inactive'])[1];
  const segText = (r, g) => (r.segment_scores[g] === null ? t('maria.not_evaluated_short')
    : `${num(r.segment_scores[g])} – ${t(`${id}.band.${r.segment_bands[g]}`)}`);

  addWorkedExample(ctx, parts, {
    instrument: id,
    toState: (x) => ({ segments: segmentState(ctx, x.segments, def.items, SKIP) }),
    expected: (r) => `${short} ${num(r[def.global])}; ` +
      segments.map((g) => `${t(`segment.${g}`)} ${segText(r, g)}`).join(', '),
  });

  const screen = {
    id, instrument: id, el: parts.el, last: null,
    recompute() {
      const inputs = mriInputs(id, s, segments, ctx.i18n.decimalComma);
      const response = ctx.core.evaluate(id, inputs);
      screen.last = { inputs, response };
      render(response);
      ctx.result(id, inputs, response);
      return response;
    },
    /** The printout's emphasised lines, or null without a valid result. */
    headline() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      return [`${short} ${num(r[def.global])} — ${t(`${id}.verdict.${headlineBand(r)}`)}`,
        ...(r.warnings || []).map((w) => `⚠ ${t(`warn.${w}`)}`)];
    },
    /** Plain-text lines for the note, or null without a valid result. */
    note() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      return [
        `${short}: ${num(r[def.global])} (${t(`${id}.verdict.${headlineBand(r)}`)}); ${t('maria.segments_evaluated')} ${r.segments_evaluated}/${segments.length}`,
        ...segments.map((g) => `  ${t(`segment.${g}`)}: ${segText(r, g)}`),
        ...(r.warnings || []).map((w) => `  ! ${t(`warn.${w}`)}`),
      ];
    },
    announcement() {
      const r = screen.last?.response;
      if (!r) return '';
      if (r.error) return t('live.incomplete', { name: short });
      return t('live.score', { name: short, score: num(r[def.global]), band: t(`${id}.verdict.${headlineBand(r)}`) });
    },
  };

  function render(r) {
    const summary = renderErrors(ctx, parts, r);
    grid.show(r, (g) => segText(r, g));
    if (r.error) {
      renderVerdict(ctx, parts.verdict, { summary });
      patch(parts.details);
      return;
    }
    const band = headlineBand(r);
    renderVerdict(ctx, parts.verdict, {
      score: num(r[def.global]), scoreLabel: short, band, bandKey: `${id}.verdict.${band}`,
      extra: [
        h('p', { class: 'sub' }, t('maria.no_global_cutoff')),
        r.complete ? null : h('p', { class: 'sub warn' }, t('maria.incomplete', { n: r.segments_evaluated, of: segments.length })),
      ],
    });
    const headId = `${ctx.prefix}-seg-table`;
    patch(parts.details,
      h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': headId },
        h('table', { class: 'kv mri-segments' },
          h('caption', { id: headId }, t('maria.per_segment')),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('ses.segment')), h('th', { scope: 'col' }, short),
            h('th', { scope: 'col' }, t('maria.segment_band')))),
          h('tbody', {}, segments.map((g) => h('tr', { dataset: { segment: g } },
            h('th', { scope: 'row' }, t(`segment.${g}`)),
            h('td', { dataset: { value: String(r.segment_scores[g]) } }, r.segment_scores[g] === null ? t('maria.not_evaluated_short') : num(r.segment_scores[g])),
            h('td', { dataset: { value: String(r.segment_bands[g]) } }, r.segment_bands[g] === null ? '' : t(`${id}.band.${r.segment_bands[g]}`))))),
          h('tfoot', {}, h('tr', { dataset: { segment: 'global' } },
            h('th', { scope: 'row' }, t('maria.global', { n: r.segments_evaluated, of: segments.length })),
            h('td', { dataset: { value: String(r[def.global]) } }, num(r[def.global])), h('td', {}, t('maria.no_band')))))),
      sourceList(ctx, r.sources, (k) => t(`${id}.source.${k}`)));
  }

  wire(ctx, parts.form, s, () => screen.recompute());
  return screen;
}
