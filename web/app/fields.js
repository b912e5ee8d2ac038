// SPDX-License-Identifier: MIT
// Crohn Score web app: labelled form widgets. Every control carries `name` = its dotted path in
// the screen's state; every field wrapper carries `data-paths` = the core request paths whose
// errors belong to it (so a core error lands on the right field), and an error slot that is
// linked to the control with aria-describedby when it shows a message.
import { h } from './dom.js';
import { switchedText } from './numbers.js';

function fid(ctx, name) {
  return `${ctx.prefix}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function errorSlot(id) {
  return h('p', { class: 'field-error', id, hidden: true });
}

/**
 * A typed number. `integer` picks the numeric keypad; `unit` adds a unit switch
 * ({name, value, options: [{value, label}], label, kind}: `kind` names the conversion in
 * numbers.js UNITS); `unitOf` ({kind, select}) ties the field to the unit switch of another
 * field; `converted` adds an output that shows the converted value (filled in by the screen).
 */
export function numberField(ctx, { name, label, hint, value, integer = false, paths, unit, unitOf, converted, suffix, width }) {
  const id = fid(ctx, name);
  const errId = `${id}-err`;
  const hintId = hint ? `${id}-hint` : null;
  const input = h('input', {
    id, name, type: 'text', value: value ?? '', autocomplete: 'off', spellcheck: 'false',
    inputmode: integer ? 'numeric' : 'decimal', class: `num ${width || ''}`.trim(),
    'aria-describedby': hintId,
    dataset: { kind: integer ? 'integer' : 'number' },
  });
  // The unit the value is typed in, so that an error can give the range in that unit.
  const typedUnit = unit?.kind ? { kind: unit.kind, select: unit.name } : unitOf;
  if (typedUnit) Object.assign(input.dataset, { unitKind: typedUnit.kind, unitSelect: typedUnit.select });
  const parts = [input];
  if (suffix) parts.push(h('span', { class: 'suffix', 'aria-hidden': 'true' }, suffix));
  if (unit) {
    const uid = fid(ctx, unit.name);
    parts.push(h('select', { id: uid, name: unit.name, class: 'unit', 'aria-label': unit.label },
      unit.options.map((o) => h('option', { value: o.value, selected: o.value === unit.value }, o.label))));
  }
  if (converted) parts.push(h('output', { class: 'converted', for: id, dataset: { converted: name } }));
  return h('div', { class: 'field', dataset: { paths: (paths || [name]).join(' '), label } },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('div', { class: 'control' }, parts),
    errorSlot(errId));
}

/** One choice among options, no default: nothing is selected until the user chooses. */
export function radioGroup(ctx, { name, legend, hint, options, value, paths, inline = false }) {
  const id = fid(ctx, name);
  const hintId = hint ? `${id}-hint` : null;
  return h('fieldset', {
    class: `field choice${inline ? ' inline' : ''}`, id,
    dataset: { paths: (paths || [name]).join(' '), label: legend },
    'aria-describedby': hintId,
  },
  h('legend', {}, legend),
  hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
  h('div', { class: 'options' }, options.map((o) => {
    const oid = `${id}-${String(o.value).replace(/[^A-Za-z0-9_-]/g, '-')}`;
    return h('div', { class: 'option' },
      h('input', { type: 'radio', id: oid, name, value: String(o.value), checked: String(value) === String(o.value) }),
      h('label', { for: oid }, o.score !== undefined ? h('span', { class: 'pts' }, o.score) : null, o.label));
  })),
  errorSlot(`${id}-err`));
}

/** A set of independent checkboxes whose checked values form one list. */
export function checkGroup(ctx, { name, legend, hint, options, values, paths }) {
  const id = fid(ctx, name);
  const hintId = hint ? `${id}-hint` : null;
  return h('fieldset', {
    class: 'field checks', id, dataset: { paths: (paths || [name]).join(' '), label: legend },
    'aria-describedby': hintId,
  },
  h('legend', {}, legend),
  hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
  h('div', { class: 'options' }, options.map((o) => {
    const oid = `${id}-${o.value}`;
    return h('div', { class: 'option' },
      h('input', { type: 'checkbox', id: oid, name, value: o.value, checked: values.includes(o.value), dataset: { kind: 'list' } }),
      h('label', { for: oid }, o.label));
  })),
  errorSlot(`${id}-err`));
}

/** A select; `options` [{value, label}]; include {value: '', label: '—'} for "not recorded". */
export function selectField(ctx, { name, label, hint, options, value, paths }) {
  const id = fid(ctx, name);
  const hintId = hint ? `${id}-hint` : null;
  return h('div', { class: 'field', dataset: { paths: (paths || [name]).join(' '), label } },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('div', { class: 'control' },
      h('select', { id, name, 'aria-describedby': hintId },
        options.map((o) => h('option', { value: o.value, selected: String(o.value) === String(value) }, o.label)))),
    errorSlot(`${id}-err`));
}

/** A single checkbox bound to a boolean. */
export function checkbox(ctx, { name, label, checked, paths, hint }) {
  const id = fid(ctx, name);
  const hintId = hint ? `${id}-hint` : null;
  return h('div', { class: 'field single', dataset: { paths: (paths || [name]).join(' '), label } },
    h('div', { class: 'option' },
      h('input', { type: 'checkbox', id, name, checked, dataset: { kind: 'bool' }, 'aria-describedby': hintId }),
      h('label', { for: id }, label)),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    errorSlot(`${id}-err`));
}

/** Yes / no / not recorded, as a select (nothing is assumed when it is left blank). */
export function yesNo(ctx, { name, label, value, paths, hint }) {
  const { t } = ctx.i18n;
  return selectField(ctx, {
    name, label, value, paths, hint,
    options: [
      { value: '', label: t('common.not_recorded') },
      { value: 'yes', label: t('common.yes') },
      { value: 'no', label: t('common.no') },
    ],
  });
}

// ---- state binding -------------------------------------------------------------------------

export function getIn(obj, path) {
  return path.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
}

export function setIn(obj, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  const target = keys.reduce((o, k) => o[k], obj);
  target[last] = value;
}

/**
 * Applies the change of one control to `state` (an input or change event target). Returns the
 * changed path, or null when the control is not bound.
 */
export function bindChange(state, el, root) {
  const name = el.name;
  if (!name || 'unbound' in el.dataset) return null;
  if (el.type === 'checkbox' && el.dataset.kind === 'list') {
    const boxes = [...root.querySelectorAll('input[type=checkbox]')].filter((b) => b.name === name);
    setIn(state, name, boxes.filter((b) => b.checked).map((b) => b.value));
  } else if (el.type === 'checkbox') {
    setIn(state, name, el.checked);
  } else if (el.type === 'radio') {
    if (el.checked) setIn(state, name, el.value);
  } else {
    setIn(state, name, el.value);
  }
  return name;
}

// ---- unit switches ---------------------------------------------------------------------------

const origins = new WeakMap();   // form -> Map(field name -> {text, unit}) before the first switch

/**
 * A unit select changed from `from` to its new value: every field typed in that unit gets the
 * same quantity in the new unit (never the old number re-read in the new unit). Switching back
 * without typing restores exactly what was typed. Returns the names of the fields changed.
 */
export function applyUnitSwitch(form, state, select, from, decimalComma) {
  const to = select.value;
  if (from === to) return [];
  let known = origins.get(form);
  if (!known) origins.set(form, (known = new Map()));
  const changed = [];
  for (const input of form.querySelectorAll('input[data-unit-select]')) {
    if (input.dataset.unitSelect !== select.name) continue;
    const raw = getIn(state, input.name);
    const origin = known.get(input.name);
    const text = origin && origin.unit === to ? origin.text
      : switchedText(raw, input.dataset.unitKind, from, to, decimalComma);
    if (text === null) continue;
    if (!origin) known.set(input.name, { text: raw, unit: from });
    setIn(state, input.name, text);
    input.value = text;
    changed.push(input.name);
  }
  return changed;
}

/** The user typed into a field: what was typed before a unit switch is no longer restored. */
export function forgetUnitOrigin(form, name) {
  origins.get(form)?.delete(name);
}
