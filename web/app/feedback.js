// SPDX-License-Identifier: MIT
// Crohn Score web app: the core's errors, shown where they belong. Each error of a response
// ({error, field, path, message}) is matched to the field whose data-paths names its path (or the
// nearest parent path); the field is marked aria-invalid with a message in the user's language.
// Missing inputs are not marked (a fresh form is not "wrong"); the result area lists them.
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
  return { factor, label: select.selectedOptions[0]?.textContent || select.value };
}

/**
 * The localized text of one error. `kind` is the control's data-kind; `unit` the unit it is
 * typed in when that is not the core's (typedUnit).
 */
export function errorText(err, i18n, kind, unit = null) {
  const { t } = i18n;
  const msg = err.message || '';
  switch (err.error) {
    case 'missing_field':
      if (/diary day cannot be left empty/.test(msg)) return t('err.diary_day');
      return t('err.missing');
    case 'invalid_type':
      if (kind === 'integer' || /whole number/.test(msg)) return t('err.integer');
      return t('err.number');
    case 'out_of_range': {
      const m = msg.match(/between (-?[\d.]+) and (-?[\d.]+)/);
      if (m && unit) {
        // The core's range in the unit the field is typed in, at 2 decimals rounded inwards (the
        // low end up, the high end down) so that each end, typed, is within the range.
        const low = Math.ceil((Number(m[1]) / unit.factor) * 100 - 1e-9) / 100;
        const high = Math.floor((Number(m[2]) / unit.factor) * 100 + 1e-9) / 100;
        return t('err.range_unit', { min: i18n.num(low, 2), max: i18n.num(high, 2), unit: unit.label });
      }
      if (m) return t('err.range', { min: i18n.num(Number(m[1]), 4), max: i18n.num(Number(m[2]), 4) });
      const cap = msg.match(/cannot exceed (\w+)/);
      if (cap) return t('err.exceeds');
      if (/only one visit can be the baseline/.test(msg)) return t('err.one_baseline');
      if (/without seeing the neoterminal ileum/.test(msg)) return t('err.neoterminal_ileum');
      return t('err.out_of_range');
    }
    case 'unknown_value':
      if (/not both/.test(msg)) return t('err.not_both');
      return t('err.unknown_value');
    default:
      return msg || err.error;
  }
}

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
      if (!list.includes(text)) list.push(text);
      messages.set(slot, list);
      slot.textContent = list.join(' ');
      slot.hidden = false;
    }
    for (const c of controls) {
      c.setAttribute('aria-invalid', 'true');
      if (slot) describedBy(c, slot.id, true);
    }
  }
  return { missing, problems };
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
