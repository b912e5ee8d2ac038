// SPDX-License-Identifier: MIT
// Crohn Score web app: the per-segment grid the CDEIS, MaRIA and sMaRIA screens share: one row per
// segment (the screen's list, in anatomical order), one cell per item (a yes/no
// select or a typed number), a "not explored / not evaluated" toggle per row, the segment's score
// and the core's warnings inline in its row. Input handling only: every score comes from the core.
import { h, replace } from '../dom.js';
import { put, requestValue } from '../numbers.js';
import { typedNumber, warningText } from './common.js';

function emptyRow(items, skip) {
  return { ...Object.fromEntries(items.map((i) => [i.id, ''])), [skip]: false };
}

/** Gives every segment of `segments` a row in the state (an older or empty state has none). */
export function ensureRows(s, segments, items, skip) {
  if (!s.segments || typeof s.segments !== 'object') s.segments = {};
  for (const seg of segments) s.segments[seg] = { ...emptyRow(items, skip), ...(s.segments[seg] || {}) };
}

/**
 * The core request's `segments` from the raw rows: a skipped segment is {skip: true}; an untouched
 * cell is absent (the core names it as missing, never read as "no" or 0).
 */
export function segmentInputs(s, segments, items, skip, decimalComma) {
  const out = {};
  for (const seg of segments) {
    const raw = s.segments?.[seg];
    if (!raw) continue;
    if (raw[skip]) { out[seg] = { [skip]: true }; continue; }
    const cell = {};
    for (const it of items) {
      const v = raw[it.id] ?? '';
      if (v === '') continue;
      if (it.kind === 'yesno') cell[it.id] = v === 'yes';
      else put(cell, it.id, requestValue(v, decimalComma));
    }
    if (Object.keys(cell).length) out[seg] = cell;
  }
  return out;
}

/** The rows' state for a worked example's `segments` (numbers typed the language's way). */
export function segmentState(ctx, segments, items, skip) {
  const rows = {};
  for (const [seg, cell] of Object.entries(segments)) {
    const row = emptyRow(items, skip);
    if (cell[skip]) row[skip] = true;
    else {
      for (const it of items) {
        if (!(it.id in cell)) continue;
        const v = cell[it.id];
        row[it.id] = typeof v === 'boolean' ? (v ? 'yes' : 'no') : typedNumber(ctx, v);
      }
    }
    rows[seg] = row;
  }
  return rows;
}

/**
 * The grid. `items` [{id, kind: 'yesno' | 'number', label}], `skip` the toggle's key with its
 * `skipLabel`; `allLabel` names the grid in the errors ("no segment scored"). `warnText(code)`
 * words a warning (default common.js warningText). Returns {el, show(response, scoreText)}.
 */
export function segmentGrid(ctx, { s, segments, items, skip, skipLabel, allLabel, warnText }) {
  const { t } = ctx.i18n;
  const wordWarning = warnText || ((w) => warningText(ctx, w));
  const rowWarnings = {};
  const rowScores = {};
  const gridWarnings = h('ul', { class: 'warnings inline', hidden: true });
  const rows = segments.map((seg) => {
    const raw = s.segments[seg];
    const labelId = `${ctx.prefix}-${seg}-label`;
    rowWarnings[seg] = h('ul', { class: 'warnings inline', hidden: true });
    rowScores[seg] = h('output', { class: 'seg-score', dataset: { segment: seg } });
    const cells = items.map((it) => {
      const id = `${ctx.prefix}-${seg}-${it.id}`;
      const name = `segments.${seg}.${it.id}`;
      const control = it.kind === 'yesno'
        ? h('select', { id, name, disabled: raw[skip], 'aria-describedby': labelId },
          [['', t('common.not_recorded')], ['yes', t('common.yes')], ['no', t('common.no')]].map(([v, l]) =>
            h('option', { value: v, selected: raw[it.id] === v }, l)))
        : h('input', { id, name, type: 'text', value: raw[it.id], autocomplete: 'off', spellcheck: 'false',
          inputmode: 'decimal', class: 'num', disabled: raw[skip], dataset: { kind: 'number' }, 'aria-describedby': labelId });
      return h('div', { class: 'field cell', dataset: { paths: name, label: `${t(`segment.${seg}`)} – ${it.label}` } },
        h('label', { for: id, class: 'cell-label' }, it.label),
        control,
        h('p', { class: 'field-error', id: `${id}-err`, hidden: true }));
    });
    const skipId = `${ctx.prefix}-${seg}-skip`;
    return h('div', { class: 'field ses-row', role: 'group', 'aria-labelledby': labelId,
      dataset: { paths: `segments.${seg}`, label: t(`segment.${seg}`), segment: seg } },
    h('div', { class: 'seg-name' }, h('span', { id: labelId, class: 'seg-title' }, t(`segment.${seg}`)), ' ', rowScores[seg]),
    h('div', { class: 'option ne' },
      h('input', { type: 'checkbox', id: skipId, name: `segments.${seg}.${skip}`, checked: raw[skip], dataset: { kind: 'bool' },
        'aria-describedby': labelId }),
      h('label', { for: skipId }, skipLabel)),
    // The SES-CD row's action column, empty here: the items then start on a row of their own.
    h('div', { class: 'seg-actions' }),
    cells,
    rowWarnings[seg],
    h('p', { class: 'field-error', id: `${ctx.prefix}-${seg}-err`, hidden: true }));
  });
  const el = h('div', {}, h('div', { class: 'ses-grid', dataset: { paths: 'segments', label: allLabel } }, rows), gridWarnings);

  /** Shows the response in the rows: controls of skipped rows disabled, scores, warnings. */
  function show(r, scoreText) {
    for (const seg of segments) {
      const off = s.segments[seg][skip];
      for (const c of el.querySelectorAll(`[name^="segments.${seg}."]`)) if (!c.name.endsWith(`.${skip}`)) c.disabled = off;
      rowScores[seg].textContent = '';
      replace(rowWarnings[seg]);
      rowWarnings[seg].hidden = true;
    }
    replace(gridWarnings);
    gridWarnings.hidden = true;
    if (!r || r.error) return;
    for (const w of r.warnings || []) {
      const [, where] = w.split(':');
      const list = where && rowWarnings[where] ? rowWarnings[where] : gridWarnings;
      list.append(h('li', { dataset: { warning: w } }, wordWarning(w)));
      list.hidden = false;
    }
    for (const seg of segments) rowScores[seg].textContent = scoreText(seg);
  }
  return { el, show };
}

/** The core's sources (in its order) as a list, each with its evidence level; `name(key)` words the rule. */
export function sourceList(ctx, sources, name) {
  const { t } = ctx.i18n;
  return h('div', { class: 'sources' },
    h('h4', {}, t('rut.sources')),
    h('ul', {}, Object.keys(sources || {}).map((k) => h('li', { class: 'source', dataset: { source: k, evidence: sources[k].evidence } },
      h('strong', {}, `${name(k)} – ${t(`evidence.${sources[k].evidence}`)}: `),
      h('span', { lang: 'en' }, sources[k].text)))),
    h('p', { class: 'source' }, t('rut.sources_note')));
}
