// SPDX-License-Identifier: MIT
// Crohn Score web app: a tiny DOM builder. No innerHTML anywhere (nothing the user types or the
// core returns is ever parsed as markup) and no inline styles (CSP style-src 'self').

// Elements given a listener by h(): patch() never reuses them (their listener would be stale).
const listened = new WeakSet();

/**
 * h('label', {for: id, class: 'x'}, 'text', child) -> HTMLElement.
 * Attributes: `class`, `text` (textContent), `on<event>` (listener), `dataset` (object),
 * booleans (true -> empty attribute, false/null/undefined -> omitted), anything else as an attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
      listened.add(el);
    }
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' || k === 'disabled' || k === 'selected' || k === 'hidden') {
      el[k] = Boolean(v);
    } else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces the children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * Makes the children of `el` what replace(el, ...children) would make them, keeping the nodes that
 * already match: only changed text and attributes are written. On every keystroke a result panel
 * then restyles the few numbers that changed instead of being rebuilt. Elements that carry a
 * listener from h(), and form controls, are never reused but replaced.
 */
export function patch(el, ...children) {
  const next = [];
  append({ append: (c) => next.push(typeof c === 'string' ? document.createTextNode(c) : c) }, children);
  patchChildren(el, next);
  return el;
}

const CONTROLS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'OPTION']);

function reusable(have, want) {
  if (have.nodeType !== want.nodeType) return false;
  if (have.nodeType === Node.TEXT_NODE) return true;
  return have.nodeType === Node.ELEMENT_NODE && have.tagName === want.tagName &&
    !CONTROLS.has(have.tagName) && !listened.has(have) && !listened.has(want);
}

function patchChildren(parent, next) {
  const old = parent.childNodes;
  next.forEach((want, i) => {
    const have = old[i];
    if (!have) parent.append(want);
    else if (!reusable(have, want)) parent.replaceChild(want, have);
    else if (have.nodeType === Node.TEXT_NODE) {
      if (have.data !== want.data) have.data = want.data;
    } else {
      for (const a of [...have.attributes]) if (!want.hasAttribute(a.name)) have.removeAttribute(a.name);
      for (const a of want.attributes) if (have.getAttribute(a.name) !== a.value) have.setAttribute(a.name, a.value);
      patchChildren(have, [...want.childNodes]);
    }
  });
  while (old.length > next.length) parent.lastChild.remove();
}

/**
 * Sets the text of `el` only when it differs: writing the same text again would still replace the
 * text node and make the browser lay the line out again on every keystroke.
 */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

let counter = 0;
/** A document-unique id with a readable prefix. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Adds or removes `id` from an element's aria-describedby list. */
export function describedBy(el, id, on) {
  const ids = new Set((el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean));
  if (on) ids.add(id); else ids.delete(id);
  if (ids.size) el.setAttribute('aria-describedby', [...ids].join(' '));
  else el.removeAttribute('aria-describedby');
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * svg('line', {x1: 0, ...}, ...children) -> SVGElement: attributes only (no inline style, the
 * CSP's style-src), text children as text nodes. For the pictures drawn by hand (timeline.js,
 * cohort-charts.js).
 */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
