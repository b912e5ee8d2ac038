// SPDX-License-Identifier: MIT
// Crohn Score web app: the Cohort screen's pictures. They draw what the core computed and
// nothing else: the Kaplan-Meier steps of `survival_curves` (estimate, log-log 95 % interval,
// censorings) with the numbers at risk of the `survival` rows at the reported weeks, and a forest
// plot of the `summary` rows (proportion and Wilson 95 % interval, ITT and observed cases) and of
// the `comparisons` (unadjusted difference with Newcombe's interval, Mantel-Haenszel with Sato's
// when strata are given). No value is computed here but the drawing's coordinates. Each picture
// has a title and description for screen readers, the same numbers as a table, and SVG and PNG
// exports saved on this device (app/download.js). SVG by hand, as app/timeline.js.
import { h, replace, svg as s } from './dom.js';
import { saveFile } from './download.js';

const SVG = 'http://www.w3.org/2000/svg';  // the exported file's namespace


const r2 = (v) => Math.round(v * 100) / 100;
const isPair = (p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'number');
const ARM_STYLES = 6;   // arm-0 ... arm-5 in app.css (colour and dash pattern), then again

// ---- exports ---------------------------------------------------------------------------------

// The drawing's look comes from app.css classes; an exported file carries it as presentation
// attributes (the computed values), so that it looks the same outside the page.
const PAINT = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-size', 'font-weight', 'font-style', 'font-family', 'paint-order', 'stroke-linejoin'];

