// SPDX-License-Identifier: MIT
// Crohn Score web app: turning what was typed into request values, and the unit conversions the
// user switches. This is input handling only: no score, band or endpoint is ever computed here.

/** 1 to 3 digits (not starting with 0), a point, exactly 3 digits: a thousands group. */
const THOUSANDS_WITH_POINT = /^[-+]?[1-9]\d{0,2}\.\d{3}$/;

/**
 * Parses a typed number. Empty -> {empty: true} (the input is then absent from the request: a
 * missing value is never read as zero). A valid number -> {value}. Anything else ->
 * {invalid: true, raw}: the raw text is sent to the core, which rejects it as invalid_type, so the
 * core names the problem like any other. A decimal comma is accepted where the locale uses it
 * (it, de, nl, ru); in English "1,5" is rejected rather than guessed (thousands or decimal?).
 * Where the comma is decimal a point is accepted too ("2.5"), except where it could group
 * thousands, as it does in those languages: "1.200" (1200 or 1.2?) is rejected, not guessed.
 */
export function parseNumber(raw, decimalComma) {
  const s = String(raw ?? '').trim().replace(/\u2212/g, '-');
  if (s === '') return { empty: true };
  const re = decimalComma ? /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/ : /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
  if (!re.test(s) || (decimalComma && THOUSANDS_WITH_POINT.test(s))) return { invalid: true, raw: s };
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? { value: n } : { invalid: true, raw: s };
}

/** The request value of a typed field: a number, the raw text (invalid), or undefined (empty). */
export function requestValue(raw, decimalComma) {
  const p = parseNumber(raw, decimalComma);
  if (p.empty) return undefined;
  return p.invalid ? p.raw : p.value;
}

/** Exact input conversions to the unit the core expects. */
export const UNITS = {
  weight: { kg: 1, lb: 0.45359237 },          // -> kg (international avoirdupois pound)
  height: { cm: 1, in: 2.54 },                 // -> cm
  hematocrit: { pct: 1, l_l: 100 },            // -> %  (0.40 L/L = 40 %)
  albumin: { g_dl: 1, g_l: 0.1 },              // -> g/dL (40 g/L = 4.0 g/dL; the PCDAI's unit)
};

/**
 * Unit switches whose values the page converts when the user switches the unit: the core-side
 * conversions above, and CRP, which the core converts itself (the request carries its unit).
 */
export const SWITCHABLE = { ...UNITS, crp: { 'mg/L': 1, 'mg/dL': 10 } };

/** Decimals kept when a switch is not a power of ten (lb, in): a hundredth of the unit. */
const SWITCH_DECIMALS = 2;

/**
 * The text of a typed value after its unit is switched from `from` to `to` (the same quantity in
 * the new unit), or null when the text is not a number (then it is left as it is). A switch by a
 * power of ten (%, L/L; mg/L, mg/dL) is exact; lb and in keep two decimals.
 */
export function switchedText(raw, kind, from, to, decimalComma) {
  const table = SWITCHABLE[kind];
  const p = parseNumber(raw, decimalComma);
  if (!table || !(from in table) || !(to in table) || p.value === undefined) return null;
  const ratio = table[from] / table[to];
  const exp = Math.log10(ratio);
  const exact = Math.abs(exp - Math.round(exp)) < 1e-12;
  const v = exact ? Number((p.value * ratio).toPrecision(12))
                  : Math.round(p.value * ratio * 10 ** SWITCH_DECIMALS) / 10 ** SWITCH_DECIMALS;
  const text = String(v);
  return decimalComma ? text.replace('.', ',') : text;
}

/**
 * Converts a typed value in `unit` of `kind` to the core's unit. Returns the request value
 * (number, raw invalid text or undefined) and `converted` (a number, only when a conversion
 * happened) for display next to the field.
 */
export function convertInput(raw, kind, unit, decimalComma) {
  const v = requestValue(raw, decimalComma);
  const factor = UNITS[kind][unit] ?? 1;
  if (typeof v !== 'number' || factor === 1) return { value: v };
  // Round away binary noise from the multiplication only (12 significant digits).
  const value = Number((v * factor).toPrecision(12));
  return { value, converted: value };
}

/** Puts a value into an object only when present (never writes undefined keys). */
export function put(obj, key, value) {
  if (value !== undefined) obj[key] = value;
  return obj;
}
