// SPDX-License-Identifier: MIT
// The second WebAssembly module (crohn-tools.wasm: cohorts and FHIR) through the public JS API:
// loaded on first use, asynchronous, and answering exactly what the native CLI prints
// (`crohnscore endpoints FILE --format fhir`, `crohnscore cohort FILE --format json`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { loadApi, loadCore, nativeTool, ROOT } from './support.mjs';

const api = await loadApi();
const crohnscore = nativeTool('crohnscore');
const cli = (...args) =>
  JSON.parse(execFileSync(crohnscore, args, { encoding: 'utf8', maxBuffer: 1 << 28 }));

const records = readdirSync(join(ROOT, 'examples/records')).filter((f) => f.endsWith('.json'))
    .map((f) => join(ROOT, 'examples/records', f));
const cohorts = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.csv'))
    .map((f) => join(ROOT, 'examples', f));

test('the main module has no cohort or fhir export; the tools module has them', async () => {
  const main = await loadCore(undefined, 'crohn');
  assert.equal(main.cohort, undefined);
  assert.equal(main.fhir, undefined);
  const tools = await loadCore(undefined, 'crohn-tools');
  assert.equal(typeof tools.cohort, 'function');
  assert.equal(typeof tools.fhir, 'function');
  assert.equal(tools.version(), api.version);
});

test('fhir() and cohort() return Promises', async () => {
  const fhir = api.fhir('{');
  const cohort = api.cohort('');
  assert.ok(fhir instanceof Promise);
  assert.ok(cohort instanceof Promise);
  assert.equal((await fhir).error, 'invalid_json');
  assert.equal(typeof (await cohort), 'object');
});

test('fhir() gives the CLI\'s Bundle for every example record', async () => {
  assert.ok(records.length > 0);
  for (const file of records) {
    const record = JSON.parse(readFileSync(file, 'utf8'));
    const bundle = await api.fhir({ record, options: {} });
    assert.deepEqual(bundle, cli('endpoints', file, '--format', 'fhir'), file);
    assert.equal(bundle.resourceType, 'Bundle');
  }
});

test('cohort() gives the CLI\'s analysis of the example cohorts, from text or bytes', async () => {
  assert.ok(cohorts.length > 0);
  for (const file of cohorts) {
    const expected = cli('cohort', file, '--format', 'json');
    assert.deepEqual(await api.cohort(readFileSync(file, 'utf8')), expected, file);
    assert.deepEqual(await api.cohort(readFileSync(file), {}), expected, file);
  }
});

test('cohort() reads bytes as the CLI reads the file, invalid UTF-8 included', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crohn-cohort-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const original = readFileSync(cohorts[0]);
  const at = original.indexOf(0x0a) + 1;  // the first data row starts with the patient id
  const bytes = Buffer.concat([original.subarray(0, at), Buffer.from([0xff, 0xfe]),
                               original.subarray(at)]);
  const file = join(dir, 'bad-utf8.csv');
  writeFileSync(file, bytes);
  const expected = cli('cohort', file, '--format', 'json');
  assert.deepEqual(await api.cohort(new Uint8Array(bytes)), expected);
});

test('cohort() errors are data, naming the field', async () => {
  const file = readFileSync(cohorts[0], 'utf8');
  const unknown = await api.cohort(file, { definition_sets: ['no_such_set'] });
  assert.equal(typeof unknown.error, 'string', JSON.stringify(unknown));
  const badOptions = await api.cohort(file, '{');
  assert.equal(badOptions.error, 'invalid_json');
  const cyclic = {};
  cyclic.self = cyclic;
  assert.equal((await api.cohort(file, cyclic)).error, 'invalid_json');
});

test('cohort() reports progress: monotonic, ending with done === total', async () => {
  const text = readFileSync(cohorts[0], 'utf8');
  const calls = [];
  const expected = cli('cohort', cohorts[0], '--format', 'json');
  const onProgress = (done, total) => calls.push([done, total]);
  const response = await api.cohort(text, {}, { onProgress });
  assert.deepEqual(response, expected);
  assert.ok(calls.length >= 2 && calls.length <= 101, `${calls.length} calls`);
  for (let i = 1; i < calls.length; i++) {
    assert.ok(calls[i][0] >= calls[i - 1][0], `done goes down at call ${i}`);
    assert.equal(calls[i][1], calls[0][1], 'total changes');
  }
  const [done, total] = calls.at(-1);
  assert.equal(done, total);
  // A failing callback does not break the module: the error comes back after the run.
  await assert.rejects(api.cohort(text, {}, { onProgress: () => { throw new Error('boom'); } }),
                       /boom/);
  assert.deepEqual(await api.cohort(text), expected);
});

test('no Embind handle leaks in the tools module over many cohort() and fhir() calls', async () => {
  const tools = await loadCore(undefined, 'crohn-tools');
  const text = readFileSync(cohorts[0], 'utf8');
  const record = readFileSync(records[0], 'utf8');
  const before = tools.count_emval_handles();
  for (let i = 0; i < 200; i++) {
    tools.cohort(text, '{"include_patients": false}', () => {});
    tools.cohort('', '{', null);
    tools.fhir(`{"record": ${record}}`);
  }
  assert.equal(tools.count_emval_handles(), before);
});