/** The SVG text of a drawn figure, standalone (namespace, size, white background, paint). */
export function svgText(svg) {
  const clone = svg.cloneNode(true);
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    for (const p of PAINT) {
      const v = cs.getPropertyValue(p);
      if (v) to[i].setAttribute(p, v);
    }
    to[i].removeAttribute('class');
  });
  const [, , w, hh] = svg.getAttribute('viewBox').split(' ').map(Number);
  clone.setAttribute('xmlns', SVG);
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(hh));
  clone.insertBefore(s('rect', { x: 0, y: 0, width: w, height: hh, fill: '#ffffff' }), clone.querySelector('desc')?.nextSibling || clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

/**
 * A PNG of the SVG text, twice the drawing's size: the SVG as an image of a data: URL (allowed by
 * the page's img-src 'self' data:, docs/decisions.md) drawn on a canvas.
 */
export async function pngBlob(text, scale = 2) {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(img.naturalWidth * scale);
  canvas.height = Math.round(img.naturalHeight * scale);
  const g = canvas.getContext('2d');
  g.scale(scale, scale);
  g.drawImage(img, 0, 0);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG not made'))), 'image/png'));
}

function exportButtons(t, box, name) {
  const svgOf = () => svgText(box.querySelector('svg'));
  const status = h('span', { class: 'hint', role: 'status' });
  return h('div', { class: 'chart-exports' },
    h('button', { type: 'button', class: 'small', dataset: { action: `${name}-svg` }, onclick: () => saveFile(`${name}.svg`, svgOf(), 'image/svg+xml') }, t('charts.export_svg')),
    h('button', { type: 'button', class: 'small', dataset: { action: `${name}-png` }, onclick: async () => {
      status.textContent = '';
      try {
        saveFile(`${name}.png`, await pngBlob(svgOf()), 'image/png');
      } catch (e) {
        status.textContent = t('charts.png_failed', { message: e.message || String(e) });
      }
    } }, t('charts.export_png')),
    status);
}

// ---- the Kaplan-Meier curve --------------------------------------------------------------------

/**
 * The drug-survival picture of one (set, endpoint): the arms' curves (not the pooled "all" when
 * there are arms), band, censorings, and the numbers at risk at the reported weeks.
 */
function kmSvg(i18n, f, { curves, rows, width, titleId, descId, title }) {
  const { t } = i18n;
  const W = Math.max(300, Math.min(1600, Math.round(width)));
  const narrow = W < 520;
  const LEFT = 48;
  const RIGHT = 20;
  const TOP = 28 + (narrow ? 20 * Math.ceil(curves.length / 2) : 20);
  const PH = narrow ? 200 : 260;
  const weeks = [...new Set(rows.map((r) => r.week))].sort((a, b) => a - b);
  const end = Math.max(0, ...weeks, ...curves.flatMap((c) => c.steps.map((st) => st.week)));
  const span = end > 0 ? end : 1;
  const x = (w) => r2(LEFT + (w / span) * (W - LEFT - RIGHT));
  const y = (p) => r2(TOP + (1 - p) * PH);
  const bottom = TOP + PH;

  const legend = curves.map((c, i) => {
    const lx = narrow ? 4 + (i % 2) * (W / 2) : 4 + i * Math.min(220, (W - 8) / curves.length);
    const ly = narrow ? 20 + Math.floor(i / 2) * 20 : 20;
    return s('g', { class: `legend arm-${i % ARM_STYLES}` },
      s('line', { x1: lx, x2: lx + 26, y1: ly - 4, y2: ly - 4, class: 'curve' }),
      s('text', { x: lx + 32, y: ly }, f.armName(c.arm)));
  });
  const grid = [0, 0.25, 0.5, 0.75, 1].map((p) => s('g', { class: 'grid' },
    s('line', { x1: LEFT, x2: W - RIGHT, y1: y(p), y2: y(p), class: p === 0 ? 'axis' : 'gridline' }),
    s('text', { x: LEFT - 6, y: y(p) + 4, 'text-anchor': 'end', class: 'tick' }, f.pct0(p))));
  const ticks = [0, ...weeks.filter((w) => w > 0)].map((w) => s('text', { x: x(w), y: bottom + 16, 'text-anchor': 'middle', class: 'tick' }, f.week(w)));

  const drawn = curves.map((c, i) => {
    // S(t) = 1 from week 0 to the first step; then each step's estimate until the next step.
    let d = `M${x(0)},${y(1)}`;
    let band = '';
    c.steps.forEach((st, k) => {
      d += ` H${x(st.week)} V${y(st.estimate)}`;
      const next = k + 1 < c.steps.length ? c.steps[k + 1].week : st.week;
      if (isPair(st.ci95) && next > st.week) band += `M${x(st.week)},${y(st.ci95[1])} H${x(next)} V${y(st.ci95[0])} H${x(st.week)} Z `;
    });
    const marks = c.steps.filter((st) => st.censored > 0).map((st) => s('path', {
      class: 'censor', d: `M${x(st.week)},${y(st.estimate) - 5} v10`,
      'data-week': st.week, 'data-estimate': st.estimate, 'data-censored': st.censored }));
    return s('g', { class: `km-arm arm-${i % ARM_STYLES}`, 'data-arm': c.arm },
      band ? s('path', { class: 'band', d: band.trim() }) : null,
      s('path', { class: 'curve', d }),
      marks);
  });

  // Numbers at risk (the core's `survival` rows), one line per arm under the axis.
  const riskTop = bottom + 40;
  const risk = s('g', { class: 'at-risk' },
    s('text', { x: 4, y: riskTop, class: 'm-name' }, t('charts.at_risk')),
    curves.map((c, i) => {
      const yy = riskTop + 18 * (i + 1);
      return s('g', { class: `risk-row arm-${i % ARM_STYLES}`, 'data-arm': c.arm },
        // On a phone the arm's line (as in the legend), and its name when it is short.
        narrow ? s('line', { x1: 4, x2: 20, y1: yy - 4, y2: yy - 4, class: 'curve' }) : null,
        !narrow || f.armName(c.arm).length <= 3 ? s('text', { x: narrow ? 24 : 4, y: yy, class: 'risk-arm' }, f.armName(c.arm)) : null,
        weeks.map((w) => {
          const r = rows.find((x2) => x2.arm === c.arm && x2.week === w);
          return r ? s('text', { x: x(w), y: yy, 'text-anchor': 'middle', class: 'risk', 'data-week': w }, f.count(r.at_risk)) : null;
        }));
    }));
  const height = riskTop + 18 * curves.length + 10;
  return s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart-svg km-svg', role: 'img', 'aria-labelledby': titleId, 'aria-describedby': descId, focusable: 'false' },
    s('title', { id: titleId }, title),
    s('desc', { id: descId }, t('charts.km_desc', { arms: curves.map((c) => f.armName(c.arm)).join(', '), weeks: weeks.map(f.week).join(', ') })),
    legend, grid, ticks,
    s('text', { x: W - RIGHT, y: bottom + 30, 'text-anchor': 'end', class: 'tick' }, t('charts.weeks')),
    drawn, risk);
}

