// SPDX-License-Identifier: MIT
// Native / WebAssembly parity: 12 000 generated requests (fixed seed; valid and invalid, every
// instrument) through build/native/bin/parity_native and through the wasm module's evaluate();
// every response must be byte-identical.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { generateRequests } from './requests.mjs';
import { INSTRUMENT_VECTORS, loadCore, nativeTool, VECTORS } from './support.mjs';

const COUNT = 12000;
const SEED = 20240611;

const core = await loadCore();
const instruments = spawnSync(nativeTool('crohnscore'), ['instruments'], { encoding: 'utf8' })
    .stdout.split('\n').filter(Boolean);

// Templates: the vectors' inputs per instrument; for an instrument without vectors, one input
// object made of the fields the core reports missing for `{}`.
function templates() {
  const out = Object.fromEntries(instruments.map((name) => [name, []]));
  for (const file of [VECTORS, ...INSTRUMENT_VECTORS]) {
    for (const v of JSON.parse(readFileSync(file, 'utf8'))) out[v.instrument]?.push(v.inputs);
  }
  for (const name of instruments) {
    if (out[name].length > 0) continue;
    const response = JSON.parse(core.evaluate(JSON.stringify({ instrument: name, inputs: {} })));
    const fields = (response.errors ?? []).map((e) => e.field);
    out[name].push(Object.fromEntries(fields.map((f) => [f, 1])));
  }
  return out;
}

test('instrument lists match', () => {
  assert.deepEqual(JSON.parse(core.instruments()), instruments);
});

test(`${COUNT} generated requests give byte-identical responses`, (t) => {
  const requests = generateRequests({ count: COUNT, seed: SEED, templates: templates() });
  const input = requests.map((r) => JSON.stringify(r.text)).join('\n') + '\n';
  const run = spawnSync(nativeTool('parity_native'), { input, maxBuffer: 1 << 28 });
  assert.equal(run.status, 0, run.stderr.toString());
  const nativeLines = run.stdout.toString('latin1').split('\n');
  assert.equal(nativeLines.length, requests.length + 1);

  const codes = {};
  let mismatches = 0;
  requests.forEach((r, i) => {
    const wasm = Buffer.from(core.evaluate(r.text), 'utf8');
    const native = Buffer.from(nativeLines[i], 'latin1');  // the exact bytes
    if (Buffer.compare(wasm, native) !== 0) {
      if (++mismatches <= 5) t.diagnostic(`#${i} ${r.kind}: ${r.text}\n  native ${native}\n  wasm   ${wasm}`);
    }
    const code = JSON.parse(native.toString('utf8')).error ?? 'ok';
    codes[code] = (codes[code] ?? 0) + 1;
  });
  t.diagnostic(`responses by error code: ${JSON.stringify(codes)}`);
  assert.equal(mismatches, 0, `${mismatches} of ${requests.length} responses differ`);

  // The generator really covers valid input and every kind of error.
  assert.ok(codes.ok >= COUNT / 10, `valid responses: ${codes.ok}`);
  for (const code of ['invalid_json', 'invalid_type', 'missing_field', 'out_of_range', 'unknown_value']) {
    assert.ok(codes[code] >= 100, `${code}: ${codes[code] ?? 0}`);
  }
});

test('the generator is deterministic', () => {
  const a = generateRequests({ count: 500, seed: SEED, templates: templates() });
  const b = generateRequests({ count: 500, seed: SEED, templates: templates() });
  assert.deepEqual(a, b);
});
