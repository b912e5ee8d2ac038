// SPDX-License-Identifier: MIT
// Crohn Score web app: the Simple Endoscopic Score for Crohn's Disease (Daperno et al., GIE 2004):
// a 5 x 4 grid (segments x variables), each cell 0-3 with its wording, a "not examined" and a
// "resected" toggle per segment (one state at a time), after a resection the question whether the
// ileum scored is the neoterminal ileum, the core's warnings shown inline where they apply.
import { h, patch, replace } from '../dom.js';
import { SEGMENTS, SES_ITEMS, emptySesCd } from '../state.js';
import { yesNo } from '../fields.js';
import { layout, wire, renderVerdict, renderErrors, kvTable, warningText, warningsOf, addWorkedExample, verdictHeadline } from './common.js';

/** The core request from the raw grid: untouched cells are absent (the core names them). */
export function sesInputs(s) {
  const segments = {};
  for (const seg of SEGMENTS) {
    const raw = s.segments[seg];
    if (raw.resected) { segments[seg] = { resected: true }; continue; }
    if (raw.not_evaluated) { segments[seg] = { not_evaluated: true }; continue; }
    const cell = {};
    for (const item of SES_ITEMS) if (raw[item] !== '') cell[item] = Number(raw[item]);
    if (Object.keys(cell).length) segments[seg] = cell;
  }
  if (!Object.keys(segments).length) return {};
  // Asked (and sent) only after a resection; left blank it is not sent and the core names it.
  if (anyResected(s) && s.ileum_is_neoterminal) return { segments, ileum_is_neoterminal: s.ileum_is_neoterminal === 'yes' };
  return { segments };
}

const anyResected = (s) => SEGMENTS.some((g) => s.segments[g].resected);

