// SPDX-License-Identifier: MIT
// Crohn Score web app: message catalogs (web/i18n/<lang>.json, flat keys) and locale formatting.
// English is the fallback for any key a catalog lacks; a key missing everywhere shows itself.

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'it', name: 'Italiano' },
  { code: 'de', name: 'Deutsch' },
  { code: 'nl', name: 'Nederlands' },
  { code: 'ru', name: 'Русский' },
];
const CODES = LANGUAGES.map((l) => l.code);

/** Locales whose decimal separator is a comma: there "1,5" is accepted as 1.5. */
const DECIMAL_COMMA = new Set(['it', 'de', 'nl', 'ru']);

/** The supported language for a tag such as "de-CH", or null. */
export function supported(tag) {
  if (!tag) return null;
  const base = String(tag).toLowerCase().split(/[-_]/)[0];
  return CODES.includes(base) ? base : null;
}

/** The first supported language of the browser's preference list, else English. */
export function browserLanguage() {
  for (const tag of navigator.languages || [navigator.language]) {
    const s = supported(tag);
    if (s) return s;
  }
  return 'en';
}

const cache = new Map();
/** Fetches (once per page) the catalog of `lang` from `baseUrl` (the folder holding i18n/). */
export function fetchCatalog(lang, baseUrl) {
  const url = new URL(`i18n/${lang}.json`, baseUrl).href;
  if (!cache.has(url)) {
    cache.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`cannot load ${url}: HTTP ${r.status}`);
      return r.json();
    }).catch((e) => { cache.delete(url); throw e; }));
  }
  return cache.get(url);
}

/**
 * A translator for `lang`: t(key, vars) with {name} placeholders, plus number formatting and
 * parsing that follow the language.
 */
export async function loadI18n(lang, baseUrl) {
  const code = supported(lang) || 'en';
  const [en, cat] = await Promise.all([
    fetchCatalog('en', baseUrl),
    code === 'en' ? null : fetchCatalog(code, baseUrl),
  ]);
  return makeI18n(code, cat || en, en);
}

export function makeI18n(lang, catalog, fallback) {
  const formatters = new Map();
  const nf = (digits) => {
    if (!formatters.has(digits)) {
      formatters.set(digits, new Intl.NumberFormat(lang, { maximumFractionDigits: digits, useGrouping: false }));
    }
    return formatters.get(digits);
  };
  const t = (key, vars) => {
    let s = catalog[key];
    if (s === undefined) s = fallback[key];
    if (s === undefined) return key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
    return s;
  };
  /** true when the catalog (or English) has `key`. */
  t.has = (key) => key in catalog || key in fallback;
  /** The catalog entry or undefined (no key echo), for optional translations. */
  t.opt = (key) => (key in catalog ? catalog[key] : fallback[key]);
  return {
    lang,
    t,
    decimalComma: DECIMAL_COMMA.has(lang),
    /** Formats a number from the core for display (no rounding beyond `digits` decimals). */
    num(value, digits = 2) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
      return nf(digits).format(value);
    },
    date(d = new Date()) {
      return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(d);
    },
  };
}
