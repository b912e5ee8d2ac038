// SPDX-License-Identifier: MIT
// Crohn Score web app: the form state. Raw text as typed (so nothing is reformatted under the
// user's fingers); the request for the core is derived from it on every change. The in-progress
// form is kept in sessionStorage only (this tab, until it closes or "Clear all"); nothing else is
// stored, no cookies are set.

export const STORAGE_KEY = 'crohn-score:form';
const SCHEMA = 1;

export const SEGMENTS = ['ileum', 'right_colon', 'transverse_colon', 'left_colon', 'rectum'];
export const SES_ITEMS = ['ulcer_size', 'ulcerated_surface', 'affected_surface', 'narrowing'];

export function emptyHbi() {
  return { general_wellbeing: '', abdominal_pain: '', liquid_stools_per_day: '', abdominal_mass: '', complications: [] };
}

export function emptyCdai() {
  const week = () => ['', '', '', '', '', '', ''];
  return {
    sex: '',
    entry: 'weekly',                       // 'weekly' sums or 'diary'
    liquid_stools_7d_total: '', abdominal_pain_7d_sum: '', general_wellbeing_7d_sum: '',
    liquid_stools_daily: week(), abdominal_pain_daily: week(), general_wellbeing_daily: week(),
    cdai_complications: [], antidiarrheal_use: '', abdominal_mass: '',
    hematocrit: '', hematocrit_unit: 'pct',
    weight: '', weight_unit: 'kg',
    standard_weight_source: 'typed',       // 'typed' or 'keys_bmi'
    standard_weight: '', standard_weight_unit: 'kg', height: '', height_unit: 'cm',
    hematocrit_mode: 'signed', weight_mode: 'signed_floor_minus10',
  };
}

export function emptySegment() {
  return { ulcer_size: '', ulcerated_surface: '', affected_surface: '', narrowing: '', not_evaluated: false, resected: false };
}

export function emptySesCd() {
  return { segments: Object.fromEntries(SEGMENTS.map((s) => [s, emptySegment()])), ileum_is_neoterminal: '' };
}

export function emptyRutgeerts() {
  return { rutgeerts_grade: '', anastomosis_type: '', months_since_resection: '', neoterminal_ileum_intubated: '' };
}

// CDEIS, MaRIA and sMaRIA: one row per segment of the core's list, added by the screen
// (screens/seggrid.js ensureRows), so the segments are not listed here again.
export function emptyCdeis() {
  return { segments: {}, ulcerated_stenosis: '', nonulcerated_stenosis: '', cdeis_baseline: '' };
}

export function emptyMaria() {
  return { segments: {} };
}

export function emptySmaria() {
  return { segments: {} };
}

export function emptyPdai() {
  return { discharge: '', pain_restriction_of_activities: '', restriction_of_sexual_activity: '',
    type_of_perianal_disease: '', degree_of_induration: '' };
}

export function emptyIbdControl() {
  return { q1a_well_controlled: '', q1b_treatment_useful: '', q3a_missed_planned_activities: '', q3b_woke_at_night: '',
    q3c_significant_pain_or_discomfort: '', q3d_lacking_energy: '', q3e_anxious_or_depressed: '',
    q3f_needed_treatment_change: '', vas_overall_control: '' };
}

/** The one form of the PCDAI and the wPCDAI (app/screens/pcdai.js). */
export function emptyPcdai() {
  return {
    age_years: '', sex: '',
    abdominal_pain_level: '', stools_level: '', wellbeing_level: '', weight_level: '', height_level: '',
    abdomen_level: '', perianal_level: '', eims: [],
    hematocrit: '', hematocrit_unit: 'pct', esr: '', albumin: '', albumin_unit: 'g_dl', pcdai_baseline: '',
  };
}

/** Whether anything was typed, chosen or ticked in `v` (an object of raw field values). */
function entered(v) {
  if (v && typeof v === 'object') return Object.values(v).some(entered);
  return v !== '' && v !== false && v !== null && v !== undefined;
}

export function emptyVisit(baseline, label = '', week = '') {
  return {
    label, week, date: '', baseline,
    hbi_total: '', hbi_items: null,
    cdai_total: '', cdai_items: null,
    ses_cd_total: '', ses_cd_max_item_score: '', ses_cd_any_ulcer: '', ses_cd_items: null,
    sf_avg: '', ap_avg: '', pro2_items: null,
    fecal_calprotectin_ug_g: '', crp_value: '', crp_unit: 'mg/L', crp_uln: '',
    bwt_mm: '', color_doppler_decreased: '', ibdq_total: '', corticosteroids: '', discontinued: '',
  };
}

