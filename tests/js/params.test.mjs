// SPDX-License-Identifier: MIT
// Error params and warning details through the wasm module equal the native core's (issue 17),
// and the page words errors and warnings from them: no regular expression on an error's English
// message is left in web/app.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { loadCore, nativeTool, ROOT } from './support.mjs';

const core = await loadCore();

const CDAI = {
  sex: 'male', liquid_stools_7d_total: 20, abdominal_pain_7d_sum: 14, general_wellbeing_7d_sum: 7,
  cdai_complications: [], antidiarrheal_use: false, abdominal_mass: 0, hematocrit_pct: 45,
  weight_kg: 70, standard_weight_kg: 70,
};
const without = (o, ...keys) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/** [request, check(response)] pairs: one per reader kind and special case. */
const CASES = [
  [{ instrument: 'cdai', inputs: { ...CDAI, hematocrit_pct: 0.42 } },
    (r) => assert.deepEqual(r.params, { min: 10, max: 70, unit: 'pct' })],
  [{ instrument: 'cdai', inputs: { ...CDAI, weight_kg: 900 } },
    (r) => assert.deepEqual(r.params, { min: 10, max: 400, unit: 'kg' })],
  [{ instrument: 'cdai', inputs: { ...CDAI, abdominal_pain_7d_sum: 22 } },
    (r) => assert.deepEqual(r.params, { min: 0, max: 21, integer: true })],
  [{ instrument: 'cdai', inputs: { ...CDAI, sex: 'x' } },
    (r) => assert.deepEqual(r.params, { allowed: ['male', 'female'] })],
  [{ instrument: 'cdai', inputs: { ...without(CDAI, 'liquid_stools_7d_total'), liquid_stools_daily: [1, 1, null, 1, 1, 1, 1] } },
    (r) => assert.deepEqual(r.errors.find((e) => e.path === 'liquid_stools_daily[2]').params, { reason: 'diary_day_empty' })],
  [{ instrument: 'rutgeerts', inputs: { rutgeerts_grade: 'i1', neoterminal_ileum_intubated: false } },
    (r) => assert.equal(r.params.reason, 'neoterminal_ileum_not_seen')],
  [{ instrument: 'ses_cd_endpoints', inputs: { ses_cd_baseline: 10, ses_cd_followup: 2, followup_max_item_score: 3 } },
    (r) => assert.deepEqual(r.params, { reason: 'exceeds', of: 'ses_cd_followup', max: 2 })],
  [{ instrument: 'cdai', inputs: { ...without(CDAI, 'liquid_stools_7d_total'), liquid_stools_daily: [1, 1, 30, 1, 1, 1, 1] } },
    (r) => assert.deepEqual(r.warning_details, [{ code: 'liquid_stools_over_20_per_day', where: 'day3', day: 3 }])],
];

test('error params and warning details: wasm equals native, and they say what the message says', () => {
  const texts = CASES.map(([req]) => JSON.stringify(req));
  const run = spawnSync(nativeTool('parity_native'), { input: texts.map((t) => JSON.stringify(t)).join('\n') + '\n' });
  assert.equal(run.status, 0, run.stderr.toString());
  const native = run.stdout.toString('utf8').split('\n');
  CASES.forEach(([req, check], i) => {
    const wasm = core.evaluate(texts[i]);
    assert.equal(wasm, native[i], `${req.instrument}: wasm and native differ`);
    check(JSON.parse(wasm));
  });
});

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.js') ? [join(dir, d.name)] : []);
}

test('the page never reads an error\'s English message', () => {
  const phrases = [/\.message\.match/, /\bmsg\.match/, /\bmessage \|\| ''\)\.match/, /between \(-\?/, /cannot exceed/,
    /whole number/, /diary day cannot be left empty/, /only one visit can be the baseline/,
    /without seeing the neoterminal ileum/, /not both/];
  const hits = [];
  for (const file of sources(join(ROOT, 'web/app'))) {
    const text = readFileSync(file, 'utf8');
    for (const re of phrases) if (re.test(text)) hits.push(`${file.slice(ROOT.length + 1)}: ${re}`);
  }
  assert.deepEqual(hits, []);
});
