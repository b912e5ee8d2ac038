// SPDX-License-Identifier: MIT
// Crohn Score web app: the visits timeline. It draws what the core computed and defines, and
// nothing else: each visit's scores (the `scores` of the endpoints response), the fixed levels
// of the chosen definition sets' endpoints (`levels` in definitions()) as dashed lines, and each
// follow-up visit's verdicts per set. No value is computed here but the drawing's coordinates.
// SVG by hand, no library: it is a few lines and boxes (docs/decisions.md, 20).
import { h, svg as s } from './dom.js';


/**
 * The measures drawn, in the order of the visit form, with the i18n key of their name, their
 * unit and the decimals shown. Keys are the core's score keys (docs/contract.md).
 */
export const MEASURES = [
  { key: 'hbi_total', name: 'hbi.short', decimals: 0 },
  { key: 'cdai_total', name: 'cdai.short', decimals: 0 },
  { key: 'ses_cd_total', name: 'ses.short', decimals: 0 },
  { key: 'sf_avg', name: 'timeline.sf', decimals: 2 },
  { key: 'ap_avg', name: 'timeline.ap', decimals: 2 },
  { key: 'fecal_calprotectin_ug_g', name: 'timeline.fc', unit: 'µg/g', decimals: 0 },
  { key: 'crp_mg_l', name: 'timeline.crp', unit: 'mg/L', decimals: 1 },
  { key: 'bwt_mm', name: 'timeline.bwt', unit: 'mm', decimals: 1 },
];

// Drawing units are CSS pixels of the box the figure is drawn for (`width`), so that the text
// keeps its size on a phone and on a desktop; the screen draws again when the box's width changes.
const PANEL_H = 108;     // a measure's name above its plot
const LEFT = 40;        // room for the axis values
const PAD = 20;         // room for a point's label at either end
const TOP = 4;
const STRIP_H = 46;     // one verdict strip per set: its name above the marks

/**
 * The timeline of a visits response: a figure with one panel per measure that has a value at
 * some visit, the chosen sets' levels on it, a verdict strip per set, and a table with the same
 * numbers. `sets` are the response's sets; `levelsOf(setId)` the set's endpoints from
 * definitions() (with `levels`); `visitName(visit)` names a visit as the screen does.
 */
