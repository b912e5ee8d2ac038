// SPDX-License-Identifier: MIT
// Crohn Score web app: the cohort's descriptive table (a paper's Table 1), as the core computed it
// (`baseline_table` of the analysis, core/src/cohort_baseline.cpp): per arm, at baseline and at
// each reported week, n, mean (SD), median (IQR) and range of each score and biomarker, and the
// band counts. The page formats numbers; it computes none.
import { h } from './dom.js';

// The core's measure keys and the catalog keys naming them (the same names as the timeline's).
const MEASURE_NAMES = {
  hbi: 'hbi.short', cdai: 'cdai.short', ses_cd: 'ses.short', pro2_sf: 'timeline.sf', pro2_ap: 'timeline.ap',
  fecal_calprotectin_ug_g: 'timeline.fc', crp_mg_l: 'timeline.crp', bwt_mm: 'timeline.bwt', ibdq: 'baseline.ibdq',
};
const UNITS = { fecal_calprotectin_ug_g: 'µg/g', crp_mg_l: 'mg/L', bwt_mm: 'mm' };

/** The section, or null when the analysis has no table. `f` holds the screen's formatters. */
export function baselineSection(ctx, a, { armName, week, count, prefix }) {
  const { t, num } = ctx.i18n;
  const rows = a.baseline_table?.rows;
  if (!rows?.length) return null;
  const n2 = (v) => (v === null || v === undefined ? t('baseline.na') : num(v, 2));
  const when = (r) => (r.week === null ? t('baseline.at_baseline') : t('visits.week_short', { w: week(r.week) }));
  const measureName = (k) => (MEASURE_NAMES[k] ? t(MEASURE_NAMES[k]) : k) + (UNITS[k] ? ` (${UNITS[k]})` : '');
  const captionId = `${prefix}-baseline-caption`;
  const body = [];
  for (const r of rows) {
    const measured = Object.entries(r.measures).filter(([, m]) => m.n > 0 || m.censored > 0);
    measured.forEach(([key, m], i) => {
      body.push(h('tr', { dataset: { arm: r.arm, week: r.week === null ? 'baseline' : String(r.week), measure: key }, class: i === 0 ? 'first' : null },
        i === 0 ? h('th', { scope: 'rowgroup', rowspan: String(measured.length) }, `${armName(r.arm)} · ${when(r)} · ${t('baseline.patients', { n: count(r.patients) })}`) : null,
        h('th', { scope: 'row' }, measureName(key)),
        h('td', { class: 'num', dataset: { col: 'n' } }, count(m.n)),
        h('td', { class: 'num', dataset: { col: 'mean_sd' } }, `${n2(m.mean)} (${n2(m.sd)})`),
        h('td', { class: 'num', dataset: { col: 'median_iqr' } }, `${n2(m.median)} (${n2(m.q1)}–${n2(m.q3)})`),
        h('td', { class: 'num', dataset: { col: 'range' } }, `${n2(m.min)}–${n2(m.max)}`),
        h('td', { class: 'num', dataset: { col: 'missing' } }, count(m.missing) + (m.censored ? ` ${t('baseline.censored', { n: count(m.censored) })}` : ''))));
    });
  }
  const bands = (b) => ['remission', 'mild', 'moderate', 'severe'].map((k) => `${t(`band.${k}`)} ${count(b[k])}`).join(', ');
  const above = (x) => (x.of ? t('baseline.of', { n: count(x.n), of: count(x.of) }) + (x.undecided ? ` ${t('baseline.undecided', { n: count(x.undecided) })}` : '') : t('baseline.na'));
  const bandRows = rows.map((r) => h('tr', { dataset: { arm: r.arm, week: r.week === null ? 'baseline' : String(r.week) } },
    h('th', { scope: 'row' }, `${armName(r.arm)} · ${when(r)}`),
    h('td', { dataset: { col: 'hbi' } }, r.measures.hbi.n ? bands(r.bands.hbi) : t('baseline.na')),
    h('td', { dataset: { col: 'ses_cd' } }, r.measures.ses_cd.n ? bands(r.bands.ses_cd) : t('baseline.na')),
    h('td', { class: 'num', dataset: { col: 'crp5' } }, above(r.bands.crp_mg_l_at_or_above_5)),
    h('td', { class: 'num', dataset: { col: 'fc150' } }, above(r.bands.fecal_calprotectin_at_or_above_150)),
    h('td', { class: 'num', dataset: { col: 'fc250' } }, above(r.bands.fecal_calprotectin_at_or_above_250))));
  const bandsCaption = `${prefix}-baseline-bands-caption`;
  return h('section', { class: 'cohort-part baseline', 'aria-labelledby': `${prefix}-baseline-title`, dataset: { part: 'baseline' } },
    h('h4', { id: `${prefix}-baseline-title` }, t('baseline.title')),
    h('p', { class: 'hint' }, t('baseline.note')),
    h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': captionId },
      h('table', { class: 'data baseline-table' },
        h('caption', { id: captionId }, t('baseline.caption')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('baseline.group')), h('th', { scope: 'col' }, t('baseline.measure')),
          h('th', { scope: 'col' }, 'n'), h('th', { scope: 'col' }, t('baseline.mean_sd')),
          h('th', { scope: 'col' }, t('baseline.median_iqr')), h('th', { scope: 'col' }, t('baseline.range')),
          h('th', { scope: 'col' }, t('baseline.missing')))),
        h('tbody', {}, body))),
    h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': bandsCaption },
      h('table', { class: 'data baseline-bands' },
        h('caption', { id: bandsCaption }, t('baseline.bands_caption')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('baseline.group')), h('th', { scope: 'col' }, t('baseline.hbi_bands')),
          h('th', { scope: 'col' }, t('baseline.ses_bands')), h('th', { scope: 'col' }, t('baseline.crp5')),
          h('th', { scope: 'col' }, t('baseline.fc150')), h('th', { scope: 'col' }, t('baseline.fc250')))),
        h('tbody', {}, bandRows))));
}
