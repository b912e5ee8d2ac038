// SPDX-License-Identifier: MIT
// The Cohort screen, driven like a researcher would: files chosen in the real file input (or
// dropped), options ticked and typed, the analysis running in the Web Worker. The seed cohorts
// give the counts, percentages and intervals of the issue and of `crohnscore cohort` (reference
// output of the CLI, e.g. `crohnscore cohort examples/power-like-cohort.csv --definitions
// study_power --week 16`); bad rows are listed with row, column and reason; the tables sort from
// the keyboard; Cancel stops the worker and keeps the form; the page keeps answering during a
// long run; the exports are the core's; the file never leaves the page.
import { test, before, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startServer, SITE, ROOT } from './server.mjs';
import AxeBuilder from '@axe-core/playwright';
import { launch, openPage, gotoApp, screen, screenshot, typeInto, eraseAll, showScreen } from './harness.mjs';
import { fillHbi, shownVerdict } from './fill.mjs';
import { ITALIAN, POWER, analyseCohort, powerWithProblems, settled } from './cohort-fill.mjs';
import { makeCohortCsv } from '../../bench/cohort-data.mjs';

let server;
let browser;
let dir;
let bigFile;
before(async () => {
  server = await startServer();
  browser = await launch();
  // 100 000 patients x 3 visits, from disk as a user's file (a buffer would be decoded by the
  // test driver on the page's thread).
  dir = await mkdtemp(join(tmpdir(), 'crohn-cohort-'));
  bigFile = join(dir, 'big.csv');
  await writeFile(bigFile, makeCohortCsv({ patients: 100000, visits: 3, seed: 7 }));
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true });
});

const cell = (s, row, col) => s.locator(`${row} [data-col="${col}"]`).first().innerText();
const rowOf = (set, endpoint, arm) => `table.summary tr[data-set="${set}"][data-endpoint="${endpoint}"]${arm ? `[data-arm="${arm}"]` : ''}`;

/** Every request of the context, with method and body, to prove the file is never sent. */
function recordRequests(context) {
  const seen = [];
  context.on('request', (r) => seen.push({ url: r.url(), method: r.method(), body: r.postData() }));
  return seen;
}

async function stagedPaths() {
  const out = new Set(['/']);
  const walk = async (dir) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p); else out.add(`/${relative(SITE, p).split('\\').join('/')}`);
    }
  };
  await walk(SITE);
  return out;
}

async function assertOnlyAppFiles(seen) {
  const files = await stagedPaths();
  const bad = seen.filter((r) => {
    if (/^(blob|data):/.test(r.url)) return false;
    const u = new URL(r.url);
    return u.origin !== server.origin || r.method !== 'GET' || r.body || !files.has(u.pathname);
  });
  assert.deepEqual(bad, [], 'only GETs of the app\'s own files, nothing sent');
}

