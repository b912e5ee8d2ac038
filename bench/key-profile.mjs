#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Where a keystroke's time goes on one screen (a helper for bench/page.mjs, not a test): the CDP
// sampling profiler of headless chromium while real key presses go into one field, then the
// functions with the most self time (and their total time) over all keys.
// Usage: node bench/key-profile.mjs visits|cdai|cdai_weight|hbi|ses_cd [--keys N]
// (ses_cd: ArrowDown/ArrowUp in a select; the others: a digit typed and deleted)
import { startServer } from '../tests/browser/server.mjs';
import { launch } from '../tests/browser/harness.mjs';

const which = process.argv[2] || 'visits';
const i = process.argv.indexOf('--keys');
const KEYS = i > 0 ? Number(process.argv[i + 1]) : 300;
const visit = (over) => ({ label: '', week: '', date: '', baseline: false, hbi_total: '', hbi_items: null, cdai_total: '', cdai_items: null,
  ses_cd_total: '', ses_cd_max_item_score: '', ses_cd_any_ulcer: '', ses_cd_items: null, sf_avg: '', ap_avg: '', pro2_items: null,
  fecal_calprotectin_ug_g: '', crp_value: '', crp_unit: 'mg/L', crp_uln: '', bwt_mm: '', color_doppler_decreased: '',
  ibdq_total: '', corticosteroids: '', discontinued: '', ...over });
const CASES = {
  visits: { hash: 'visits', field: 'list.1.hbi_total', state: { schema: 1, visits: { timing: 'week', isolated_ileal_disease: 'no', sets: ['generic'],
    window_weeks: '', fc_below_ug_g: '', crp_below_mg_l: '', list: [
      visit({ baseline: true, week: '0', hbi_total: '10', cdai_total: '312', ses_cd_total: '12', fecal_calprotectin_ug_g: '800', crp_value: '24' }),
      visit({ week: '16', cdai_total: '178', ses_cd_total: '5', fecal_calprotectin_ug_g: '180', crp_value: '4' })] } } },
  cdai: { hash: 'cdai', field: 'liquid_stools_daily.3', state: { schema: 1, cdai: { sex: 'female', entry: 'diary',
    liquid_stools_daily: ['3', '2', '3', '', '3', '3', '3'], abdominal_pain_daily: ['1', '1', '1', '1', '1', '1', '1'],
    general_wellbeing_daily: ['1', '2', '1', '1', '2', '1', '1'], cdai_complications: [], antidiarrheal_use: 'no', abdominal_mass: '0',
    hematocrit: '36', hematocrit_unit: 'pct', weight: '62', weight_unit: 'kg', standard_weight_source: 'keys_bmi', height: '165', height_unit: 'cm' } } },
  ses_cd: { hash: 'ses-cd', field: 'segments.ileum.ulcer_size', select: true, state: { schema: 1, ses_cd: { segments: Object.fromEntries(
    ['ileum', 'right_colon', 'transverse_colon', 'left_colon', 'rectum'].map((seg, i) => [seg,
      { ulcer_size: String(i < 2 ? 1 : 0), ulcerated_surface: String(i < 2 ? 1 : 0), affected_surface: String(i < 2 ? 1 : 0), narrowing: '0', not_evaluated: false }])) } } },
  hbi: { hash: 'hbi', field: 'liquid_stools_per_day', state: { schema: 1, hbi: { general_wellbeing: '2', abdominal_pain: '2', liquid_stools_per_day: '', abdominal_mass: '1', complications: [] } } },
};
CASES.cdai_weight = { ...CASES.cdai, field: 'weight', state: { schema: 1, cdai: { ...CASES.cdai.state.cdai, weight: '' } } };
CASES.cdai_weight.state.cdai.liquid_stools_daily = ['3', '2', '3', '2', '3', '3', '3'];
const c = CASES[which];
const server = await startServer();
const browser = await launch();
try {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript((s) => sessionStorage.setItem('crohn-score:form', s), JSON.stringify(c.state));
  const page = await context.newPage();
  await page.goto(`${server.origin}/#${c.hash}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const input = page.locator(`[name="${c.field}"]`).first();
  await input.waitFor();
  await input.focus();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const key = c.select ? (k) => (k % 2 === 0 ? 'ArrowDown' : 'ArrowUp') : (k) => (k % 2 === 0 ? String(1 + ((k / 2) % 8)) : 'Backspace');
  for (let k = 0; k < KEYS; k++) await page.keyboard.press(key(k));
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const ch of n.children || []) parent.set(ch, n.id);
  const self = new Map();
  const total = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, s) => {
    const d = (dt[s + 1] ?? 0) / 1000;
    const key = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}`;
    const n = byId.get(id);
    self.set(key(n), (self.get(key(n)) || 0) + d);
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const k = key(byId.get(x));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) || 0) + d);
    }
  });
  const top = (m, label) => {
    console.log(`${label} (ms per key over ${KEYS} keys)`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / KEYS).toFixed(3).padStart(7)}  ${k}`);
  };
  top(self, 'self time');
  top(total, 'total time');
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
