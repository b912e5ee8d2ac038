// SPDX-License-Identifier: MIT
// Crohn Score web app: what the calculator screens share: the layout (form beside a result
// panel), event wiring (every input event recomputes through the core), the result panel.
import { h, patch } from '../dom.js';
import { bindChange, getIn, applyUnitSwitch, forgetUnitOrigin } from '../fields.js';
import { showErrors, renderStatus } from '../feedback.js';

/**
 * The skeleton of a calculator screen. `build(form)` appends the fields; `recompute()` is called
 * after every change. Returns {el, form, result, verdict, status, details}.
 */
export function layout(ctx, { id, title, intro }) {
  const { t } = ctx.i18n;
  const headingId = `${ctx.prefix}-title`;
  const form = h('form', { class: 'calc-form', novalidate: true, 'aria-labelledby': headingId,
    onsubmit: (e) => e.preventDefault() });
  const verdict = h('div', { class: 'verdict', dataset: { state: 'empty' } });
  const status = h('div', { class: 'status', hidden: true });
  const details = h('div', { class: 'details' });
  const resultId = `${ctx.prefix}-result-title`;
  const result = h('section', { class: 'result', 'aria-labelledby': resultId },
    h('h3', { id: resultId }, t('result.title')), verdict, status, details);
  const el = h('section', { class: 'screen', id: `${ctx.prefix}-screen`, dataset: { screen: id }, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, title),
    intro ? h('p', { class: 'intro' }, intro) : null,
    h('div', { class: 'calc' }, form, result));
  return { el, form, result, verdict, status, details };
}

/** Wires input/change events of `form` to the screen state and `recompute`. */
export function wire(ctx, form, state, recompute, onAfter) {
  const handler = (e) => {
    const unit = e.target.matches('select.unit') ? getIn(state, e.target.name) : undefined;
    const path = bindChange(state, e.target, form);
    if (path === null) return;
    if (unit !== undefined) applyUnitSwitch(form, state, e.target, unit, ctx.i18n.decimalComma);
    else if (e.target.dataset.unitSelect) forgetUnitOrigin(form, path);
    if (onAfter) onAfter(path, e);
    recompute();
    ctx.changed();
  };
  // One recompute (and one result event) per change: text fields report on input, radios,
  // checkboxes and selects on change (Chromium fires both events for them).
  const typed = (el) => el.type === 'text' || el.tagName === 'TEXTAREA';
  form.addEventListener('input', (e) => { if (typed(e.target)) handler(e); });
  form.addEventListener('change', (e) => { if (!typed(e.target)) handler(e); });
}

/** A big number + band, or the "not yet" state. */
export function renderVerdict(ctx, el, { score, scoreLabel, band, bandKey, extra, summary }) {
  const { t } = ctx.i18n;
  if (score === undefined) {
    el.dataset.state = 'empty';
    patch(el, h('p', { class: 'pending' }, t(summary?.problems.length ? 'result.pending_fix' : 'result.pending')));
    return;
  }
  el.dataset.state = band || 'none';
  patch(el,
    h('p', { class: 'score-line' },
      h('span', { class: 'score-label' }, scoreLabel), ' ',
      h('span', { class: 'score', dataset: { testid: 'score' } }, score)),
    band ? h('p', { class: 'band', dataset: { band } }, t(bandKey || `band.${band}`)) : null,
    extra || null);
}

/** Shows a response's errors on the form and in the status area. */
export function renderErrors(ctx, parts, response, opts) {
  const summary = showErrors(parts.form, response, ctx.i18n, opts);
  renderStatus(parts.status, summary, ctx.i18n);
  return summary;
}

/** A two-column table (label, value) of numbers behind a result. */
export function kvTable(caption, rows) {
  return h('table', { class: 'kv' },
    h('caption', {}, caption),
    h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))));
}

/** Localized warning texts for the core's warning codes ("code" or "code:segment"). */
export function warningText(ctx, code) {
  const { t } = ctx.i18n;
  const [base, where] = code.split(':');
  const key = `warn.${base}`;
  if (!t.has(key)) return code;
  return t(key, { where: where ? t(`segment.${where}`) : '' });
}

export function warningList(ctx, warnings) {
  if (!warnings || !warnings.length) return null;
  return h('ul', { class: 'warnings' }, warnings.map((w) => h('li', { dataset: { warning: w } }, warningText(ctx, w))));
}
