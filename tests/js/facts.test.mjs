// SPDX-License-Identifier: MIT
// Endpoint verdicts' facts (docs/contract.md, "facts") through the tools module equal the native
// CLI's, and the catalogs word what the page shows of the engine: every endpoint definition
// (def.<rule>) and set's notes (set_notes.<set>) in all five languages, English equal to the
// engine's text, and every measure and yes/no input a fact names (fact.measure.*, fact.flag.*).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { loadApi, nativeTool, ROOT } from './support.mjs';

const api = await loadApi();
const cli = (...args) =>
  JSON.parse(execFileSync(nativeTool('crohnscore'), args, { encoding: 'utf8', maxBuffer: 1 << 28 }));
const catalog = (lang) => JSON.parse(readFileSync(join(ROOT, `web/i18n/${lang}.json`), 'utf8'));
const LANGS = ['en', 'it', 'de', 'nl', 'ru'];

const records = readdirSync(join(ROOT, 'examples/records')).filter((f) => f.endsWith('.json'))
    .map((f) => join(ROOT, 'examples/records', f));

/** Every fact of a response, with where it came from. */
function factsOf(response) {
  const out = [];
  for (const set of response.sets) {
    for (const fv of set.visits) for (const ep of fv.endpoints) for (const f of ep.facts) out.push({ where: `${set.id}/${fv.visit}/${ep.id}`, ep, f });
  }
  return out;
}

test('facts through wasm equal the native CLI\'s for every example record', async () => {
  assert.ok(records.length > 0);
  let n = 0;
  for (const file of records) {
    const record = JSON.parse(readFileSync(file, 'utf8'));
    const wasm = await api.endpoints({ record });
    const native = cli('endpoints', file, '--format', 'json');
    assert.deepEqual(wasm, native, file);
    const facts = factsOf(wasm);
    n += facts.length;
    for (const { where, ep, f } of facts) {
      assert.equal(typeof f.measure, 'string', where);
      assert.ok(['level', 'decrease', 'increase', 'decrease_percent', 'not_worse', 'baseline'].includes(f.kind), where);
      assert.ok(['<', '<=', '>', '>=', '='].includes(f.comparison), where);
      assert.ok(f.result === null || typeof f.result === 'boolean', where);
      // An achieved verdict has a comparison that was met; one not evaluable has no met gate.
      if (ep.verdict === 'achieved') assert.ok(ep.facts.some((x) => x.result === true), where);
    }
  }
  assert.ok(n > 20, `only ${n} facts`);
});

test('a POWER week-16 verdict: CDAI-100 OR CDAI < 150 as two facts', async () => {
  const record = { visits: [{ week: 0, baseline: true, cdai_total: 312 }, { week: 16, cdai_total: 178 }] };
  const r = await api.endpoints({ record, definition_sets: ['study_power'] });
  const ep = r.sets[0].visits[0].endpoints.find((e) => e.id === 'clinical_response');
  assert.equal(ep.verdict, 'achieved');
  assert.equal(ep.detail, 'decrease 134 of required 100; CDAI 178, required < 150');
  assert.deepEqual(ep.facts, [
    { measure: 'cdai', kind: 'decrease', value: 178, bound: null, baseline: 312, change: 134, comparison: '>=', threshold: 100, threshold_of: null, unit: null, result: true },
    { measure: 'cdai', kind: 'level', value: 178, bound: null, baseline: null, change: null, comparison: '<', threshold: 150, threshold_of: null, unit: null, result: false },
  ]);
});

test('every endpoint definition and set note the page shows has its key in all five languages', async () => {
  const defs = await api.definitions();
  const cats = Object.fromEntries(LANGS.map((l) => [l, catalog(l)]));
  let n = 0;
  for (const set of defs) {
    if (set.notes) {
      assert.equal(cats.en[`set_notes.${set.id}`], set.notes, `set_notes.${set.id} (en = the engine's)`);
      for (const l of LANGS) assert.ok(cats[l][`set_notes.${set.id}`], `${l}: set_notes.${set.id}`);
    }
    for (const e of set.endpoints) {
      n += 1;
      assert.equal(cats.en[`def.${e.rule}`], e.definition, `def.${e.rule} (en = the engine's)`);
      for (const l of LANGS) assert.ok(cats[l][`def.${e.rule}`], `${l}: def.${e.rule}`);
    }
  }
  assert.ok(n > 30);
});

test('every measure and yes/no input of the example records\' facts is worded', async () => {
  const en = catalog('en');
  for (const file of records) {
    const r = await api.endpoints({ record: JSON.parse(readFileSync(file, 'utf8')) });
    for (const { where, f } of factsOf(r)) {
      if (typeof f.value === 'boolean') {
        const prefix = f.kind === 'baseline' ? 'fact.baseline_flag' : 'fact.flag';
        assert.ok(en[`${prefix}.${f.measure}.${f.value}`], `${where}: ${prefix}.${f.measure}.${f.value}`);
      } else {
        assert.ok(en[`fact.measure.${f.measure}`], `${where}: fact.measure.${f.measure}`);
        assert.ok(en[`fact.${f.kind}`], `${where}: fact.${f.kind}`);
      }
    }
  }
});
