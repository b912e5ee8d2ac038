#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Synthetic cohort files for the cohort benchmarks (docs/cohort.md template, long format: one row
// per patient-visit). Deterministic: the same options give the same bytes. Not clinical data.
//
// The mix: two arms (the active arm improves more), visits at weeks 0, 8, 16, ..., HBI as items or
// as a total, SES-CD at the first and last visit as per-segment items (sometimes a segment not
// examined) or as a total, CRP value with unit (mg/L or mg/dL), calprotectin, bowel-wall
// thickness, corticosteroids, discontinuation, empty (not measured) cells, and about 0.2 % of
// rows with a bad cell (so the issues path is exercised).
//
//   import { makeCohortCsv } from './cohort-data.mjs';
//   const csv = makeCohortCsv({ patients: 100000, visits: 3, seed: 1 });
//   node bench/cohort-data.mjs --patients 100000 --visits 3 [--seed 1] [--semicolon] > cohort.csv
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { prng } from '../tests/js/requests.mjs';

const SEGMENTS = ['ileum', 'right_colon', 'transverse_colon', 'left_colon', 'rectum'];
const ITEMS = ['ulcer_size', 'ulcerated_surface', 'affected_surface', 'narrowing'];
const HBI_ITEMS = ['hbi_general_wellbeing', 'hbi_abdominal_pain', 'hbi_liquid_stools_per_day',
                   'hbi_abdominal_mass', 'hbi_complications'];

export const COHORT_COLUMNS = [
  'patient_id', 'arm', 'week', 'baseline', ...HBI_ITEMS, 'hbi_total', 'ses_cd_total',
  ...SEGMENTS.flatMap((s) => ITEMS.map((i) => `ses_${s}_${i}`)),
  'crp_value', 'crp_unit', 'fecal_calprotectin_ug_g', 'bwt_mm', 'corticosteroids', 'discontinued',
];

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

/**
 * A cohort as CSV text.
 * @param {{patients?: number, visits?: number, seed?: number, semicolon?: boolean}} options
 *   visits per patient (>= 1, the first is the baseline); `semicolon`: `;` separated with
 *   decimal commas.
 */
