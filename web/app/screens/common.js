// SPDX-License-Identifier: MIT
// Crohn Score web app: what the calculator screens share: the layout (form beside a result
// panel), event wiring (every input event recomputes through the core), the result panel.
import { h, patch } from '../dom.js';
import { bindChange, getIn, setIn, applyUnitSwitch, forgetUnitOrigin } from '../fields.js';
import { showErrors, renderStatus, renderNotes } from '../feedback.js';

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
  const heading = h('h3', { id: resultId, tabindex: '-1' }, t('result.title'));
  const result = h('section', { class: 'result', 'aria-labelledby': resultId }, heading, verdict, status, details);
  // The score bar repeats the verdict at the foot of the window on a narrow screen (CSS); a
  // click goes to the result. Screen readers hear the verdict from the live region already.
  const bar = h('button', { type: 'button', class: 'scorebar', hidden: true, dataset: { testid: 'scorebar' },
    onclick: () => { result.scrollIntoView({ block: 'start' }); heading.focus(); } });
  bars.set(verdict, { bar, form });
  const el = h('section', { class: 'screen', id: `${ctx.prefix}-screen`, dataset: { screen: id }, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, title),
    intro ? h('p', { class: 'intro' }, intro) : null,
    h('div', { class: 'calc' }, form, result));
  return { el, form, result, verdict, status, details };
}

const bars = new WeakMap();  // verdict element -> its screen's score bar

/** Wires input/change events of `form` to the screen state and `recompute`. */
export function wire(ctx, form, state, recompute, onAfter) {
  const handler = (e) => {
    const unit = e.target.matches('select.unit') ? getIn(state, e.target.name) : undefined;
    const path = bindChange(state, e.target, form);
    if (path === null) return;
    if (unit !== undefined) applyUnitSwitch(form, state, e.target, unit, ctx.i18n.decimalComma);
    else if (e.target.dataset.unitSelect) forgetUnitOrigin(form, path);
    if (onAfter) onAfter(path, e);
    ctx.exampleEdited?.();
    recompute();
    ctx.changed();
  };
  // One recompute (and one result event) per change: text fields report on input, radios,
  // checkboxes and selects on change (Chromium fires both events for them).
  const typed = (el) => el.type === 'text' || el.tagName === 'TEXTAREA';
  form.addEventListener('input', (e) => { if (typed(e.target)) handler(e); });
  form.addEventListener('change', (e) => { if (!typed(e.target)) handler(e); });
  // A one-click fix (feedback.js suggestFix / renderNotes) does what its button says: writes the
  // number the language's way, or sets the unit the typed number is in without converting it.
  form.addEventListener('click', (e) => {
    const b = e.target.closest('[data-action="prompt-fix"]');
    if (!b || !form.contains(b)) return;
    const { fixKind, fixName, fixValue } = b.dataset;
    const control = [...form.elements].find((el) => el.name === fixName);
    if (!control) return;
    control.value = fixValue;
    setIn(state, fixName, fixValue);
    if (fixKind === 'text') forgetUnitOrigin(form, fixName);
    else for (const input of form.querySelectorAll('input[data-unit-select]')) if (input.dataset.unitSelect === fixName) forgetUnitOrigin(form, input.name);
    if (onAfter) onAfter(fixName, e);
    ctx.exampleEdited?.();
    recompute();
    ctx.changed();
    control.focus();
  });
}

/** A big number + band, or the "not yet" state. */
export function renderVerdict(ctx, el, { score, scoreLabel, band, bandKey, extra, summary, warnings }) {
  const { t } = ctx.i18n;
  const { bar, form } = bars.get(el) || {};
  if (bar) {
    if (form.lastElementChild !== bar) form.append(bar);  // after the fields the screen added
    bar.hidden = score === undefined;
    bar.dataset.band = band || 'none';
    patch(bar, score === undefined ? null : [
      h('span', { class: 'bar-score' }, `${scoreLabel} ${score}`),
      band ? h('span', { class: 'bar-band' }, t(bandKey || `band.${band}`)) : null,
      warnings?.length ? h('span', { class: 'bar-checks' }, t('result.bar_checks', { n: warnings.length })) : null,
      h('span', { class: 'bar-go' }, t('result.bar_go'))]);
  }
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
    // The core's plausibility prompts beside the score they qualify: the score stands as
    // computed, and the user is asked to check what it came from.
    warnings?.length ? h('div', { class: 'checks', dataset: { testid: 'checks' } },
      h('p', {}, h('strong', {}, t('result.checks_title'))),
      h('ul', {}, warnings.map((w) => h('li', { dataset: { warning: w.text ?? w } }, warningText(ctx, w))))) : null,
    extra || null);
}

/** Shows a response's errors on the form and in the status area. */
export function renderErrors(ctx, parts, response, opts) {
  const summary = showErrors(parts.form, response, ctx.i18n, opts);
  renderNotes(parts.form, ctx.i18n);
  renderStatus(parts.status, summary, ctx.i18n);
  return summary;
}