function kmTable(i18n, f, { curves, caption }) {
  const { t } = i18n;
  const th = (x) => h('th', { scope: 'col' }, x);
  return h('table', { class: 'data km-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, [t('cohort.arm'), t('cohort.week'), t('cohort.at_risk'), t('cohort.km_events'), t('cohort.km_censored'), t('cohort.km_estimate'), t('cohort.km_ci')].map(th))),
    h('tbody', {}, curves.flatMap((c) => c.steps.map((st) => h('tr', { dataset: { arm: c.arm, week: String(st.week) } },
      h('th', { scope: 'row' }, f.armName(c.arm)),
      h('td', { class: 'num' }, f.week(st.week)),
      h('td', { class: 'num' }, f.count(st.at_risk)),
      h('td', { class: 'num' }, f.count(st.events)),
      h('td', { class: 'num' }, f.count(st.censored)),
      h('td', { class: 'num' }, f.pct(st.estimate)),
      h('td', { class: 'num' }, f.ci(st.ci95)))))));
}

// ---- the forest plot ---------------------------------------------------------------------------

/** A row's height: 15 px per mark (ITT, observed, Mantel-Haenszel) and a margin. */
const rowHeight = (n) => Math.max(30, 10 + 15 * n);

/** A horizontal scale [lo, hi] on [x0, x1], with its tick values (percent steps). */
function scale(lo, hi, x0, x1, step) {
  const a = Math.floor(lo / step) * step;
  const b = Math.ceil(hi / step) * step || step;
  const x = (v) => r2(x0 + ((v - a) / (b - a || 1)) * (x1 - x0));
  const ticks = [];
  for (let v = a; v <= b + 1e-9; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return { x, ticks };
}

/**
 * Rows: [{label, key, marks: [{kind, value, ci}]}] grouped by `group`. `kind` names the class
 * of a mark (itt, observed, mh); a null value is written "n/a", not drawn.
 */
function forestSvg(i18n, f, { groups, width, titleId, descId, title, desc, range, step, zero, fmt, axisTitle }) {
  const W = Math.max(300, Math.min(1600, Math.round(width)));
  const narrow = W < 520;
  const VALUES = narrow ? 0 : Math.min(230, Math.round(W * 0.22));
  // Row labels left of the plot when they fit there (about 6.6 px a character at 12 px), else
  // on a line of their own above the row's marks, the plot taking the whole width.
  const longest = Math.max(...groups.flatMap((g) => g.rows.map((r) => r.label.length)));
  const LABEL_W = Math.min(320, Math.round(W * 0.34));
  const above = narrow || longest * 6.6 > LABEL_W - 8;
  const LABEL = above ? 0 : LABEL_W;
  const x0 = LABEL + (above ? 14 : 10);
  const x1 = W - VALUES - 14;
  // Tick labels at least 36 px apart (a phone gets fewer of them).
  let sc = scale(range[0], range[1], x0, x1, step);
  for (let st = step * 2; st <= 1 && (x1 - x0) / (sc.ticks.length - 1) < 36; st *= 2) sc = scale(range[0], range[1], x0, x1, st);
  let yy = 8;
  const parts = [];
  for (const g of groups) {
    yy += 18;
    parts.push(s('text', { x: 4, y: yy, class: 'm-name' }, g.title));
    yy += 6;
    for (const row of g.rows) {
      const top = yy;
      const n = row.marks.length;
      const ROW_H = rowHeight(n) + (above ? 14 : 0);
      const marksTop = top + (above ? 14 : 0);
      yy += ROW_H;
      parts.push(s('g', { class: 'forest-row', ...row.attrs },
        s('text', { x: 4, y: above ? top + 12 : top + ROW_H / 2 + 4, class: 'row-label' }, row.label),
        row.marks.map((m, k) => {
          const my = r2(marksTop + 5 + 15 * (k + 0.5));
          const attrs = { class: `mark ${m.kind}`, 'data-kind': m.kind };
          if (typeof m.value !== 'number') {
            return s('g', { ...attrs, 'data-na': 'true' },
              s('text', { x: x0 + 4, y: my + 4, class: 'na' }, `${f.na} (${m.short})`));
          }
          const ci = isPair(m.ci) ? m.ci : null;
          return s('g', { ...attrs, 'data-value': m.value, 'data-low': ci ? ci[0] : null, 'data-high': ci ? ci[1] : null },
            ci ? s('line', { x1: sc.x(ci[0]), x2: sc.x(ci[1]), y1: my, y2: my, class: 'ci' }) : null,
            m.kind === 'observed' || m.kind === 'mh'
              ? s('path', { class: 'pt', d: `M${sc.x(m.value)},${my - 5} l5,5 l-5,5 l-5,-5 Z` })
              : s('circle', { class: 'pt', cx: sc.x(m.value), cy: my, r: 4.5 }),
            s('title', {}, `${row.label}, ${m.name}: ${fmt(m.value)} (${ci ? f.range(ci) : f.na})`),
            VALUES ? s('text', { x: W - VALUES, y: my + 4, class: 'value' }, `${m.short} ${fmt(m.value)} (${ci ? f.range(ci) : f.na})`) : null);
        })));
    }
  }
  const axisY = yy + 6;
  const axis = s('g', { class: 'forest-axis' },
    s('line', { x1: x0, x2: x1, y1: axisY, y2: axisY, class: 'axis' }),
    sc.ticks.map((v) => s('g', {},
      s('line', { x1: sc.x(v), x2: sc.x(v), y1: 8, y2: axisY, class: zero && v === 0 ? 'zero' : 'gridline', 'data-zero': zero && v === 0 ? 'true' : null }),
      s('text', { x: sc.x(v), y: axisY + 16, 'text-anchor': 'middle', class: 'tick' }, f.fixed0(100 * v)))),
    s('text', { x: (x0 + x1) / 2, y: axisY + 34, 'text-anchor': 'middle', class: 'tick axis-title' }, axisTitle));
  const height = axisY + 42;
  return s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart-svg forest-svg', role: 'img', 'aria-labelledby': titleId, 'aria-describedby': descId, focusable: 'false' },
    s('title', { id: titleId }, title), s('desc', { id: descId }, desc), axis, parts);
}

function forestTable(caption, groups, fmt, f, cols) {
  return h('table', { class: 'data forest-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, groups.flatMap((g) => g.rows.flatMap((row) => row.marks.map((m) => h('tr', {},
      h('th', { scope: 'row' }, `${g.title}, ${row.label}`),
      h('td', {}, m.name),
      cols.length > 4 ? h('td', { class: 'num' }, m.count) : null,
      h('td', { class: 'num' }, typeof m.value === 'number' ? fmt(m.value) : f.na),
      h('td', { class: 'num' }, isPair(m.ci) ? f.range(m.ci) : f.na)))))));
}

