// SPDX-License-Identifier: MIT
// Crohn Score web app: the core's errors, shown where they belong. Each error of a response
// ({error, field, path, message}) is matched to the field whose data-paths names its path (or the
// nearest parent path); the field is marked aria-invalid with a message in the user's language.
// Missing inputs are not marked (a fresh form is not "wrong"); the result area lists them.
// The words come from the error's code and params (min, max, unit, integer, reason: see
// docs/contract.md), never from its English message.
import { h, patch, describedBy } from './dom.js';
import { UNITS } from './numbers.js';

/** All errors of a response (the core puts the first one at top level and all in `errors`). */
export function errorsOf(response) {
  if (!response || !response.error) return [];
  if (Array.isArray(response.errors) && response.errors.length) return response.errors;
  return [{ error: response.error, field: response.field, path: response.field, message: response.message }];
}

function candidates(path) {
  const out = [path];
  let p = path;
  for (;;) {
    const m = p.match(/^(.*)(\[\d+\]|\.[^.[\]]+)$/);
    if (!m || !m[1]) break;
    p = m[1];
    out.push(p);
  }
  return out;
}

/** The field wrapper and (if any) the specific control for a core path, with a path prefix. */
export function locate(root, path, prefix = '') {
  if (!path || (prefix && !path.startsWith(prefix))) return null;
  const local = path.slice(prefix.length);
  // Fields inside a hidden group (e.g. the weekly sums while the diary is shown) never match; a
  // hidden screen (built in the background, or not on display) is not such a group.
  const wrappers = [...root.querySelectorAll('[data-paths]')].filter((w) => !hiddenWithin(w, root));
  for (const c of candidates(local)) {
    const control = [...root.querySelectorAll(`[data-path="${cssEscape(c)}"]`)].find((el) => !hiddenWithin(el, root));
    const wrapper = control?.closest('[data-paths]') ||
      wrappers.find((w) => w.dataset.paths.split(' ').includes(c));
    if (wrapper) return { wrapper, control: control || null };
  }
  return null;
}

/** Whether `el` sits in a hidden element inside `root` (what is hidden around root does not count). */
function hiddenWithin(el, root) {
  const hidden = el.closest('[hidden]');
  return hidden !== null && hidden !== root && root.contains(hidden);
}

