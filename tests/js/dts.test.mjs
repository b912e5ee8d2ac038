// SPDX-License-Identifier: MIT
// The hand-written web/crohn-score.d.ts must name exactly what crohn-score.js exports and what its
// API object and results hold (Emscripten 3.1.6 cannot generate the types, so this keeps them
// honest).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { importApiModule, loadApi, ROOT, siteFile } from './support.mjs';

const dts = readFileSync(join(ROOT, 'web/crohn-score.d.ts'), 'utf8');
const api = await loadApi();

/** Members of `export interface NAME { ... }`: {name: 'method' | 'property'}. */
function members(name) {
  const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(dts);
  assert.ok(body, `interface ${name} in crohn-score.d.ts`);
  const out = {};
  for (const m of body[1].matchAll(/^ {2}(?:readonly )?(\w+)(\??)(\(|:)/gm)) {
    out[m[1]] = m[3] === '(' ? 'method' : 'property';
  }
  return out;
}

const kinds = (object) =>
  Object.fromEntries(Object.keys(object).map((k) =>
    [k, typeof object[k] === 'function' ? 'method' : 'property']));

test('exported names match', async () => {
  const declared = [...dts.matchAll(/^export (?:declare )?(?:function|const|let|class) (\w+)/gm)]
      .map((m) => m[1]);
  assert.deepEqual(declared.sort(), Object.keys(await importApiModule()).sort());
});

test('CrohnScore declares exactly the API object\'s members', () => {
  assert.deepEqual(members('CrohnScore'), kinds(api));
});

test('result interfaces match real results', async () => {
  assert.deepEqual(Object.keys(members('ConformanceResult')).sort(),
                   Object.keys(await api.conformance('[]')).sort());
  // A range error first: it has every member, params included (a missing field has no params).
  const error = api.evaluate('hbi', { general_wellbeing: 1, abdominal_pain: 9, liquid_stools_per_day: 2, abdominal_mass: 0, complications: [] });
  assert.equal(error.error, 'out_of_range');
  assert.deepEqual(Object.keys(members('ErrorResponse')).sort(), Object.keys(error).sort());
  assert.deepEqual(Object.keys(members('ErrorItem')).sort(), Object.keys(error.errors[0]).sort());
  assert.deepEqual(Object.keys(members('EvaluateRequest')), ['instrument', 'inputs']);
});

test('LoadOptions are options the glues read, or the API\'s own', () => {
  const source = readFileSync(siteFile('crohn-score.js'), 'utf8');
  const glues = ['crohn.mjs', 'crohn-tools.mjs'].map((f) => readFileSync(siteFile(f), 'utf8'));
  // Read by crohn-score.js: handed to crohn-tools.mjs, or turned into the glue's instantiateWasm.
  const own = ['toolsWasmBinary', 'wasmModule'];
  for (const name of Object.keys(members('LoadOptions'))) {
    if (own.includes(name)) {
      assert.match(source, new RegExp(`\\b${name}\\b`), `crohn-score.js reads ${name}`);
    } else {
      for (const glue of glues) assert.ok(glue.includes(`Module["${name}"]`), `reads ${name}`);
    }
  }
});