// ---- the section -------------------------------------------------------------------------------

function figure(t, { key, title, caption, draw, table, name, prefix }) {
  const box = h('div', { class: 'chart-box' });
  const details = h('details', { class: 'chart-alt' }, h('summary', {}, t('charts.table')),
    h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': `${title}: ${t('charts.table')}` }, table));
  let drawnFor = 0;
  const paint = () => {
    const width = box.clientWidth || 640;
    replace(box, draw(width, `${prefix}-${key}`));
    drawnFor = width;
  };
  paint();
  // Drawn for its box's width (text keeps its size), again when the width changes.
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => {
      const w = box.clientWidth;
      if (w && Math.abs(w - drawnFor) > 24) paint();
    }).observe(box);
  }
  return h('figure', { class: 'chart', dataset: { chart: key } },
    h('figcaption', {}, h('strong', {}, title), ' ', caption),
    box, exportButtons(t, box, name), details);
}

/**
 * The pictures of a cohort analysis `a` (the core's JSON), formatted with the screen's helpers
 * `f` ({setName, epName, armName, pct, ci (range), diffCi, week, count, fixed, na}). Returns a
 * section, or null when there is nothing to draw.
 */
export function cohortCharts(ctx, a, f0, base = 'cohort') {
  const { t } = ctx.i18n;
  const fixed0 = (v) => ctx.i18n.num(Math.round(v), 0);
  // Axis labels: whole percents (the values themselves are written with the screen's decimals).
  const f = { ...f0, range: f0.ci, fixed0, pct0: (p) => t('cohort.percent', { v: fixed0(100 * p) }) };
  const figs = [];
  const multiSet = a.definition_sets.length > 1;
  const groupTitle = (set, ep, label) => (multiSet ? `${f.setName(set)}: ` : '') + f.epName(set, ep, label);

  // Kaplan-Meier: one figure per (set, endpoint) of the survival curves.
  const kmKeys = [...new Map((a.survival_curves || []).map((c) => [`${c.set}|${c.endpoint}`, c])).values()];
  kmKeys.forEach((k, i) => {
    const all = a.survival_curves.filter((c) => c.set === k.set && c.endpoint === k.endpoint);
    const curves = all.length > 1 ? all.filter((c) => c.arm !== 'all') : all;
    const rows = (a.survival || []).filter((r) => r.set === k.set && r.endpoint === k.endpoint);
    const title = t('charts.km_title', { endpoint: groupTitle(k.set, k.endpoint) });
    figs.push(figure(t, { key: `km-${i}`, title, caption: t('charts.km_caption'), name: `${base}-km-${k.endpoint}`, prefix: ctx.prefix,
      table: kmTable(ctx.i18n, f, { curves, caption: title }),
      draw: (width, id) => kmSvg(ctx.i18n, f, { curves, rows, width, title, titleId: `${id}-title`, descId: `${id}-desc` }) }));
  });

  // Forest plot of the rates: per (set, endpoint), a row per week and arm, ITT and observed.
  const rateGroups = [];
  for (const r of a.summary || []) {
    const title = groupTitle(r.set, r.endpoint, r.label);
    let g = rateGroups.find((x) => x.key === `${r.set}|${r.endpoint}`);
    if (!g) rateGroups.push(g = { key: `${r.set}|${r.endpoint}`, title, rows: [] });
    const mark = (d) => ({ kind: d, name: t(`cohort.${d}`), short: t(`charts.short_${d}`), value: r[d].proportion, ci: r[d].wilson_95, count: `${r[d].n}/${r[d].N}` });
    g.rows.push({ label: t('charts.row', { week: f.week(r.week), arm: f.armName(r.arm) }),
      attrs: { 'data-set': r.set, 'data-endpoint': r.endpoint, 'data-week': r.week, 'data-arm': r.arm },
      marks: [mark('itt'), mark('observed')] });
  }
  if (rateGroups.length) {
    const title = t('charts.rates_title');
    figs.push(figure(t, { key: 'rates', title, caption: t('charts.rates_caption'), name: `${base}-rates`, prefix: ctx.prefix,
      table: forestTable(title, rateGroups, f.pct, f, [t('cohort.endpoint'), t('charts.denominator'), t('cohort.n_of_N'), t('charts.proportion'), t('cohort.wilson')]),
      draw: (width, id) => forestSvg(ctx.i18n, f, { groups: rateGroups, width, title, titleId: `${id}-title`, descId: `${id}-desc`,
        desc: t('charts.rates_desc', { n: a.summary.length }), range: [0, 1], step: 0.25, zero: false, fmt: f.pct, axisTitle: `${t('charts.proportion')} (%)` }) }));
  }

  // Forest plot of the arm differences (a line at 0): unadjusted with Newcombe, and the
  // Mantel-Haenszel difference with Sato's interval when the core gives one.
  const cmp = a.comparisons || [];
  if (cmp.length) {
    const diffGroups = [];
    const bounds = [0];
    for (const c of cmp) {
      const title = groupTitle(c.set, c.endpoint);
      let g = diffGroups.find((x) => x.key === `${c.set}|${c.endpoint}`);
      if (!g) diffGroups.push(g = { key: `${c.set}|${c.endpoint}`, title, rows: [] });
      const marks = [];
      for (const d of ['itt', 'observed']) {
        marks.push({ kind: d, name: `${t(`cohort.${d}`)}, ${t('cohort.unadjusted_difference')}`, short: t(`charts.short_${d}`), value: c[d].difference, ci: c[d].newcombe_95 });
        const mh = c[d].mantel_haenszel;
        if (mh) marks.push({ kind: 'mh', name: `${t(`cohort.${d}`)}, ${t('cohort.mh_difference')}`, short: t('charts.short_mh', { d: t(`charts.short_${d}`) }), value: mh.risk_difference, ci: mh.sato_95 });
      }
      for (const m of marks) {
        if (typeof m.value === 'number') bounds.push(m.value);
        if (isPair(m.ci)) bounds.push(...m.ci);
      }
      g.rows.push({ label: t('charts.diff_row', { week: f.week(c.week), a: c.arms[0], b: c.arms[1] }),
        attrs: { 'data-set': c.set, 'data-endpoint': c.endpoint, 'data-week': c.week }, marks });
    }
    const title = t('charts.diff_title', { a: cmp[0].arms[0], b: cmp[0].arms[1] });
    const diff = (v) => f.fixed(100 * v);
    figs.push(figure(t, { key: 'differences', title, caption: t('charts.diff_caption'), name: `${base}-differences`, prefix: ctx.prefix,
      table: forestTable(title, diffGroups, diff, { ...f, range: f.diffCi }, [t('cohort.endpoint'), t('charts.estimate'), t('charts.pp'), t('charts.ci')]),
      draw: (width, id) => forestSvg(ctx.i18n, { ...f, range: f.diffCi }, { groups: diffGroups, width, title, titleId: `${id}-title`, descId: `${id}-desc`,
        desc: t('charts.diff_desc', { n: cmp.length }), range: [Math.max(-1, Math.min(...bounds)), Math.min(1, Math.max(...bounds))], step: 0.25, zero: true, fmt: diff, axisTitle: t('charts.pp') }) }));
  }
  if (!figs.length) return null;
  const id = `${ctx.prefix}-charts-title`;
  return h('section', { class: 'cohort-part charts', 'aria-labelledby': id, dataset: { part: 'charts' } },
    h('h4', { id }, t('charts.title')), h('p', { class: 'hint' }, t('charts.intro')), ...figs);
}