export function timeline(i18n, { response, levelsOf, visitName, idPrefix, width = 640 }) {
  const W = Math.max(300, Math.min(1600, Math.round(width)));
  // A wide box keeps the levels' labels right of the plot; a narrow one writes them on the line,
  // at the left, to give the plot the whole width.
  const narrow = W < 520;
  const RIGHT = narrow ? 8 : Math.round(Math.min(220, W * 0.32));
  const { t, num } = i18n;
  const visits = response.visits.filter((v) => typeof v.week === 'number');
  const drawn = MEASURES.filter((m) => visits.some((v) => typeof v.scores?.[m.key] === 'number'));
  if (!drawn.length || visits.length < 2) return null;
  const weeks = visits.map((v) => v.week);
  const w0 = Math.min(...weeks);
  const w1 = Math.max(...weeks);
  const span = w1 > w0 ? w1 - w0 : 1;
  const x = (w) => LEFT + PAD + ((w - w0) / span) * (W - LEFT - RIGHT - 2 * PAD);
  const label = (m) => t(m.name) + (m.unit ? ` (${m.unit})` : '');

  // The levels per measure: one line per distinct comparison and value, naming the sets.
  const levels = new Map(drawn.map((m) => [m.key, new Map()]));
  for (const set of response.sets) {
    for (const ep of levelsOf(set.id) || []) {
      for (const lv of ep.levels || []) {
        const lines = levels.get(lv.measure);
        if (!lines) continue;
        const k = `${lv.comparison}${lv.value}`;
        if (!lines.has(k)) lines.set(k, { ...lv, sets: new Set() });
        lines.get(k).sets.add(t(`set_short.${set.id}`));
      }
    }
  }

  const titleId = `${idPrefix}-timeline-title`;
  const descId = `${idPrefix}-timeline-desc`;
  const panels = drawn.map((m, i) => {
    const y0 = TOP + i * PANEL_H;
    const values = visits.map((v) => v.scores?.[m.key]).filter((v) => typeof v === 'number');
    const lines = [...levels.get(m.key).values()];
    const top = Math.max(...values, ...lines.map((l) => l.value), 0) * 1.1 || 1;
    const bottom = Math.min(0, ...values);
    const y = (v) => y0 + PANEL_H - 12 - ((v - bottom) / (top - bottom)) * (PANEL_H - 50);
    const pts = visits.filter((v) => typeof v.scores?.[m.key] === 'number');
    // Level labels from the bottom up, each at least a line above the one below it.
    const placed = lines.map((l) => ({ l, at: y(l.value) + (narrow ? -3 : 4) })).sort((a, b) => b.at - a.at);
    for (let k = 1; k < placed.length; k++) placed[k].at = Math.min(placed[k].at, placed[k - 1].at - 14);
    return s('g', { class: 'panel', 'data-measure': m.key },
      s('text', { x: 4, y: y0 + 16, class: 'm-name' }, label(m)),
      s('line', { x1: LEFT, x2: W - RIGHT, y1: y(bottom), y2: y(bottom), class: 'axis' }),
      s('text', { x: LEFT - 6, y: y(bottom) + 4, class: 'tick', 'text-anchor': 'end' }, num(bottom, 0)),
      placed.map(({ l, at }) => s('g', { class: 'level', 'data-value': l.value },
        s('line', { x1: LEFT, x2: W - RIGHT, y1: y(l.value), y2: y(l.value) }),
        s('text', { x: narrow ? LEFT + 4 : W - RIGHT + 6, y: at, class: 'level-label' },
          `${l.comparison.replace('<=', '≤').replace('>=', '≥')} ${num(l.value, m.decimals)} ${[...l.sets].join(', ')}`))),
      pts.length > 1 ? s('polyline', { class: 'trace', points: pts.map((v) => `${x(v.week)},${y(v.scores[m.key])}`).join(' ') }) : null,
      pts.map((v) => s('g', { class: v.baseline ? 'pt baseline' : 'pt' },
        v.baseline
          ? s('rect', { x: x(v.week) - 4.5, y: y(v.scores[m.key]) - 4.5, width: 9, height: 9 })
          : s('circle', { cx: x(v.week), cy: y(v.scores[m.key]), r: 4.5 }),
        s('title', {}, `${visitName(v)}: ${label(m)} ${num(v.scores[m.key], m.decimals)}`),
        s('text', { x: x(v.week), y: y(v.scores[m.key]) - 8, class: 'pt-label', 'text-anchor': 'middle' }, num(v.scores[m.key], m.decimals)))));
  });

  // The verdicts: per set, at each follow-up visit, the counts achieved / not / not evaluable.
  const stripsTop = TOP + drawn.length * PANEL_H;
  const strips = response.sets.map((set, j) => {
    const yy = stripsTop + j * STRIP_H;
    return s('g', { class: 'strip', 'data-set': set.id },
      s('text', { x: 4, y: yy + 14, class: 'm-name' }, t(`set.${set.id}`)),
      set.visits.map((fv) => {
        const c = { achieved: 0, not_achieved: 0, not_evaluable: 0 };
        for (const ep of fv.endpoints) c[ep.verdict] += 1;
        const cls = c.achieved && !c.not_achieved ? 'all' : c.achieved ? 'some' : c.not_achieved ? 'none' : 'unknown';
        return s('g', { class: `mark ${cls}` },
          s('rect', { x: x(fv.week) - 28, y: yy + 20, width: 56, height: 21, rx: 4 }),
          s('text', { x: x(fv.week), y: yy + 35, 'text-anchor': 'middle' }, `✓${c.achieved} ✗${c.not_achieved}`));
      }));
  });
  const axisY = stripsTop + response.sets.length * STRIP_H + 16;
  const axis = s('g', { class: 'weeks' },
    visits.map((v) => s('text', { x: x(v.week), y: axisY, 'text-anchor': 'middle', class: 'tick' },
      t('visits.week_short', { w: num(v.week, 1) }))));
  const height = axisY + 8;

  const summary = t('timeline.desc', { n: visits.length, measures: drawn.map(label).join(', '), sets: response.sets.map((x2) => t(`set.${x2.id}`)).join(', ') });
  const svg = s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'timeline-svg', role: 'img', 'aria-labelledby': titleId, 'aria-describedby': descId, focusable: 'false' },
    s('title', { id: titleId }, t('timeline.title')),
    s('desc', { id: descId }, summary),
    panels, strips, axis);

  // The same numbers as a table (the figure's text alternative, and readable by keyboard).
  const table = h('table', { class: 'data timeline-table' },
    h('caption', {}, t('timeline.table')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('timeline.visit')),
      drawn.map((m) => h('th', { scope: 'col' }, label(m))),
      response.sets.map((set) => h('th', { scope: 'col' }, t(`set.${set.id}`))))),
    h('tbody', {}, visits.map((v) => h('tr', {},
      h('th', { scope: 'row' }, visitName(v)),
      drawn.map((m) => h('td', {}, typeof v.scores?.[m.key] === 'number' ? num(v.scores[m.key], m.decimals) : '–')),
      response.sets.map((set) => {
        const fv = set.visits.find((f) => f.week === v.week && f.visit === v.label) || set.visits.find((f) => f.week === v.week);
        if (!fv || v.baseline) return h('td', {}, '–');
        const c = { achieved: 0, not_achieved: 0, not_evaluable: 0 };
        for (const ep of fv.endpoints) c[ep.verdict] += 1;
        return h('td', {}, t('answer.bar', { a: c.achieved, n: c.not_achieved, e: c.not_evaluable }));
      })))));

  return h('figure', { class: 'timeline', dataset: { testid: 'timeline' } },
    h('figcaption', {}, h('strong', {}, t('timeline.title')), ' ', t('timeline.caption')),
    h('div', { class: 'timeline-box' }, svg),
    h('details', { class: 'timeline-alt' }, h('summary', {}, t('timeline.table')), h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': t('timeline.table') }, table)));
}
