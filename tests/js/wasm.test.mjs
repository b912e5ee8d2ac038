// SPDX-License-Identifier: MIT
// The staged WebAssembly module through the public JS API (build/web/crohn-score.js): the public
// conformance vectors, errors as data, and no Embind handle leaks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'node:test';
import { importApiModule, INSTRUMENT_VECTORS, loadApi, loadCore, ROOT, siteFile, VECTORS } from './support.mjs';

const api = await loadApi();
const vectors = JSON.parse(readFileSync(VECTORS, 'utf8'));

// The conformance rule: every expected key present, numbers within 1e-4, the rest equal.
function matches(expected, actual) {
  if (typeof expected === 'number') {
    return typeof actual === 'number' && Math.abs(expected - actual) <= 1e-4;
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length &&
        expected.every((e, i) => matches(e, actual[i]));
  }
  if (expected !== null && typeof expected === 'object') {
    return actual !== null && typeof actual === 'object' && !Array.isArray(actual) &&
        Object.keys(expected).every((k) => k in actual && matches(expected[k], actual[k]));
  }
  return expected === actual;
}

function assertError(response, code, field) {
  assert.equal(response.error, code, JSON.stringify(response));
  if (field !== undefined) assert.equal(response.field, field);
  assert.equal(typeof response.message, 'string');
  assert.ok(response.message.length > 0);
  assert.ok(Array.isArray(response.errors) && response.errors.length > 0);
}

test('every public conformance vector passes through wasm', async (t) => {
  assert.ok(vectors.length > 0);
  for (const v of vectors) {
    await t.test(v.id, () => {
      const actual = api.evaluate(v.instrument, v.inputs);
      assert.ok(matches(v.expected, actual), `${v.id}: ${JSON.stringify(actual)}`);
    });
  }
});

test('every public vector of the new instruments passes through wasm', async (t) => {
  assert.ok(INSTRUMENT_VECTORS.length > 0);
  for (const file of INSTRUMENT_VECTORS) {
    const list = JSON.parse(readFileSync(file, 'utf8'));
    assert.ok(list.length > 0, file);
    for (const v of list) {
      await t.test(v.id, () => {
        const actual = api.evaluate(v.instrument, v.inputs);
        assert.ok(matches(v.expected, actual), `${v.id}: ${JSON.stringify(actual)}`);
      });
    }
    const run = await api.conformance(readFileSync(file));
    assert.equal(run.failed, 0, run.output);
    assert.equal(run.passed, list.length);
  }
});

test('conformance() runs the vectors file like the CLI (a Promise: the runner is in the tools module)', async () => {
  const result = await api.conformance(readFileSync(VECTORS));
  assert.equal(result.passed, vectors.length);
  assert.equal(result.failed, 0);
  const lines = result.output.split('\n');
  assert.equal(lines.length, vectors.length + 2);  // vector lines, summary, final newline
  assert.equal(lines.at(-2), `${vectors.length} passed, 0 failed`);
  assert.deepEqual(JSON.parse(lines[0]).id, vectors[0].id);
  const broken = await api.conformance('[{"id": "x"');
  assert.equal(broken.failed, 1);
  assert.match(broken.output, /^vectors file is not a JSON array: .*\n0 passed, 1 failed\n$/);
});

