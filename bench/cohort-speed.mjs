#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Speed of the cohort mode on a synthetic cohort (bench/cohort-data.mjs, default 100 000 patients
// x 3 visits): the native core (bench_cohort: read, analyse and JSON apart, and the analyse_json
// entry point), the wasm core's entry point (file text in, JSON text out) and the public JS API
// (`await crohn.cohort(text, options)`: the wasm call plus JSON.parse of the result), for a few
// option sets. Best of the rounds. Prints rows/s and seconds against the target (under 1 s in
// the browser worker); never fails.
//   node bench/cohort-speed.mjs [--patients N] [--visits N] [--rounds N] [--site DIR] [--native DIR]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeCohortCsv } from './cohort-data.mjs';
import { loadApi, loadCore, NATIVE_BIN, SITE } from '../tests/js/support.mjs';

const { values } = parseArgs({ options: {
  patients: { type: 'string', default: '100000' },
  visits: { type: 'string', default: '3' },
  rounds: { type: 'string', default: '3' },
  site: { type: 'string', default: SITE },
  native: { type: 'string', default: NATIVE_BIN },
} });
const patients = Number(values.patients);
const visits = Number(values.visits);
const rounds = Math.max(1, Number(values.rounds));

// What a researcher runs: the generic set (the default), one study's set, and that set with the
// per-patient verdicts (the largest output).
const CASES = [
  { name: 'generic set, summary', options: { include_patients: false } },
  { name: 'study_italian_upa, summary', options: { definition_sets: ['study_italian_upa'], include_patients: false } },
  { name: 'study_italian_upa, per patient', options: { definition_sets: ['study_italian_upa'] } },
];

const started = performance.now();
const text = makeCohortCsv({ patients, visits, seed: 1 });
const rows = patients * visits;
console.log(`cohort: ${patients} patients x ${visits} visits = ${rows} rows, ` +
            `${(text.length / 1e6).toFixed(1)} MB of CSV (made in ${((performance.now() - started) / 1000).toFixed(1)} s); ` +
            `best of ${rounds} rounds`);

const line = (name, seconds, extra = '') =>
  console.log(`  ${name.padEnd(34)} ${seconds.toFixed(3).padStart(7)} s ` +
              `${Math.round(rows / seconds).toString().padStart(9)} rows/s${extra}`);

// Native: bench_cohort on the same file.
const tool = join(values.native, 'bench_cohort');
const dir = mkdtempSync(join(tmpdir(), 'crohn-cohort-'));
const file = join(dir, 'cohort.csv');
writeFileSync(file, text);
function native(options) {
  if (!existsSync(tool)) return null;
  const args = [file, '--rounds', String(rounds), '--json'];
  if (options.definition_sets) args.push('--definitions', options.definition_sets.join(','));
  if (options.include_patients === false) args.push('--no-patients');
  const run = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) {
    console.log(`  native: bench_cohort failed: ${run.stderr || run.error}`);
    return null;
  }
  return JSON.parse(run.stdout);
}

// Wasm: the public API, and the raw entry point of whichever module exports it.
let api = null;
let core = null;
try {
  api = await loadApi(values.site);
  for (const name of ['crohn-tools', 'crohn']) {
    try {
      const module = await loadCore(values.site, name);
      if (typeof module.cohort === 'function') {
        core = module;
        break;
      }
    } catch {
      // not built (or not split): try the next module
    }
  }
} catch (e) {
  console.log(`  wasm: not loaded (${e.message})`);
}

async function best(run) {
  let seconds = Infinity;
  let result;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    result = await run();
    seconds = Math.min(seconds, (performance.now() - t) / 1000);
  }
  return { seconds, result };
}

for (const c of CASES) {
  console.log(`\n${c.name}  ${JSON.stringify(c.options)}`);
  const n = native(c.options);
  if (n) {
    line('native read_any', n.read_s);
    line('native analyse', n.analyse_s);
    console.log(`  ${'native JSON dump of the tree'.padEnd(34)} ${n.dump_s.toFixed(3).padStart(7)} s ` +
                `${(n.output_bytes / 1e6).toFixed(1).padStart(9)} MB of JSON`);
    line('native analyse_json (entry point)', n.analyse_json_s);
  } else if (!existsSync(tool)) {
    console.log(`  native: ${tool} not built (cmake --build --preset native --target bench_cohort)`);
  }
  const optionsText = JSON.stringify(c.options);
  if (core) {
    try {
      // (The entry point takes a progress function, or null, since the JS API passes one.)
      const call = core.cohort.argCount === 2
        ? () => core.cohort(text, optionsText)
        : () => core.cohort(text, optionsText, null);
      const { seconds, result } = await best(call);
      line('wasm analyse_json (entry point)', seconds, n ? `  ${(seconds / n.analyse_json_s).toFixed(1)}x native` : '');
      if (result.length < 200) console.log(`    (short output: ${result})`);
    } catch (e) {
      console.log(`  wasm entry point failed: ${e.message}`);
    }
  }
  if (api) {
    try {
      let calls = 0;
      const onProgress = () => { calls++; };
      const { seconds, result } = await best(() => api.cohort(text, c.options, { onProgress }));
      const target = seconds < 1 ? 'under the 1 s target' : 'OVER the 1 s target';
      line('JS API await crohn.cohort()', seconds, `  ${target}, ${Math.round(calls / rounds)} progress calls`);
      if (result.error) console.log(`    error: ${result.message}`);
      else console.log(`    ${result.input.patients} patients, ${result.issues.length} issues, ` +
                       `${result.summary.length} summary lines, ${result.patients.length} per-patient entries`);
    } catch (e) {
      console.log(`  JS API failed: ${e.message}`);
    }
  }
}
rmSync(dir, { recursive: true, force: true });
