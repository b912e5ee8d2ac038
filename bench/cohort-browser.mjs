#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Cohort benchmark in the browser (not a test): headless Debian chromium against the staged site
// (build/web, or CROHN_SITE) served on 127.0.0.1 with the production CSP, as bench/page.mjs.
// A synthetic cohort (bench/cohort-data.mjs: 100 000 patients x 3 visits by default) is written
// to a file and chosen in the Cohort screen's real file input; the page reads it in its Web
// Worker and the core analyses it there. Measured per run, from the file chosen (the input's
// change event, mark 'crohn:cohort-file') to the results painted (mark 'crohn:cohort-rendered'),
// with the worker's split (starting the core, reading the file, the core's analysis) and the
// longest stall of the page's own thread meanwhile.
//
//  - warm: the user turned to the form first (the page starts the worker and its core then);
//  - cold: the file is the first thing the page sees (the worker starts with the run).
//
// Target (issue 6): under 1 s from file chosen to table rendered.
// Usage: node bench/cohort-browser.mjs [--patients N] [--visits N] [--runs N]
//          [--definitions SET[,SET...]] [--week N]... [--per-patient]
import { parseArgs } from 'node:util';
import { mkdtemp, writeFile, rm, stat } from 'node:fs/promises';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../tests/browser/server.mjs';
import { launch } from '../tests/browser/harness.mjs';
import { makeCohortCsv } from './cohort-data.mjs';

const { values: args } = parseArgs({
  options: {
    patients: { type: 'string', default: '100000' },
    visits: { type: 'string', default: '3' },
    runs: { type: 'string', default: '3' },
    definitions: { type: 'string', default: '' },
    week: { type: 'string', multiple: true, default: [] },
    'per-patient': { type: 'boolean', default: false },
  },
});
const PATIENTS = Number(args.patients);
const VISITS = Number(args.visits);
const RUNS = Number(args.runs);
const SETS = args.definitions ? args.definitions.split(',').filter(Boolean) : null;
const s = (x) => `${(x / 1000).toFixed(3)} s`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function run(browser, origin, file, warm) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/#cohort`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const screen = page.locator('section.screen[data-screen="cohort"]');
  if (SETS) {
    for (const box of await screen.locator('input[name="sets"]').all()) {
      const want = SETS.includes(await box.getAttribute('value'));
      if (want !== await box.isChecked()) await box.click();
    }
  }
  if (args.week.length) await screen.locator('input[name="weeks"]').fill(args.week.join('; '));
  if (args['per-patient']) await screen.locator('input[name="include_patients"]').check();
  if (warm) {
    await screen.locator('input[type="file"]').focus();
    await page.waitForFunction(() => performance.getEntriesByName('crohn:cohort-worker-ready').length > 0, null, { timeout: 30000 })
      .catch(() => { throw new Error('the cohort worker did not load the core within 30 s'); });
  }
  // The page's thread: the longest gap between 10 ms timer ticks while the run goes on.
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
    window.__stall = 0;
    let last = performance.now();
    window.__tick = setInterval(() => {
      const t = performance.now();
      window.__stall = Math.max(window.__stall, t - last - 10);
      last = t;
    }, 10);
  });
  await screen.locator('input[type="file"]').setInputFiles(file);
  await page.waitForFunction(() => performance.getEntriesByName('crohn:cohort-rendered').length > 0
    || !['running'].includes(document.querySelector('section[data-screen="cohort"]').dataset.status)
    && document.querySelector('section[data-screen="cohort"]').dataset.status !== 'done', null, { timeout: 30 * 60 * 1000, polling: 100 });
  const r = await page.evaluate(() => {
    clearInterval(window.__tick);
    const el = document.querySelector('section[data-screen="cohort"]');
    const file = performance.getEntriesByName('crohn:cohort-file').at(-1)?.startTime;
    const rendered = performance.getEntriesByName('crohn:cohort-rendered').at(-1)?.startTime;
    const measure = performance.getEntriesByName('crohn:cohort-run').at(-1);
    return {
      status: el.dataset.status, message: el.querySelector('.run-status').textContent,
      total: rendered - file, split: measure?.detail, render: performance.getEntriesByName('crohn:cohort-render').at(-1)?.duration, stall: window.__stall, long: window.__long,
      rows: Number(el.querySelector('[data-part="input"] dd:nth-of-type(2)')?.textContent.replace(/\D/g, '') || NaN),
      summaryRows: el.querySelectorAll('table.summary tbody tr').length,
    };
  });
  await context.close();
  if (r.status !== 'done') throw new Error(`the analysis did not finish: ${r.status}: ${r.message}`);
  return r;
}

const dir = await mkdtemp(join(tmpdir(), 'crohn-cohort-bench-'));
const file = join(dir, `cohort-${PATIENTS}x${VISITS}.csv`);
await writeFile(file, makeCohortCsv({ patients: PATIENTS, visits: VISITS, seed: 1 }));
const bytes = (await stat(file)).size;
const server = await startServer();
const browser = await launch();
try {
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    results.push({ kind: 'warm', ...await run(browser, server.origin, file, true) });
  }
  results.push({ kind: 'cold', ...await run(browser, server.origin, file, false) });
  console.log(`Crohn Score cohort in the browser (chromium ${browser.version()}, ${server.origin})`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (figures inflate under load)`);
  console.log(`file: ${PATIENTS} patients x ${VISITS} visits = ${results[0].rows} data rows, ${(bytes / 1e6).toFixed(1)} MB; sets ${SETS ? SETS.join(',') : 'generic (the page\'s default)'}`
    + `${args.week.length ? `, weeks ${args.week.join(',')}` : ''}; per-patient verdicts ${args['per-patient'] ? 'on' : 'as the page decides (off above 5 MB)'}; ${results[0].summaryRows} summary rows`);
  console.log('');
  for (const r of results) {
    const sp = r.split || {};
    console.log(`${r.kind}: file chosen -> table rendered ${s(r.total)}, ${Math.round(r.rows / (r.total / 1000))} rows/s`
      + ` (worker: core start ${s(sp.load ?? NaN)}, read ${s(sp.read ?? NaN)}, analysis ${s(sp.analyse ?? NaN)}; page: results built in ${r.render.toFixed(0)} ms, its thread longest stall ${r.stall.toFixed(0)} ms, long tasks ${r.long.length ? r.long.join(', ') : 'none'} ms)`);
  }
  const warm = results.filter((r) => r.kind === 'warm').map((r) => r.total);
  console.log('');
  console.log(`median (warm, ${warm.length} runs): ${s(median(warm))}, ${Math.round(results[0].rows / (median(warm) / 1000))} rows/s   (target < 1 s)`);
  console.log(median(warm) < 1000 ? 'within target' : 'OVER TARGET');
} finally {
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true });
}
