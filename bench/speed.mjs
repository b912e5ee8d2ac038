#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Speed of a mixed HBI / CDAI / SES-CD workload (the public vectors of those instruments): native
// core (build/native/bin/bench_native), the wasm core called directly (JSON text in and out) and
// the full JS API round trip (object -> JSON -> wasm -> JSON -> object). Rounds are interleaved
// and the best round of each counts, which damps noise from other processes. Prints figures
// against the targets (wasm >= 0.5x native, JS round trip < 20 us); never fails.
//   node bench/speed.mjs [--rounds N] [--ms MILLISECONDS_PER_ROUND]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadApi, loadCore, nativeTool, VECTORS } from '../tests/js/support.mjs';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' },
                                          ms: { type: 'string', default: '300' } } });
const rounds = Number(values.rounds);
const ms = Number(values.ms);

const workload = JSON.parse(readFileSync(VECTORS, 'utf8'))
    .filter((v) => ['hbi', 'cdai', 'ses_cd'].includes(v.instrument))
    .map((v) => ({ instrument: v.instrument, inputs: v.inputs }));
const texts = workload.map((r) => JSON.stringify(r));
const [api, core] = await Promise.all([loadApi(), loadCore()]);
const bench = nativeTool('bench_native');

// Calls `one(i)` for about `ms` milliseconds; returns microseconds per call.
function timeLoop(one) {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < texts.length; i++) one(i);
    calls += texts.length;
    elapsed = performance.now() - start;
  }
  return (elapsed * 1000) / calls;
}

function nativeRound() {
  const run = spawnSync(bench, [String(ms)], { input: texts.map((t) => JSON.stringify(t)).join('\n') });
  if (run.status !== 0) throw new Error(`bench_native failed: ${run.stderr}`);
  const { evaluations, seconds } = JSON.parse(run.stdout);
  return (seconds * 1e6) / evaluations;
}

const best = { native: Infinity, wasm: Infinity, api: Infinity };
timeLoop((i) => core.evaluate(texts[i]));  // warm-up (JIT tiers)
timeLoop((i) => api.evaluate(workload[i].instrument, workload[i].inputs));
for (let r = 0; r < rounds; r++) {
  best.native = Math.min(best.native, nativeRound());
  best.wasm = Math.min(best.wasm, timeLoop((i) => core.evaluate(texts[i])));
  best.api = Math.min(best.api, timeLoop((i) => api.evaluate(workload[i].instrument,
                                                             workload[i].inputs)));
}

const row = (name, us) =>
  console.log(`${name.padEnd(22)} ${Math.round(1e6 / us).toString().padStart(8)} evaluations/s` +
              `  ${us.toFixed(1).padStart(6)} us/evaluation`);
console.log(`workload: ${texts.length} HBI/CDAI/SES-CD requests, best of ${rounds} rounds of ${ms} ms`);
row('native core', best.native);
row('wasm core (direct)', best.wasm);
row('JS API round trip', best.api);
const ratio = best.native / best.wasm;
console.log(`wasm / native speed: ${ratio.toFixed(2)}x (target >= 0.5x): ` +
            `${ratio >= 0.5 ? 'met' : 'NOT met'}`);
console.log(`JS round trip: ${best.api.toFixed(1)} us (target < 20 us): ` +
            `${best.api < 20 ? 'met' : 'NOT met'}; JS-side overhead over the direct call ` +
            `${(best.api - best.wasm).toFixed(1)} us`);