/** A two-column table (label, value) of numbers behind a result. */
export function kvTable(caption, rows) {
  return h('table', { class: 'kv' },
    h('caption', {}, caption),
    h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))));
}

/** The printout's emphasised lines for a score: "HBI 8 — Moderate activity", then its prompts. */
export function verdictHeadline(ctx, { scoreLabel, score, band, warnings }) {
  const { t } = ctx.i18n;
  return [`${scoreLabel} ${score} — ${t(`band.${band}`)}`, ...(warnings || []).map((w) => `⚠ ${warningText(ctx, w)}`)];
}

/**
 * A response's warnings as data: each {text, code, where?, day?}, `text` the contract's warning
 * string and the rest its `warning_details` entry (docs/contract.md), so no string is taken apart.
 */
export function warningsOf(r) {
  const details = r?.warning_details || [];
  return (r?.warnings || []).map((text, i) => ({ code: text, ...details[i], text }));
}

/**
 * The localized text of a warning: a warningsOf() entry, or a visit's warning string (a patient
 * record's visits carry no warning details yet, so that string is still read here).
 */
export function warningText(ctx, w) {
  const { t } = ctx.i18n;
  const { code, where, day } = typeof w === 'string' ? visitWarning(w) : w;
  const key = `warn.${code}`;
  if (!t.has(key)) return w.text ?? w;
  // `where` is a segment ("ileum") or a diary day (`day`), named in the user's language.
  if (day && t.has(`${key}_on`)) return t(`${key}_on`, { where: t('cdai.day', { n: day }) });
  return t(key, { where: where ? t(`segment.${where}`) : '' });
}

/** A visit's warning string "code" or "code:where" (the record response has no details yet). */
function visitWarning(text) {
  const [code, where] = text.split(':');
  const day = /^day\d+$/.test(where || '') ? Number(where.slice(3)) : undefined;
  return { code, where, day };
}

export function warningList(ctx, warnings) {
  if (!warnings || !warnings.length) return null;
  return h('ul', { class: 'warnings' }, warnings.map((w) => h('li', { dataset: { warning: w.text ?? w } }, warningText(ctx, w))));
}

// ---- worked examples ----
// Each calculator's published example comes from the core (examples(): inputs, expected result,
// source), in the tools module since the main module reached its size budget: the first click
// on "Fill worked example" loads it (from the service worker's cache once the app is stored).
// Filling it replaces the screen's form, so what was typed is kept and one click on "Undo"
// restores it until the next change.
const examplesOf = new WeakMap();  // core -> Promise of its examples (a failed load is retried)

function workedExample(core, instrument) {
  if (!examplesOf.has(core)) {
    const p = Promise.resolve(typeof core.examples === 'function' ? core.examples() : []);
    p.catch(() => examplesOf.delete(core));
    examplesOf.set(core, p);
  }
  return examplesOf.get(core).then((all) => all.find((e) => e.instrument === instrument) || null);
}

function replaceContents(target, source) {
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, structuredClone(source));
}

/** A number of the core's example as it is typed in the user's language. */
export function typedNumber(ctx, v) {
  return ctx.i18n.decimalComma ? String(v).replace('.', ',') : String(v);
}

/**
 * Adds the worked-example control above the form of a calculator screen. `toState(inputs)` is the
 * screen's form state for the example's core inputs; `expected(result)` words the expected result.
 */
export function addWorkedExample(ctx, parts, { instrument, toState, expected }) {
  const { t } = ctx.i18n;
  ctx.exampleEdited = null;
  const offer = () => h('div', { class: 'example' },
    h('button', { type: 'button', class: 'small', dataset: { action: 'example' }, onclick: async (e) => {
      const button = e.currentTarget;
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      const ex = await workedExample(ctx.core, instrument).catch(() => null);
      button.disabled = false;
      button.removeAttribute('aria-busy');
      if (!ex) {
        ctx.notify?.(t('example.unavailable'));
        return;
      }
      ctx.example = { previous: structuredClone(ctx.state), ex };
      replaceContents(ctx.state, toState(ex.inputs));
      ctx.rebuild().el.querySelector('[data-action="example-undo"]')?.focus();
    } }, t('example.fill')));
  let el;
  if (ctx.example) {
    const { previous, ex } = ctx.example;
    el = h('div', { class: 'example filled', role: 'status' },
      h('p', {}, t('example.filled', { expected: expected(ex.expected) })),
      h('p', { class: 'source' }, `${t('example.source')}: ${ex.source}`),
      h('button', { type: 'button', class: 'small', dataset: { action: 'example-undo' }, onclick: () => {
        ctx.example = null;
        replaceContents(ctx.state, previous);
        ctx.rebuild().el.querySelector('[data-action="example"]')?.focus();
      } }, t('example.undo')));
    // The first change of the user's own makes the example theirs: "Undo" would discard it.
    ctx.exampleEdited = () => {
      ctx.example = null;
      ctx.exampleEdited = null;
      el.replaceWith(offer());
    };
  } else {
    el = offer();
  }
  parts.el.querySelector('.calc').before(el);
}