test('version, apiVersion and instruments', () => {
  const cmake = readFileSync(join(ROOT, 'CMakeLists.txt'), 'utf8');
  assert.equal(api.version, /project\(crohnscore VERSION (\S+)/.exec(cmake)[1]);
  assert.ok(Number.isInteger(api.apiVersion) && api.apiVersion >= 1);
  const names = api.instruments();
  assert.ok(names.every((n) => typeof n === 'string'));
  for (const v of vectors) assert.ok(names.includes(v.instrument), v.instrument);
});

test('malformed JSON comes back as an invalid_json error object', () => {
  for (const text of ['', ' ', '{"instrument": "hbi",', '{"instrument": "hbi", "inputs": {}}}',
                      '[1, 2', "{'instrument': 'hbi'}", 'nul', '{"a":1}\n{"b":2}']) {
    const response = api.evaluateRequest(text);
    assertError(response, 'invalid_json', 'request');
    assert.match(response.message, /line \d+, column \d+/, text);
  }
});

test('invalid requests and inputs are returned as data, not thrown', () => {
  assertError(api.evaluate('no_such_instrument', {}), 'unknown_value', 'instrument');
  assertError(api.evaluate('hbi', {}), 'missing_field');
  assertError(api.evaluate('hbi', []), 'invalid_type', 'inputs');
  assertError(api.evaluate('hbi', undefined), 'missing_field', 'inputs');
  assertError(api.evaluateRequest({ instrument: 'hbi' }), 'missing_field', 'inputs');
  assertError(api.evaluateRequest({ instrument: 'hbi', inputs: {}, x: 1 }), 'unknown_value', 'x');
  const hbi = vectors.find((v) => v.instrument === 'hbi').inputs;
  assertError(api.evaluate('hbi', { ...hbi, abdominal_pain: 9 }), 'out_of_range', 'abdominal_pain');
  assertError(api.evaluate('hbi', { ...hbi, abdominal_pain: '1' }), 'invalid_type', 'abdominal_pain');
  assertError(api.evaluate('hbi', { ...hbi, extra: 1 }), 'unknown_value', 'extra');
  const cyclic = { ...hbi };
  cyclic.self = cyclic;
  assertError(api.evaluate('hbi', cyclic), 'invalid_json', 'request');
  assertError(api.evaluate('hbi', { ...hbi, big: 1n }), 'invalid_json', 'request');
});

test('endpoints() and definitions() come from the tools module, as Promises; engine() answers synchronously once loaded', async () => {
  // The main module (first paint) no longer carries the endpoint engine: it passed its 80 KB
  // budget (docs/architecture.md); crohn-tools.wasm has it.
  const main = await loadCore();
  assert.equal(main.endpoints, undefined);
  assert.equal(main.definitions, undefined);
  const tools = await loadCore(undefined, 'crohn-tools');
  assert.equal(typeof tools.endpoints, 'function');
  assert.equal(typeof tools.definitions, 'function');
  const pending = api.endpoints({});
  assert.ok(pending instanceof Promise);
  assert.equal(typeof (await pending), 'object');
  assertError(await api.endpoints('{'), 'invalid_json');
  const defs = await api.definitions();
  assert.ok(Array.isArray(defs) && defs.some((d) => d.id === 'study_power'));
  const engine = await api.engine();
  assert.equal(await api.engine(), engine, 'loaded once');
  assert.deepEqual(engine.definitions(), defs);
  const sync = engine.endpoints({ record: { visits: [{ baseline: true, week: 0, cdai_total: 312 }, { week: 16, cdai_total: 178 }] },
    definition_sets: ['study_power'] });
  assert.equal(sync.sets[0].visits[0].endpoints.find((e) => e.id === 'clinical_response').verdict, 'achieved');
  assertError(engine.endpoints('{'), 'invalid_json');
});

test('loadCrohnScore() is memoised', async () => {
  const { loadCrohnScore } = await importApiModule();
  assert.equal(await loadCrohnScore(), api);
  assert.ok(Object.isFrozen(api));
});

test('a core compiled beforehand (wasmModule, as boot.js does for the page) gives the same answers', async () => {
  // A second instance of the API module (its own memoised load), given only the compiled module:
  // nothing to fetch, which Node could not do anyway.
  const url = pathToFileURL(siteFile('crohn-score.js')).href + '?precompiled';
  const { loadCrohnScore } = await import(url);
  const wasmModule = await WebAssembly.compile(readFileSync(siteFile('crohn.wasm')));
  const other = await loadCrohnScore({ wasmModule });
  assert.notEqual(other, api);
  assert.equal(other.version, api.version);
  for (const v of vectors) {
    assert.deepEqual(other.evaluate(v.instrument, v.inputs), api.evaluate(v.instrument, v.inputs), v.id);
  }
});

test('a compiled module that is not crohn.wasm rejects the load instead of leaving it pending', { timeout: 10000 }, async () => {
  const url = pathToFileURL(siteFile('crohn-score.js')).href + '?wrong-module';
  const { loadCrohnScore } = await import(url);
  const wrong = await WebAssembly.compile(readFileSync(siteFile('crohn-tools.wasm')));
  await assert.rejects(loadCrohnScore({ wasmModule: wrong }), /WebAssembly\.instantiate\(\)/);
});

test('no Embind handle leaks over 10 000 calls', async () => {
  const core = await loadCore();
  assert.equal(typeof core.count_emval_handles, 'function', 'the build exports the counter');
  const requests = vectors.map((v) => JSON.stringify({ instrument: v.instrument, inputs: v.inputs }));
  const before = core.count_emval_handles();
  for (let i = 0; i < 10000; i++) {
    core.evaluate(requests[i % requests.length]);
    if (i % 100 === 0) {
      core.evaluate('{"bad json');
      core.instruments();
      core.version();
      core.apiVersion();
    }
  }
  assert.equal(core.count_emval_handles(), before);
});

test('each worked example gives its published result through wasm', async () => {
  const examples = await api.examples();
  assert.deepEqual(examples.map((e) => e.instrument).sort(), ['cdai', 'cdeis', 'hbi', 'ibd_control', 'maria', 'pcdai', 'pdai',
    'rutgeerts', 'ses_cd', 'smaria', 'wpcdai']);
  for (const e of examples) {
    const response = api.evaluate(e.instrument, e.inputs);
    assert.equal(response.error, undefined, JSON.stringify(response));
    assert.ok(matches(e.expected, response), `${e.instrument}: ${JSON.stringify(response)}`);
    assert.match(e.source, /\w/);
  }
});