export function createSesCd(ctx) {
  const { t } = ctx.i18n;
  const s = ctx.state;
  const parts = layout(ctx, { id: 'ses_cd', title: t('ses.title'), intro: t('ses.intro') });
  const gridWarnings = h('ul', { class: 'warnings inline', hidden: true, dataset: { testid: 'grid-warnings' } });
  const rowWarnings = {};
  const rowScores = {};

  const head = h('div', { class: 'ses-head', 'aria-hidden': 'true' },
    h('span', {}, t('ses.segment')), SES_ITEMS.map((i) => h('span', {}, t(`ses.${i}`))), h('span', {}, `${t('ses.not_examined')} / ${t('ses.resected')}`), h('span', {}));

  const rows = SEGMENTS.map((seg) => {
    const raw = s.segments[seg];
    const labelId = `${ctx.prefix}-${seg}-label`;
    rowWarnings[seg] = h('ul', { class: 'warnings inline', hidden: true });
    rowScores[seg] = h('output', { class: 'seg-score', dataset: { segment: seg } });
    const cells = SES_ITEMS.map((item) => {
      const id = `${ctx.prefix}-${seg}-${item}`;
      return h('div', { class: 'field cell', dataset: { paths: `segments.${seg}.${item}`, label: `${t(`segment.${seg}`)} – ${t(`ses.${item}`)}` } },
        h('label', { for: id, class: 'cell-label' }, t(`ses.${item}`)),
        h('select', { id, name: `segments.${seg}.${item}`, disabled: raw.not_evaluated || raw.resected, dataset: { kind: 'integer' },
          'aria-describedby': labelId },
        h('option', { value: '', selected: raw[item] === '' }, t('ses.choose')),
        [0, 1, 2, 3].map((lv) => h('option', { value: String(lv), selected: raw[item] === String(lv) },
          `${lv} – ${t(`ses.${item}.${lv}`)}`))),
        h('p', { class: 'field-error', id: `${id}-err`, hidden: true }));
    });
    const neId = `${ctx.prefix}-${seg}-ne`;
    const rsId = `${ctx.prefix}-${seg}-rs`;
    return h('div', { class: 'field ses-row', role: 'group', 'aria-labelledby': labelId,
      dataset: { paths: `segments.${seg}`, label: t(`segment.${seg}`), segment: seg } },
    h('div', { class: 'seg-name' }, h('span', { id: labelId, class: 'seg-title' }, t(`segment.${seg}`)), ' ', rowScores[seg]),
    cells,
    h('div', { class: 'option ne' },
      h('input', { type: 'checkbox', id: neId, name: `segments.${seg}.not_evaluated`, checked: raw.not_evaluated, dataset: { kind: 'bool' },
        'aria-describedby': labelId }),
      h('label', { for: neId }, t('ses.not_examined')),
      h('input', { type: 'checkbox', id: rsId, name: `segments.${seg}.resected`, checked: raw.resected, dataset: { kind: 'bool' },
        'aria-describedby': labelId }),
      h('label', { for: rsId }, t('ses.resected'))),
    h('div', { class: 'seg-actions' },
      h('button', { type: 'button', class: 'small', dataset: { normal: seg }, 'aria-describedby': labelId, disabled: raw.not_evaluated || raw.resected },
        t('ses.normal'))),
    rowWarnings[seg],
    h('p', { class: 'field-error', id: `${ctx.prefix}-${seg}-err`, hidden: true }));
  });

  const levelsId = `${ctx.prefix}-levels`;
  const legend = h('details', { class: 'levels', open: true },
    h('summary', { id: levelsId }, t('ses.levels')),
    h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': levelsId }, h('table', { class: 'levels' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('ses.variable')), [0, 1, 2, 3].map((lv) => h('th', { scope: 'col' }, String(lv))))),
      h('tbody', {}, SES_ITEMS.map((item) => h('tr', {}, h('th', { scope: 'row' }, t(`ses.${item}`)),
        [0, 1, 2, 3].map((lv) => h('td', {}, t(`ses.${item}.${lv}`)))))))));

  // After a resection: is the ileum scored the neoterminal ileum? (clinical-spec-instruments §3.2)
  const neoterminal = yesNo(ctx, { name: 'ileum_is_neoterminal', label: t('ses.ileum_is_neoterminal'),
    hint: t('ses.ileum_is_neoterminal_hint'), value: s.ileum_is_neoterminal });
  neoterminal.classList.add('ses-neoterminal');
  parts.form.append(h('div', { class: 'ses-grid', dataset: { paths: 'segments', label: t('ses.all_segments') } }, head, rows),
    neoterminal, gridWarnings, legend);

  // "Normal (all 0)": an explicit action that sets the segment's four cells to 0.
  parts.form.addEventListener('click', (e) => {
    const btn = e.target.closest('button[data-normal]');
    if (!btn) return;
    const seg = btn.dataset.normal;
    for (const item of SES_ITEMS) {
      s.segments[seg][item] = '0';
      parts.form.querySelector(`select[name="segments.${seg}.${item}"]`).value = '0';
    }
    screen.recompute();
    ctx.changed();
  });

  addWorkedExample(ctx, parts, {
    instrument: 'ses_cd',
    toState: (x) => {
      const st = emptySesCd();
      for (const [seg, cell] of Object.entries(x.segments)) {
        if (cell.resected) { st.segments[seg].resected = true; continue; }
        if (cell.not_evaluated) { st.segments[seg].not_evaluated = true; continue; }
        for (const item of SES_ITEMS) if (item in cell) st.segments[seg][item] = String(cell[item]);
      }
      return st;
    },
    expected: (r) => `${t('ses.short')} ${r.ses_cd_total}, ${t(`band.${r.ses_cd_band}`)}`,
  });

  const screen = {
    id: 'ses_cd', instrument: 'ses_cd', el: parts.el, last: null,
    recompute() {
      const inputs = sesInputs(s);
      const response = ctx.core.evaluate('ses_cd', inputs);
      screen.last = { inputs, response };
      render(response);
      ctx.result('ses_cd', inputs, response);
      return response;
    },
    /** The printout's emphasised lines, or null without a valid result. */
    headline() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      return verdictHeadline(ctx, { scoreLabel: t('ses.short'), score: r.ses_cd_total, band: r.ses_cd_band, warnings: warningsOf(r) });
    },
    note() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      const seg = SEGMENTS.map((g) => `${t(`segment.${g}`)} ${r.segment_scores[g] ?? stateShort(g)}`).join('; ');
      return [
        `${t('ses.short')}: ${r.ses_cd_total} (${t(`band.${r.ses_cd_band}`)}); ${t('ses.excluding_narrowing')} ${r.ses_cd_excluding_narrowing}; ` +
        `${t('ses.segments_evaluated')} ${r.segments_evaluated}/5`,
        `  ${seg}`,
        ...warningsOf(r).map((w) => `  ! ${warningText(ctx, w)}`),
      ];
    },
    announcement() {
      const r = screen.last?.response;
      if (!r) return '';
      if (r.error) return t('live.incomplete', { name: t('ses.short') });
      return t('live.score', { name: t('ses.short'), score: r.ses_cd_total, band: t(`band.${r.ses_cd_band}`) });
    },
  };

  /** "not examined" or "resected", for a segment without a score. */
  function stateShort(seg) {
    return t(s.segments[seg].resected ? 'ses.resected_short' : 'ses.not_examined_short');
  }

  function render(r) {
    neoterminal.hidden = !anyResected(s);  // before the errors, which name the fields shown
    const summary = renderErrors(ctx, parts, r);
    for (const seg of SEGMENTS) {
      const ne = s.segments[seg].not_evaluated || s.segments[seg].resected;
      for (const sel of parts.form.querySelectorAll(`select[name^="segments.${seg}."]`)) sel.disabled = ne;
      parts.form.querySelector(`button[data-normal="${seg}"]`).disabled = ne;
      rowScores[seg].textContent = '';
      replace(rowWarnings[seg]);
      rowWarnings[seg].hidden = true;
    }
    replace(gridWarnings);
    gridWarnings.hidden = true;
    if (r.error) {
      renderVerdict(ctx, parts.verdict, { summary });
      patch(parts.details);
      return;
    }
    for (const w of warningsOf(r)) {
      const list = w.where && rowWarnings[w.where] ? rowWarnings[w.where] : gridWarnings;
      list.append(h('li', { dataset: { warning: w.text } }, warningText(ctx, w)));
      list.hidden = false;
    }
    for (const seg of SEGMENTS) {
      const v = r.segment_scores[seg];
      rowScores[seg].textContent = v === null ? stateShort(seg) : t('ses.segment_score', { n: v });
    }
    renderVerdict(ctx, parts.verdict, { score: String(r.ses_cd_total), scoreLabel: t('ses.short'), band: r.ses_cd_band,
      warnings: warningsOf(r).filter((w) => w.code !== 'incomplete_examination' && w.code !== 'resected_segments'),
      extra: [
        r.complete ? null : h('p', { class: 'sub warn' }, t('ses.incomplete_total', { n: r.segments_evaluated })),
        // Postoperative anatomy: the total covers the segments present; the Rutgeerts score is
        // the one made for the neoterminal ileum and the anastomosis.
        r.segments_resected ? h('p', { class: 'sub warn', dataset: { resected: String(r.segments_resected) } },
          t('ses.resected_total', { n: r.segments_resected, m: SEGMENTS.length - r.segments_resected }), ' ',
          h('a', { href: '#rutgeerts' }, t('ses.offer_rutgeerts'))) : null,
      ].filter(Boolean) });
    patch(parts.details,
      kvTable(t('ses.subtotals'), SES_ITEMS.map((i) => [t(`ses.${i}`), String(r.subtotals[i])])),
      kvTable(t('result.numbers'), [
        ...SEGMENTS.map((g) => [t(`segment.${g}`), r.segment_scores[g] === null ? stateShort(g) : String(r.segment_scores[g])]),
        [t('ses.excluding_narrowing'), String(r.ses_cd_excluding_narrowing)],
        [t('ses.segments_evaluated'), `${r.segments_evaluated} / 5`],
        ...(r.segments_resected ? [[t('ses.segments_resected'), String(r.segments_resected)]] : []),
        [t('ses.max_item'), String(r.max_item_score)],
        [t('ses.any_ulcer'), r.any_ulcer ? t('common.yes') : t('common.no')],
      ]),
      r.warnings?.length ? h('ul', { class: 'warnings' }, warningsOf(r).map((w) => h('li', {}, warningText(ctx, w)))) : null,
      h('p', { class: 'source' }, t('ses.bands_note')));
  }

  // One state per segment: "resected" and "not examined" exclude each other.
  wire(ctx, parts.form, s, () => screen.recompute(), (path) => {
    const m = path.match(/^segments\.(\w+)\.(resected|not_evaluated)$/);
    if (!m || !s.segments[m[1]][m[2]]) return;
    const other = m[2] === 'resected' ? 'not_evaluated' : 'resected';
    s.segments[m[1]][other] = false;
    parts.form.querySelector(`input[name="segments.${m[1]}.${other}"]`).checked = false;
  });
  return screen;
}