export function makeCohortCsv({ patients = 1000, visits = 3, seed = 1, semicolon = false } = {}) {
  if (!(patients >= 1) || !(visits >= 1)) throw new Error('patients and visits must be >= 1');
  const rnd = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p) => rnd() < p;
  const sep = semicolon ? ';' : ',';
  const num = (v) => (semicolon ? String(v).replace('.', ',') : String(v));
  const width = String(patients).length;
  const lines = [COHORT_COLUMNS.join(sep)];

  for (let p = 1; p <= patients; p++) {
    const id = `P${String(p).padStart(width, '0')}`;
    const active = chance(0.5);
    const arm = active ? 'active' : 'control';
    // Disease activity 0..1 at baseline; the active arm improves more per visit.
    const start = 0.45 + 0.55 * rnd();
    const gain = (active ? 0.35 : 0.15) + 0.3 * (rnd() - 0.5);
    const steroids = chance(0.4);
    let stopped = false;

    for (let v = 0; v < visits; v++) {
      const last = v === visits - 1;
      const week = 8 * v;
      const activity = clamp(start * (1 - gain * Math.min(v, 2) / 2) + 0.15 * (rnd() - 0.5), 0, 1);
      if (v > 0 && !stopped && chance(0.03)) stopped = true;
      const cell = Object.fromEntries(COHORT_COLUMNS.map((c) => [c, '']));
      cell.patient_id = id;
      cell.arm = arm;
      cell.week = String(week);
      cell.baseline = v === 0 ? 'yes' : 'no';

      // HBI: items (85 %), a total (10 %) or not measured.
      const hbiKind = rnd();
      const wellbeing = clamp(Math.round(activity * 4 + rnd() - 0.5), 0, 4);
      const pain = clamp(Math.round(activity * 3 + rnd() - 0.5), 0, 3);
      const stools = clamp(Math.round(activity * 9 + 2 * (rnd() - 0.5)), 0, 20);
      const mass = clamp(Math.round(activity * 2 * rnd()), 0, 3);
      const complications = chance(activity * 0.3) ? (chance(0.7) ? 'arthralgia' : 'arthralgia|uveitis') : 'none';
      if (hbiKind < 0.85) {
        cell.hbi_general_wellbeing = String(wellbeing);
        cell.hbi_abdominal_pain = String(pain);
        cell.hbi_liquid_stools_per_day = String(stools);
        cell.hbi_abdominal_mass = String(mass);
        cell.hbi_complications = complications;
      } else if (hbiKind < 0.95) {
        cell.hbi_total = String(wellbeing + pain + stools + mass + complications.split('|').length -
                                (complications === 'none' ? 1 : 0));
      }

      // SES-CD at the first and the last visit: items (55 %), a total (30 %) or none.
      if (v === 0 || last) {
        const sesKind = rnd();
        if (sesKind < 0.55) {
          const skipped = chance(0.15) ? int(0, SEGMENTS.length - 1) : -1;
          SEGMENTS.forEach((s, k) => {
            if (k === skipped) return;
            // Daperno's items hang together: an ulcer has a size and an ulcerated surface, and
            // lies on an affected surface (about 3 % of segments break this, as real forms do).
            const ulcer = chance(activity * 0.7);
            const size = ulcer ? int(1, clamp(Math.round(1 + activity * 2), 1, 3)) : 0;
            const surface = ulcer ? int(1, clamp(Math.round(1 + activity * 2), 1, 3)) : 0;
            const affected = ulcer ? int(Math.max(1, surface), 3) : (chance(0.3) ? int(1, 2) : 0);
            const narrowing = chance(activity * 0.25) ? int(1, chance(0.1) ? 3 : 2) : 0;
            const items = [size, surface, affected, narrowing];
            if (chance(0.03)) items[0] = ulcer ? 0 : 1;
            ITEMS.forEach((item, i) => { cell[`ses_${s}_${item}`] = String(items[i]); });
          });
        } else if (sesKind < 0.85) {
          cell.ses_cd_total = String(clamp(Math.round(activity * 24 + 4 * (rnd() - 0.5)), 0, 56));
        }
      }

      // CRP (90 %), in mg/L (80 %) or mg/dL.
      if (chance(0.9)) {
        const mgL = Math.round((0.5 + activity * 40 * rnd()) * 10) / 10;
        if (chance(0.8)) {
          cell.crp_value = num(mgL);
          cell.crp_unit = 'mg/L';
        } else {
          cell.crp_value = num(Math.round(mgL) / 10);
          cell.crp_unit = 'mg/dL';
        }
      }
      if (chance(0.85)) cell.fecal_calprotectin_ug_g = String(Math.round(20 + activity * 1200 * rnd()));
      if (chance(0.6)) cell.bwt_mm = num(Math.round((2 + activity * 6 + rnd()) * 10) / 10);
      if (chance(0.95)) cell.corticosteroids = (steroids && (v === 0 || chance(0.6))) ? 'yes' : 'no';
      cell.discontinued = stopped ? 'yes' : 'no';

      // About 0.2 % of rows carry one bad cell: not a number, out of range, or too precise.
      if (chance(0.002)) {
        const bad = int(0, 3);
        if (bad === 0) cell.crp_value = 'n/a';
        else if (bad === 1) cell.fecal_calprotectin_ug_g = '<30';
        else if (bad === 2) cell.bwt_mm = num(3.125);
        else { cell.hbi_abdominal_pain = '7'; cell.hbi_general_wellbeing ||= '1';
               cell.hbi_liquid_stools_per_day ||= '2'; cell.hbi_abdominal_mass ||= '0';
               cell.hbi_complications ||= 'none'; cell.hbi_total = ''; }
      }
      lines.push(COHORT_COLUMNS.map((c) => cell[c]).join(sep));
    }
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: {
    patients: { type: 'string', default: '100000' },
    visits: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    semicolon: { type: 'boolean', default: false },
  } });
  process.stdout.write(makeCohortCsv({ patients: Number(values.patients), visits: Number(values.visits),
                                       seed: Number(values.seed), semicolon: values.semicolon }));
}