export function emptyVisits() {
  return {
    timing: 'week',                        // 'week' or 'date'
    isolated_ileal_disease: '',
    sets: ['generic'],
    window_weeks: '', fc_below_ug_g: '', crp_below_mg_l: '',
    list: [emptyVisit(true, '', '0'), emptyVisit(false)],
  };
}

export function emptyState() {
  return { schema: SCHEMA, hbi: emptyHbi(), cdai: emptyCdai(), ses_cd: emptySesCd(), rutgeerts: emptyRutgeerts(),
    cdeis: emptyCdeis(), maria: emptyMaria(), smaria: emptySmaria(),
    pdai: emptyPdai(), ibd_control: emptyIbdControl(), pcdai: emptyPcdai(), visits: emptyVisits() };
}

/** Fills keys missing from a stored state (an older tab) from the empty shape. */
function merge(shape, stored) {
  if (Array.isArray(shape)) return Array.isArray(stored) ? stored : shape;
  if (shape && typeof shape === 'object') {
    if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return shape;
    const out = { ...stored };
    for (const [k, v] of Object.entries(shape)) out[k] = k in stored ? merge(v, stored[k]) : v;
    return out;
  }
  return stored === undefined ? shape : stored;
}

/** The in-progress form of this tab, or an empty one. */
export function loadState(storage) {
  try {
    const text = storage?.getItem(STORAGE_KEY);
    if (!text) return emptyState();
    const stored = JSON.parse(text);
    if (!stored || stored.schema !== SCHEMA) return emptyState();
    // A tab saved before the standard weight had its own unit typed it in the weight's unit.
    if (stored.cdai && typeof stored.cdai === 'object' && !('standard_weight_unit' in stored.cdai)) {
      stored.cdai.standard_weight_unit = stored.cdai.weight_unit || 'kg';
    }
    const s = merge(emptyState(), stored);
    if (!Array.isArray(s.visits.list) || s.visits.list.length < 1) s.visits.list = emptyVisits().list;
    s.visits.list = s.visits.list.map((v) => merge(emptyVisit(false), v));
    return s;
  } catch {
    return emptyState();
  }
}

export function saveState(storage, state) {
  try {
    if (isEmpty(state)) storage?.removeItem(STORAGE_KEY);
    else storage?.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Storage full or disabled by policy: the form still works, it just won't survive a reload.
  }
}

export function clearState(storage) {
  try { storage?.removeItem(STORAGE_KEY); } catch { /* disabled by policy */ }
}

/** True when nothing was entered anywhere (option switches alone do not count). */
export function isEmpty(state) {
  const blank = emptyState();
  const filled = (a, b) => JSON.stringify(a) !== JSON.stringify(b);
  const strip = (c) => ({ ...c, entry: '', hematocrit_unit: '', weight_unit: '', standard_weight_unit: '', height_unit: '',
    standard_weight_source: '', hematocrit_mode: '', weight_mode: '' });
  if (filled(state.hbi, blank.hbi)) return false;
  if (filled(strip(state.cdai), strip(blank.cdai))) return false;
  if (filled(state.ses_cd, blank.ses_cd)) return false;
  if (filled(state.rutgeerts, blank.rutgeerts)) return false;
  if (entered(state.cdeis) || entered(state.maria) || entered(state.smaria)) return false;
  if (filled(state.pdai, blank.pdai) || filled(state.ibd_control, blank.ibd_control)) return false;
  if (filled({ ...state.pcdai, hematocrit_unit: '', albumin_unit: '' }, { ...blank.pcdai, hematocrit_unit: '', albumin_unit: '' })) return false;
  const vs = state.visits;
  const bv = blank.visits;
  if (vs.isolated_ileal_disease || vs.window_weeks || vs.fc_below_ug_g || vs.crp_below_mg_l) return false;
  if (vs.list.length !== bv.list.length) return false;
  return vs.list.every((v, i) => !filled({ ...v, crp_unit: '' }, { ...bv.list[i], crp_unit: '' }));
}