function cssEscape(s) {
  return s.replace(/["\\]/g, '\\$&');
}

/**
 * The unit a control's value is typed in when it is not the core's ({factor, label}: the typed
 * value times factor is what the core checks), or null.
 */
function typedUnit(control, root) {
  const kind = control?.dataset.unitKind;
  const select = kind && root.querySelector(`select[name="${cssEscape(control.dataset.unitSelect)}"]`);
  const factor = select && UNITS[kind]?.[select.value];
  if (!factor || factor === 1) return null;
  return { factor, core: coreUnit(kind), label: select.selectedOptions[0]?.textContent || select.value };
}

/** The core's unit of a unit kind: the one its factor is 1 for (numbers.js UNITS). */
function coreUnit(kind) {
  return Object.keys(UNITS[kind] || {}).find((u) => UNITS[kind][u] === 1) || null;
}

/**
 * The core's range of an error as numbers ({min, max}), from its params; null when the error is
 * not a plain range (a length, a cap, a special case has its reason) or `unit` is given and the
 * core's range is not in it (then converting would be wrong).
 */
function rangeOf(err, unit) {
  const p = err.params;
  if (!p || p.reason || typeof p.min !== 'number' || typeof p.max !== 'number') return null;
  if (unit && p.unit !== unit) return null;
  return { min: p.min, max: p.max };
}

const THOUSANDS_WITH_COMMA = /^[-+]?[1-9]\d{0,2},\d{3}$/;

/**
 * A one-click fix for an error whose typed text looks like a slip the page can name: a decimal
 * comma where the language writes a point ("1,5" in English; "1,500" is left alone: thousands or
 * decimal?), or a value that is out of the core's range in the unit shown but inside it in the
 * field's other unit (hematocrit 0.42 typed in %: 0.42 L/L is 42 %). The fix only ever does what
 * its button says, when the user clicks it: write the number with a point, or say which unit the
 * typed number is in (the number is kept, as typed). Returns {text, label, fix} or null.
 */
export function suggestFix(err, control, root, i18n) {
  const { t } = i18n;
  const raw = control?.value?.trim();
  if (!raw || control.tagName !== 'INPUT') return null;
  if (err.error === 'invalid_type' && !i18n.decimalComma && /^[-+]?\d+,\d+$/.test(raw) && !THOUSANDS_WITH_COMMA.test(raw)) {
    const fixed = raw.replace(',', '.');
    return { text: t('prompt.decimal_comma', { fixed }), label: t('prompt.use', { fixed }), fix: { kind: 'text', name: control.name, value: fixed } };
  }
  const kind = control.dataset.unitKind;
  const m = err.error === 'out_of_range' && kind && UNITS[kind] && rangeOf(err, coreUnit(kind));
  const select = m && root.querySelector(`select[name="${cssEscape(control.dataset.unitSelect)}"]`);
  if (!select) return null;
  const value = Number(raw.replace(',', i18n.decimalComma ? '.' : ','));
  if (!Number.isFinite(value)) return null;
  for (const o of select.options) {
    const factor = UNITS[kind][o.value];
    if (o.value === select.value || !factor) continue;
    const asCore = value * factor;
    if (asCore >= m.min && asCore <= m.max) {
      const unit = o.textContent || o.value;
      return { text: t('prompt.other_unit', { value: raw, unit }), label: t('prompt.it_is_in', { unit }),
        fix: { kind: 'unit', name: select.name, value: o.value } };
    }
  }
  return null;
}

/**
 * The localized text of one error. `kind` is the control's data-kind; `unit` the unit it is
 * typed in when that is not the core's (typedUnit).
 */
export function errorText(err, i18n, kind, unit = null) {
  const { t } = i18n;
  const p = err.params || {};
  switch (err.error) {
    case 'missing_field':
      return t(p.reason === 'diary_day_empty' ? 'err.diary_day' : 'err.missing');
    case 'invalid_type':
      if (p.reason === 'decimals') return t('err.decimals', { n: p.max });
      if (p.reason === 'disagrees') return t('err.disagrees_wall');
      return t(kind === 'integer' || p.integer === true ? 'err.integer' : 'err.number');
    case 'out_of_range': {
      const special = OUT_OF_RANGE_REASONS[p.reason];
      if (special) return t(special);
      if (p.reason === 'multiple_of') return t('err.multiple_of', { step: i18n.num(p.step, 4) });
      const typed = unit && rangeOf(err, unit.core);
      if (typed) {
        // The core's range in the unit the field is typed in, at 2 decimals rounded inwards (the
        // low end up, the high end down) so that each end, typed, is within the range.
        const low = Math.ceil((typed.min / unit.factor) * 100 - 1e-9) / 100;
        const high = Math.floor((typed.max / unit.factor) * 100 + 1e-9) / 100;
        return t('err.range_unit', { min: i18n.num(low, 2), max: i18n.num(high, 2), unit: unit.label });
      }
      const range = !unit && rangeOf(err);
      if (range) return t('err.range', { min: i18n.num(range.min, 4), max: i18n.num(range.max, 4) });
      return t('err.out_of_range');
    }
    case 'unknown_value':
      return t(p.reason === 'not_both' ? 'err.not_both' : 'err.unknown_value');
    default:
      return err.message || err.error;
  }
}

/** The catalog key of an out_of_range error by its params.reason (core/include/crohn/error.hpp). */
const OUT_OF_RANGE_REASONS = {
  exceeds: 'err.exceeds',
  none_scored: 'err.no_segment',
  one_baseline: 'err.one_baseline',
  neoterminal_ileum_not_seen: 'err.neoterminal_ileum',
};

/**
 * Marks the fields of `root` for the errors of `response`. Returns {missing: [labels],
 * problems: [{label, text}]} for the result area. `prefix` strips a request path prefix
 * (visits[1].) and `labelOf` names fields that have no wrapper on screen.
 */
export function showErrors(root, response, i18n, { prefix = '', labelOf } = {}) {
  for (const w of root.querySelectorAll('.field.invalid')) {
    w.classList.remove('invalid');
    const slot = w.querySelector(':scope > .field-error');
    if (slot) { slot.hidden = true; slot.textContent = ''; }
  }
  for (const c of root.querySelectorAll('[aria-invalid="true"]')) {
    c.removeAttribute('aria-invalid');
    for (const id of (c.getAttribute('aria-describedby') || '').split(/\s+/)) {
      if (id.endsWith('-err')) describedBy(c, id, false);
    }
  }
  const missing = [];
  const problems = [];
  const messages = new Map();
  for (const err of errorsOf(response)) {
    const path = err.path || err.field || '';
    const hit = locate(root, path, prefix);
    // A control that is one of several in its field (a diary day) names itself: "Liquid stools, day 4".
    const part = hit?.control?.dataset.part;
    const fieldLabel = hit?.wrapper.dataset.label || (labelOf ? labelOf(err) : null) || err.field || path;
    const label = part ? `${fieldLabel}, ${part}` : fieldLabel;
    const kind = hit?.control?.dataset.kind || hit?.wrapper.querySelector('input[data-kind]')?.dataset.kind;
    const bare = errorText(err, i18n, kind, typedUnit(hit?.control || hit?.wrapper.querySelector('input[data-unit-kind]'), root));
    const text = part ? `${part}: ${bare}` : bare;
    if (err.error === 'missing_field') {
      if (!missing.includes(label)) missing.push(label);
      continue;
    }
    problems.push({ label, text });
    if (!hit) continue;
    const { wrapper, control } = hit;
    wrapper.classList.add('invalid');
    const slot = wrapper.querySelector(':scope > .field-error');
    const controls = control ? [control] : [...wrapper.querySelectorAll('input:not([type=hidden]), select')];
    if (slot) {
      const list = messages.get(slot) || [];
      const fix = suggestFix(err, control || wrapper.querySelector('input[type="text"]'), root, i18n);
      if (!list.some((x) => x.text === text)) list.push({ text, fix });
      messages.set(slot, list);
      patch(slot, list.map((x) => [x.text, ' ', x.fix ? [x.fix.text, ' ', fixButton(x.fix)] : null]).flat(2));
      slot.hidden = false;
    }
    for (const c of controls) {
      c.setAttribute('aria-invalid', 'true');
      if (slot) describedBy(c, slot.id, true);
    }
  }
  return { missing, problems };
}

/** The button of a one-click fix; the screen's wire() applies it (screens/common.js). */
export function fixButton({ label, fix }) {
  return h('button', { type: 'button', class: 'small fix', dataset: { action: 'prompt-fix', fixKind: fix.kind, fixName: fix.name, fixValue: fix.value } }, label);
}

/**
 * Notes beside fields whose text was read but may not say what the user meant: a decimal point
 * in a language that writes a comma ("2.5" in Italian is read as 2,5, and the note says so, with
 * a button that writes it the language's way). Called after each recompute; removes stale notes.
 */
export function renderNotes(root, i18n) {
  const { t } = i18n;
  for (const input of root.querySelectorAll('input[data-kind="number"]')) {
    const wrapper = input.closest('.field');
    if (!wrapper) continue;
    const raw = input.value.trim();
    const point = i18n.decimalComma && /^[-+]?\d*\.\d+$/.test(raw) && !wrapper.classList.contains('invalid');
    let note = wrapper.querySelector(`:scope > .field-note[data-for="${cssEscape(input.name)}"]`);
    if (!point) { note?.remove(); continue; }
    const fixed = raw.replace('.', ',');
    if (!note) {
      note = h('p', { class: 'field-note', dataset: { for: input.name } });
      const slot = wrapper.querySelector(':scope > .field-error');
      wrapper.insertBefore(note, slot || null);
    }
    patch(note, t('prompt.point_read_as', { fixed }), ' ',
      fixButton({ label: t('prompt.write', { fixed }), fix: { kind: 'text', name: input.name, value: fixed } }));
  }
}

/** Fills a status element: what is missing and what is wrong, in words. */
export function renderStatus(el, { missing, problems }, i18n, intro) {
  const { t } = i18n;
  patch(el,
    intro ? h('p', {}, intro) : null,
    missing.length ? h('p', { class: 'missing' }, h('strong', {}, t('result.missing')), ' ', missing.join(', ')) : null,
    problems.length ? [h('p', { class: 'problems-title' }, h('strong', {}, t('result.check'))),
      h('ul', { class: 'problems' }, problems.map((p) => h('li', {}, `${p.label}: ${p.text}`)))] : null);
  el.hidden = !intro && !missing.length && !problems.length;
}