test('Italian upadacitinib seed: week-12 counts, percentages and both intervals as the CLI prints them', async () => {
  const { context, page, errors } = await openPage(browser);
  const seen = recordRequests(context);
  await gotoApp(page, server.origin);
  assert.equal(await analyseCohort(page, { sets: ['study_italian_upa'], weeks: '12', file: ITALIAN }), 'done');
  const s = screen(page, 'cohort');
  // The paper's denominators; since issue 15 the 58 and 52 are the endpoints' populations, so ITT
  // prints them too, with the patients outside in "Not eligible"; the 14 who stopped before week
  // 12 are ITT failures, so the observed cases are fewer (crohnscore cohort
  // examples/italian-upadacitinib-cohort.csv --definitions study_italian_upa --week 12).
  const expected = {
    steroid_free_clinical_remission: { itt: '33/64 (51.6%)', observed: '33/50 (66.0%)', wilson: '52.2–77.6', exact: '51.2–78.8', ittWilson: '39.6–63.4', ittExact: '38.7–64.2', notEligible: '0', population: 'All patients' },
    clinical_response: { itt: '46/64 (71.9%)', observed: '46/50 (92.0%)', wilson: '81.2–96.8', exact: '80.8–97.8', notEligible: '0', population: 'All patients' },
    biochemical_remission: { itt: '21/58 (36.2%)', observed: '21/46 (45.7%)', wilson: '32.2–59.8', exact: '30.9–61.0', ittWilson: '25.1–49.1', ittExact: '24.0–49.9', notEligible: '6', population: 'Measured at baseline and visit: fecal_calprotectin, crp' },
    transmural_healing: { itt: '15/52 (28.8%)', observed: '15/41 (36.6%)', wilson: '23.6–51.9', exact: '22.1–53.1', notEligible: '12', population: 'Measured at baseline and visit: bwt' },
    transmural_response: { itt: '38/52 (73.1%)', observed: '38/41 (92.7%)', wilson: '80.6–97.5', exact: '80.1–98.5', notEligible: '12', population: 'Measured at baseline and visit: bwt' },
    deep_remission: { itt: '14/64 (21.9%)', observed: '14/50 (28.0%)', wilson: '17.5–41.7', exact: '16.2–42.5', notEligible: '0', population: 'All patients' },
  };
  assert.equal(await s.locator('table.summary tbody tr').count(), 6);
  for (const [ep, x] of Object.entries(expected)) {
    const row = rowOf('study_italian_upa', ep);
    assert.equal(await s.locator(row).getAttribute('data-week'), '12', ep);
    assert.equal(await cell(s, row, 'itt_rate'), x.itt, ep);
    assert.equal(await cell(s, row, 'observed_rate'), x.observed, ep);
    assert.equal(await cell(s, row, 'observed_wilson'), x.wilson, ep);
    assert.equal(await cell(s, row, 'observed_exact'), x.exact, ep);
    assert.equal(await cell(s, row, 'not_eligible'), x.notEligible, ep);
    assert.equal(await cell(s, row, 'population'), x.population, ep);
    if (x.ittWilson) {
      assert.equal(await cell(s, row, 'itt_wilson'), x.ittWilson, ep);
      assert.equal(await cell(s, row, 'itt_exact'), x.ittExact, ep);
    }
  }
  // The input summary and the denominators' definitions next to the table.
  const input = await s.locator('[data-part="input"]').innerText();
  assert.match(input, /Data rows\s+178/);
  assert.match(input, /Patients\s+64/);
  assert.match(input, /semicolon/);
  assert.match(input, /Decimal separator\s+comma/);
  assert.match(await s.locator('[data-part="issues"]').innerText(), /Problems in the file: 0/);
  const denominators = await s.locator('dl.denominators').innerText();
  assert.match(denominators, /ITT \(intention to treat\)\s+intention to treat: every patient of the arm in the endpoint's population/);
  assert.match(denominators, /Observed cases\s+observed cases: patients on therapy whose endpoint could be evaluated/);

  // Per-patient verdicts, page by page from the worker.
  await s.locator('details.patients summary').click();
  await s.locator('table.patients tbody tr').first().waitFor();
  assert.match(await s.locator('[data-part="patients"] .shown-count').innerText(), /Showing 25 of 64 patients/);
  assert.equal(await s.locator('table.patients tr[data-patient="ITA-001"]').count(), 6);
  // ITA-002 stopped at week 10 (no HBI then): the study counts it a non-responder (the core's
  // study_verdict), and the row says the rule was applied and the visit's own verdict.
  const stopped = s.locator('table.patients tr[data-patient="ITA-002"][data-endpoint="clinical_response"]');
  assert.equal(await stopped.getAttribute('data-verdict'), 'not_achieved');
  assert.equal(await stopped.getAttribute('data-rule-verdict'), 'not_evaluable');
  assert.match(await stopped.innerText(), /Not achieved[\s\S]*discontinued; counted as a non-responder by the study's rule \(therapy stopped\); the visit's own verdict: Not evaluable/);
  await s.getByRole('button', { name: 'Show 25 more patients' }).click();
  await page.waitForFunction(() => /50 of 64/.test(document.querySelector('[data-part="patients"] .shown-count').textContent));
  assert.equal(await s.locator('table.patients tbody tr').count(), 50 * 6);

  // In German the same numbers with decimal commas; the file and the results are kept.
  await page.selectOption('#lang', 'de');
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  await showScreen(page, 'cohort');
  assert.equal(await cell(s, rowOf('study_italian_upa', 'biochemical_remission'), 'observed_rate'), '21/46 (45,7 %)');
  assert.equal(await cell(s, rowOf('study_italian_upa', 'biochemical_remission'), 'observed_wilson'), '32,2–59,8');
  assert.equal(await s.locator('input[type="file"]').evaluate((i) => i.files[0]?.name), 'italian-upadacitinib-cohort.csv');
  assert.deepEqual(errors, []);
  await assertOnlyAppFiles(seen);
  await context.close();
});

test('POWER-like seed: 53/108 (49.1%) vs 40/107 (37.4%), difference 11.7 (Newcombe -1.5 to 24.3), p-values; JSON export is the core\'s', async () => {
  const { context, page, errors } = await openPage(browser);
  const seen = recordRequests(context);
  await gotoApp(page, server.origin);
  assert.equal(await analyseCohort(page, { sets: ['study_power'], weeks: '16', file: POWER }), 'done');
  const s = screen(page, 'cohort');
  assert.equal(await cell(s, rowOf('study_power', 'clinical_response', 'IV re-induction'), 'itt_rate'), '53/108 (49.1%)');
  assert.equal(await cell(s, rowOf('study_power', 'clinical_response', 'SC q8w'), 'itt_rate'), '40/107 (37.4%)');
  assert.equal(await cell(s, rowOf('study_power', 'clinical_response', 'IV re-induction'), 'itt_wilson'), '39.8–58.4');
  assert.equal(await cell(s, rowOf('study_power', 'clinical_response', 'IV re-induction'), 'itt_exact'), '39.3–58.9');
  assert.equal(await cell(s, rowOf('study_power', 'clinical_response', 'all'), 'itt_rate'), '93/215 (43.3%)');
  assert.equal(await cell(s, rowOf('study_power', 'clinical_response', 'all'), 'arm'), 'All');
  // CLI: "difference 11.7 pp (Newcombe 95% CI -1.5 to 24.3), chi-square p 0.08363, Fisher exact p 0.09891"
  const cmp = 'table.comparisons tr[data-endpoint="clinical_response"]';
  assert.equal(await cell(s, cmp, 'itt_diff'), '11.7');
  assert.equal(await cell(s, cmp, 'itt_newcombe'), '-1.5 to 24.3');
  assert.equal(await cell(s, cmp, 'itt_chi'), '0.08363');
  assert.equal(await cell(s, cmp, 'itt_fisher'), '0.09891');
  assert.equal(await cell(s, cmp, 'observed_diff'), '12.2');
  assert.equal(await cell(s, cmp, 'observed_newcombe'), '-1.4 to 25.2');
  assert.equal(await cell(s, cmp, 'observed_chi'), '0.07838');
  assert.equal(await cell(s, cmp, 'observed_fisher'), '0.09269');
  assert.match(await s.locator('table.comparisons caption').innerText(), /IV re-induction minus SC q8w/);

  // Export JSON: the core's analysis as a download (a Blob, no request).
  const jsonButton = s.locator('button[data-action="export-json"]');
  await page.waitForFunction(() => !document.querySelector('section[data-screen="cohort"] button[data-action="export-json"]').disabled);
  const [download] = await Promise.all([page.waitForEvent('download'), jsonButton.click()]);
  assert.equal(download.suggestedFilename(), 'power-like-cohort-cohort.json');
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  const iv = exported.summary.find((r) => r.endpoint === 'clinical_response' && r.arm === 'IV re-induction');
  assert.deepEqual([iv.itt.n, iv.itt.N, iv.observed.n, iv.observed.N], [53, 108, 53, 103]);
  assert.equal(exported.patients.length, 215);
  assert.equal(exported.comparisons[0].itt.newcombe_95.length, 2);
  // Export CSV: the core's summary CSV, byte for byte what `crohnscore cohort --format csv` prints
  // for the same file and options; the page never writes the CSV itself.
  const [csv] = await Promise.all([page.waitForEvent('download'), s.locator('button[data-action="export-csv"]').click()]);
  const text = await readFile(await csv.path(), 'utf8');
  // The five discontinued patients are their own category (they no longer count under no_visit too).
  assert.match(text, /\nstudy_power,clinical_response,16(\.0)?,IV re-induction,53,50,0,0,5,53,108,/);
  const cli = execFileSync(join(ROOT, 'build', 'native', 'bin', 'crohnscore'),
    ['cohort', join(ROOT, 'examples', 'power-like-cohort.csv'), '--definitions', 'study_power', '--week', '16', '--format', 'csv'], { encoding: 'utf8' });
  assert.equal(text, cli);
  assert.deepEqual(errors, []);
  await assertOnlyAppFiles(seen);
  await context.close();
});

test('drug survival by Kaplan-Meier and the stratified comparison: the core\'s rows, as the CLI prints them', async () => {
  // examples/stratified-survival-cohort.csv. A: censored at 52 (on drug at 26 and 52, no visit
  // near 20), a stop at 10, one on drug at 20;
  // B: a stop at 30, on drug at 52, no status after the baseline. Two strata.
  const { context, page, errors } = await openPage(browser);
  await gotoApp(page, server.origin);
  const file = join(ROOT, 'examples', 'stratified-survival-cohort.csv');
  assert.equal(await analyseCohort(page, { sets: ['study_dutch_ust_reinduction'], file }), 'done');
  const s = screen(page, 'cohort');
  // CLI: "A  20  66.7%  5.4-94.5  2  1  1" and "B  52  50.0%  0.6-91.0  1  1  2".
  const km = (arm, w) => `table.survival tr[data-arm="${arm}"][data-week="${w}"]`;
  assert.equal(await cell(s, km('A', 20), 'estimate'), '66.7%');
  assert.equal(await cell(s, km('A', 20), 'ci95'), '5.4–94.5');
  assert.equal(await cell(s, km('A', 20), 'at_risk'), '2');
  assert.equal(await cell(s, km('A', 20), 'events'), '1');
  assert.equal(await cell(s, km('A', 20), 'censored'), '1');
  assert.equal(await cell(s, km('B', 20), 'estimate'), '100.0%');
  assert.equal(await cell(s, km('B', 20), 'ci95'), 'n/a');
  assert.equal(await cell(s, km('B', 52), 'estimate'), '50.0%');
  assert.equal(await cell(s, km('B', 52), 'ci95'), '0.6–91.0');
  assert.equal(await cell(s, km('all', 52), 'estimate'), '53.3%');
  assert.equal(await s.locator('table.survival tbody tr').count(), 9);
  // CLI: "Mantel-Haenszel across 2 strata: difference -25.0 pp (Sato 95% CI -67.4 to 17.4), CMH
  // chi-square 0.500 p 0.4795" beside "unadjusted difference 0.0 pp" (remission at week 52).
  const cmp = 'table.comparisons tr[data-endpoint="clinical_remission_hbi_le4"][data-week="52"]';
  assert.equal(await cell(s, cmp, 'itt_diff'), '0.0');
  assert.equal(await cell(s, cmp, 'itt_mh'), '-25.0');
  assert.equal(await cell(s, cmp, 'itt_sato'), '-67.4 to 17.4');
  assert.equal(await cell(s, cmp, 'itt_cmh'), '0.4795');
  assert.match(await s.locator('table.comparisons thead').innerText(), /Unadjusted difference/);
  assert.match(await s.locator('[data-part="comparisons"]').innerText(), /Across 2 strata/);
  // The new table and columns pass axe like the rest of the screen.
  const result = await new AxeBuilder({ page }).include('section.screen[data-screen="cohort"]').setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('bad cells: every problem listed with row, column and reason, costing its measure only; long lists are paged and say so', async () => {
  const { page, errors, context } = await openPage(browser);
  await gotoApp(page, server.origin);
  const csv = ['patient_id,arm,week,hbi_total,crp_value,crp_unit,shoe_size', 'A1,x,0,10,12,mg/L,42', 'A1,x,12,3,4,mg/L,42',
    'A2,x,0,abc,5,mg/L,40', 'A2,x,12,4,3,mg/L,40', 'A3,x,0,9,12,mg/L,41', 'A3,x,12,2,-4,mg/L,41', 'A4,x,12,5,,,39'].join('\n');
  assert.equal(await analyseCohort(page, { sets: ['generic'], weeks: '12', file: { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } }), 'done');
  const s = screen(page, 'cohort');
  // A2's bad baseline HBI and A3's bad week-12 CRP cost those measures only: A2 and A3 stay.
  assert.match(await s.locator('[data-part="issues"] h4').innerText(), /Problems in the file: 4/);
  const rows = await s.locator('table.issues tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
  assert.deepEqual(rows.map((r) => r.slice(0, 3)), [
    ['1', '–', 'shoe_size'], ['4', 'A2', 'hbi_total'], ['7', 'A3', 'crp_value'], ['8', 'A4', 'baseline']]);
  // What each problem cost, as the core says (data-effect mirrors the issue's effect).
  assert.deepEqual(await s.locator('table.issues tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.effect)),
    ['column_not_read', 'measure_missing', 'measure_missing', 'patient_left_out']);
  assert.match(rows[0][3], /^Not recognised\. unknown column shoe_size/);
  assert.match(rows[1][3], /^Not a valid value\. hbi_total "abc" is not a number; HBI not read \(the rest of the row is used\)/);
  assert.match(rows[2][3], /^Out of range\. crp_value must be between 0 and 1000, not -4; CRP not read \(the rest of the row is used\)/);
  assert.match(rows[3][3], /^Missing\. patient A4: .*patient left out/);
  assert.match(await s.locator('[data-part="input"]').innerText(), /Unknown columns \(not read\)\s+shoe_size/);
  assert.match(await s.locator('[data-part="input"]').innerText(), /Patients\s+3/);
  // HBI < 5 at week 12: A1 3 and A2 4 (A2's baseline HBI is not needed), A3 2: 3/3.
  assert.equal(await cell(s, rowOf('generic', 'hbi_remission_lt5', 'x'), 'itt_rate'), '3/3 (100.0%)');
  // Nobody has a CDAI: no estimate, never 0 % with an interval (the core's null, shown n/a).
  assert.equal(await cell(s, rowOf('generic', 'cdai_remission_lt150', 'x'), 'itt_rate'), '0/3 (n/a)');
  assert.equal(await cell(s, rowOf('generic', 'cdai_remission_lt150', 'x'), 'itt_wilson'), 'n/a');
  assert.equal(await cell(s, rowOf('generic', 'cdai_remission_lt150', 'x'), 'itt_exact'), 'n/a');

  // 250 bad rows: 200 shown, the count said, the rest one click away; nothing silently dropped.
  const many = ['patient_id,week,hbi_total', 'P1,0,10', ...Array.from({ length: 250 }, (_, i) => `P1,${i + 1},x${i}`)].join('\n');
  assert.equal(await analyseCohort(page, { sets: ['generic'], weeks: '12', file: { name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(many) } }), 'done');
  assert.match(await s.locator('[data-part="issues"] h4').innerText(), /Problems in the file: 250/);
  assert.equal(await s.locator('table.issues tbody tr').count(), 200);
  assert.equal(await s.locator('[data-part="issues"] .shown-count').innerText(), 'Showing 1–200 of 250.');
  await s.getByRole('button', { name: 'Show 50 more' }).click();
  assert.equal(await s.locator('table.issues tbody tr').count(), 250);
  assert.equal(await s.locator('[data-part="issues"] .shown-count').innerText(), 'Showing 1–250 of 250.');
  assert.equal(await s.locator('table.issues tbody tr').last().getAttribute('data-row'), '252');

  // Options the core rejects are marked on their field, by the core.
  await typeInto(s, 'weeks', '12; x');
  await page.waitForFunction(() => document.querySelector('section[data-screen="cohort"]').dataset.status === 'invalid');
  assert.equal(await s.locator('input[name="weeks"]').getAttribute('aria-invalid'), 'true');
  assert.match(await s.locator('.run-status').innerText(), /options need a correction/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('patient records in JSON are analysed like a CSV', async () => {
  const { page, errors, context } = await openPage(browser);
  await gotoApp(page, server.origin);
  const records = await Promise.all(['italian-upa-patient.json', 'power-patient.json'].map(async (f) =>
    JSON.parse(await readFile(join(ROOT, 'examples', 'records', f), 'utf8'))));
  const file = { name: 'records.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ patients: records })) };
  assert.equal(await analyseCohort(page, { sets: ['study_italian_upa'], weeks: '12', file }), 'done');
  const s = screen(page, 'cohort');
  const input = await s.locator('[data-part="input"]').innerText();
  assert.match(input, /Patients\s+2/);
  assert.doesNotMatch(input, /Delimiter/, 'no CSV facts for JSON input');
  // crohnscore cohort records.json --definitions study_italian_upa --week 12: upadacitinib 1/1 (100.0%).
  assert.equal(await cell(s, rowOf('study_italian_upa', 'steroid_free_clinical_remission', 'upadacitinib'), 'itt_rate'), '1/1 (100.0%)');
  assert.equal(await cell(s, rowOf('study_italian_upa', 'steroid_free_clinical_remission', 'upadacitinib'), 'itt_exact'), '2.5–100.0');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file dropped on the screen is analysed like a chosen one', async () => {
  const { page, errors, context } = await openPage(browser);
  await gotoApp(page, server.origin, '/#cohort');
  const s = screen(page, 'cohort');
  await s.locator('input[name="sets"][value="study_power"]').check();
  await s.locator('input[name="sets"][value="generic"]').uncheck();
  await typeInto(s, 'weeks', '16');
  const text = await readFile(POWER, 'utf8');
  const dt = await page.evaluateHandle((t) => {
    const d = new DataTransfer();
    d.items.add(new File([t], 'dropped.csv', { type: 'text/csv' }));
    return d;
  }, text);
  await s.locator('.dropzone').dispatchEvent('dragover', { dataTransfer: dt });
  assert.match(await s.locator('.dropzone').getAttribute('class'), /dragging/);
  await s.locator('.dropzone').dispatchEvent('drop', { dataTransfer: dt });
  assert.equal(await settled(page), 'done');
  assert.equal(await cell(s, rowOf('study_power', 'clinical_response', 'SC q8w'), 'itt_rate'), '40/107 (37.4%)');
  assert.equal(await s.locator('input[type="file"]').evaluate((i) => i.files[0]?.name), 'dropped.csv');
  assert.deepEqual(errors, []);
  await context.close();
});

test('sorting from the keyboard: header buttons, aria-sort, ascending then descending', async () => {
  const { page, errors, context } = await openPage(browser);
  await gotoApp(page, server.origin);
  assert.equal(await analyseCohort(page, { sets: ['study_italian_upa'], weeks: '12', file: ITALIAN }), 'done');
  const s = screen(page, 'cohort');
  const itt = () => s.locator('table.summary tbody [data-col="itt_rate"]').allInnerTexts();
  const sortState = () => s.locator('table.summary thead th[aria-sort]').evaluateAll((ths) => ths.map((t) => [t.dataset.col, t.getAttribute('aria-sort')]));
  assert.deepEqual(await sortState(), [], 'the core\'s order until a column is chosen');
  // Tab from the Endpoint header button to the ITT n/N (%) one, in the order on screen: Week,
  // Arm, Population, Not eligible, Not evaluable, No visit, Discontinued, then ITT.
  await s.locator('th[data-col="endpoint"] button').focus();
  const order = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.closest('th')?.dataset.col));
  }
  assert.deepEqual(order, ['week', 'arm', 'population', 'not_eligible', 'not_evaluable', 'no_visit', 'discontinued', 'itt_rate']);
  assert.equal(await page.evaluate(() => document.activeElement.closest('th')?.dataset.col), 'itt_rate');
  await page.keyboard.press('Enter');
  assert.deepEqual(await sortState(), [['itt_rate', 'ascending']]);
  assert.deepEqual(await itt(), ['14/64 (21.9%)', '15/52 (28.8%)', '21/58 (36.2%)', '33/64 (51.6%)', '46/64 (71.9%)', '38/52 (73.1%)']);
  await page.keyboard.press('Space');
  assert.deepEqual(await sortState(), [['itt_rate', 'descending']]);
  assert.deepEqual(await itt(), ['38/52 (73.1%)', '46/64 (71.9%)', '33/64 (51.6%)', '21/58 (36.2%)', '15/52 (28.8%)', '14/64 (21.9%)']);
  assert.equal(await page.evaluate(() => document.activeElement.closest('th')?.dataset.col), 'itt_rate', 'focus stays on the header');
  // Another column: observed N ties broken by the core's order.
  await s.locator('th[data-col="observed_rate"] button').focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await sortState(), [['observed_rate', 'ascending']]);
  assert.deepEqual(await s.locator('table.summary tbody [data-col="observed_rate"]').allInnerTexts(),
    ['14/50 (28.0%)', '15/41 (36.6%)', '21/46 (45.7%)', '33/50 (66.0%)', '46/50 (92.0%)', '38/41 (92.7%)']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long run: the page keeps answering, Cancel stops the worker and keeps the form and the file', async () => {
  const { page, errors, context } = await openPage(browser);
  const seen = recordRequests(context);
  const workers = [];
  page.on('worker', (w) => {
    const x = { url: w.url(), closed: false };
    w.on('close', () => { x.closed = true; });
    workers.push(x);
  });
  await gotoApp(page, server.origin);
  const s = screen(page, 'cohort');
  await showScreen(page, 'cohort');
  // Every set: the longest analysis of this file.
  for (const box of await s.locator('input[name="sets"]').all()) await box.check();
  const sets = await s.locator('input[name="sets"]:checked').evaluateAll((b) => b.map((x) => x.value));
  assert.deepEqual(sets, ['generic', 'stride2', 'study_power', 'study_sequence', 'study_italian_upa',
    'study_dutch_ust_reinduction', 'study_russian_dual'], 'every definition set is ticked before the run');

  // The main thread's answer time while the worker runs: timer lateness and long tasks.
  await page.evaluate(() => {
    window.__probe = { late: 0, long: 0 };
    let last = performance.now();
    window.__probe.timer = setInterval(() => {
      const t = performance.now();
      window.__probe.late = Math.max(window.__probe.late, t - last - 20);
      last = t;
    }, 20);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__probe.long = Math.max(window.__probe.long, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  await page.evaluate(() => { window.__probe.late = 0; window.__probe.long = 0; });
  await s.locator('input[type="file"]').setInputFiles(bigFile);
  assert.equal(await s.getAttribute('data-status'), 'running');
  assert.ok(await s.locator('progress').isVisible(), 'a progress bar');
  assert.equal(await s.locator('progress').evaluate((p) => p.labels.length || document.getElementById(p.getAttribute('aria-labelledby'))?.textContent), 'Progress');
  assert.ok(await s.getByRole('button', { name: 'Cancel' }).isVisible());

  // Meanwhile a calculator answers at once.
  await showScreen(page, 'hbi');
  const hbi = screen(page, 'hbi');
  const t0 = Date.now();
  await fillHbi(hbi, { general_wellbeing: 1, abdominal_pain: 1, liquid_stools_per_day: 3, abdominal_mass: 0, complications: [] });
  assert.deepEqual(await shownVerdict(hbi), { score: '5', band: 'mild' });
  const typing = Date.now() - t0;
  assert.equal(await s.getAttribute('data-status'), 'running', 'the cohort still runs while the HBI answered');
  await page.waitForTimeout(800);
  const probe = await page.evaluate(() => window.__probe);
  assert.ok(probe.late < 250, `main thread stalled ${probe.late.toFixed(0)} ms`);
  assert.ok(probe.long < 250, `long task of ${probe.long.toFixed(0)} ms`);
  assert.ok(typing < 5000, `typing took ${typing} ms`);

  await showScreen(page, 'cohort');
  assert.equal(await s.getAttribute('data-status'), 'running');
  const worker = workers.find((x) => x.url.endsWith('/app/cohort-worker.js') && !x.closed);
  assert.ok(worker, 'the analysis runs in a worker');
  await s.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await s.getAttribute('data-status'), 'cancelled');
  assert.match(await s.locator('.run-status').innerText(), /^Cancelled\. The file and the options are kept/);
  assert.ok(await s.locator('progress').isHidden());
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'analyse', 'focus moves to Analyse');
  for (let i = 0; i < 50 && !worker.closed; i++) await page.waitForTimeout(100);
  assert.ok(worker.closed, 'the worker was terminated');
  assert.equal(await s.locator('input[type="file"]').evaluate((i) => i.files[0]?.name), 'big.csv');
  assert.deepEqual(await s.locator('input[name="sets"]:checked').evaluateAll((b) => b.map((x) => x.value)), sets);
  assert.equal(await s.locator('table.summary').count(), 0);

  // The page stays usable: another file is analysed.
  assert.equal(await analyseCohort(page, { sets: ['study_italian_upa'], weeks: '12', file: ITALIAN }), 'done');
  assert.equal(await cell(s, rowOf('study_italian_upa', 'clinical_response'), 'itt_rate'), '46/64 (71.9%)');
  await page.evaluate(() => clearInterval(window.__probe.timer));
  assert.deepEqual(errors, []);
  await assertOnlyAppFiles(seen);
  await context.close();
});

test('while running the screen passes axe; Clear all stops the analysis and empties the screen', async () => {
  const { page, errors, context } = await openPage(browser);
  const workers = [];
  page.on('worker', (w) => {
    const x = { url: w.url(), closed: false };
    w.on('close', () => { x.closed = true; });
    workers.push(x);
  });
  await gotoApp(page, server.origin, '/#cohort');
  const s = screen(page, 'cohort');
  await s.locator('input[type="file"]').setInputFiles(bigFile);
  assert.equal(await s.getAttribute('data-status'), 'running');
  const result = await new AxeBuilder({ page }).include('section.screen[data-screen="cohort"]').setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), []);
  assert.equal(await s.getAttribute('data-status'), 'running', 'checked while running');
  const busy = workers.filter((w) => w.url.endsWith('/app/cohort-worker.js') && !w.closed);
  assert.equal(busy.length, 1);
  await eraseAll(page);
  await showScreen(page, 'cohort');
  const fresh = screen(page, 'cohort');
  assert.equal(await fresh.getAttribute('data-status'), 'idle');
  assert.equal(await fresh.locator('input[type="file"]').evaluate((i) => i.files.length), 0);
  for (let i = 0; i < 50 && !busy[0].closed; i++) await page.waitForTimeout(100);
  assert.ok(busy[0].closed, 'the worker of the erased analysis was terminated');
  assert.deepEqual(errors, []);
  await context.close();
});

test('offline after the first visit: the worker and its core come from the service worker\'s cache', async () => {
  const { page, errors, context } = await openPage(browser, { serviceWorkers: 'allow' });
  await gotoApp(page, server.origin);
  await page.waitForFunction(() => document.documentElement.dataset.swChecked === 'true', null, { timeout: 20000 });
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  assert.equal(await analyseCohort(page, { sets: ['study_italian_upa'], weeks: '12', file: ITALIAN }), 'done');
  assert.equal(await cell(screen(page, 'cohort'), rowOf('study_italian_upa', 'deep_remission'), 'itt_rate'), '14/64 (21.9%)');
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots of the cohort screen with results at 1280 and 360 px', async () => {
  const { page, errors, context } = await openPage(browser);
  await gotoApp(page, server.origin);
  assert.equal(await analyseCohort(page, { sets: ['study_power'], weeks: '16', file: powerWithProblems() }), 'done');
  const s = screen(page, 'cohort');
  await s.locator('details.patients summary').click();
  await s.locator('table.patients tbody tr').first().waitFor();
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `cohort-${width}`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width, `no page-wide horizontal scroll at ${width}px`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
