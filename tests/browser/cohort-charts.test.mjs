// SPDX-License-Identifier: MIT
// The Cohort screen's pictures (app/cohort-charts.js), driven through the real file input: the
// Kaplan-Meier curve's steps, band, censoring marks and numbers at risk, and the forest plots'
// points and intervals, are read back from the drawing's coordinates (through its own axes) and
// compared with the core's JSON of the same analysis (the page's "Full analysis (JSON)" export);
// "n/a" rows are written, not drawn; SVG and PNG exports are checked byte by byte under the
// production CSP; the table alternatives open from the keyboard; axe passes; screenshots at 1280
// and 360 px go to build/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { startServer, ROOT } from './server.mjs';
import { launch, openPage, gotoApp, screen, screenshot } from './harness.mjs';
import { analyseCohort } from './cohort-fill.mjs';

const FILE = join(ROOT, 'examples', 'stratified-survival-cohort.csv');
const SET = 'study_dutch_ust_reinduction';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function download(page, locator) {
  const [dl] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
}

/** The page with the example analysed, and the core's JSON of that analysis. */
async function analysed(viewport) {
  const opened = await openPage(browser, viewport ? { viewport } : {});
  await gotoApp(opened.page, server.origin);
  assert.equal(await analyseCohort(opened.page, { sets: [SET], file: FILE }), 'done');
  const s = screen(opened.page, 'cohort');
  await s.locator('[data-action="export-json"]:not([disabled])').waitFor();
  const json = JSON.parse((await download(opened.page, s.locator('[data-action="export-json"]'))).bytes.toString('utf8'));
  return { ...opened, s, json };
}

const close = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

/** Reads the KM figure: the axes' scale from its own tick labels, and every path. */
function readKm(figure) {
  return figure.locator('svg').evaluate((svg) => {
    const num = (v) => Number(v);
    const grid = [...svg.querySelectorAll('g.grid line')].map((l) => num(l.getAttribute('y1')));
    const ticks = [...svg.querySelectorAll(':scope > text.tick')].map((tx) => ({ x: num(tx.getAttribute('x')), text: tx.textContent }));
    const arms = [...svg.querySelectorAll('g.km-arm')].map((g) => ({
      arm: g.dataset.arm,
      curve: g.querySelector('path.curve').getAttribute('d'),
      band: g.querySelector('path.band')?.getAttribute('d') || '',
      censor: [...g.querySelectorAll('path.censor')].map((p) => ({ d: p.getAttribute('d'), week: num(p.dataset.week), censored: num(p.dataset.censored) })),
    }));
    const risk = [...svg.querySelectorAll('g.risk-row')].map((g) => ({ arm: g.dataset.arm,
      cells: [...g.querySelectorAll('text.risk')].map((tx) => ({ week: num(tx.dataset.week), x: num(tx.getAttribute('x')), text: tx.textContent })) }));
    return { y0: grid[0], y1: grid[grid.length - 1], ticks, arms, risk, viewBox: svg.getAttribute('viewBox') };
  });
}

test('Kaplan-Meier picture: steps, band, censorings and numbers at risk are the core\'s survival_curves and survival rows', async () => {
  const { context, page, errors, s, json } = await analysed();
  const fig = s.locator('figure.chart[data-chart="km-0"]');
  assert.match(await fig.locator('figcaption').innerText(), /Kaplan-Meier: Drug survival/);
  const km = await readKm(fig);
  // Axes: 0 % and 100 % from the grid lines; weeks from the tick labels (0 and the last reported week).
  const y = (p) => km.y0 + p * (km.y1 - km.y0);
  const t0 = km.ticks.find((x) => x.text === '0');
  const weeks = [...new Set(json.survival.map((r) => r.week))].sort((a, b) => a - b);
  const last = km.ticks.find((x) => x.text === String(weeks[weeks.length - 1]));
  assert.ok(t0 && last, 'week ticks');
  const x = (w) => t0.x + (w / weeks[weeks.length - 1]) * (last.x - t0.x);
  const curves = json.survival_curves.filter((c) => c.set === SET && c.endpoint === 'drug_survival' && c.arm !== 'all');
  assert.deepEqual(km.arms.map((a) => a.arm), curves.map((c) => c.arm), 'one curve per arm, not the pooled one');
  let checkedSteps = 0;
  for (const c of curves) {
    const drawn = km.arms.find((a) => a.arm === c.arm);
    // "M x,y H x V y ...": from (0, 100 %) one horizontal and one vertical segment per step.
    const tokens = drawn.curve.match(/[MHV][^MHV]*/g).map((tk) => [tk[0], tk.slice(1).trim().split(',').map(Number)]);
    assert.equal(tokens[0][0], 'M');
    close(tokens[0][1][0], x(0), 0.02, 'start week');
    close(tokens[0][1][1], y(1), 0.02, 'start at 100 %');
    assert.equal(tokens.length, 1 + 2 * c.steps.length, `${c.arm}: two segments per step`);
    c.steps.forEach((st, k) => {
      const [hk, [hx]] = tokens[1 + 2 * k];
      const [vk, [vy]] = tokens[2 + 2 * k];
      assert.equal(hk + vk, 'HV');
      close(hx, x(st.week), 0.02, `${c.arm} step ${k} week`);
      close(vy, y(st.estimate), 0.02, `${c.arm} step ${k} estimate`);
      checkedSteps += 1;
    });
    // The band: one box per step with an interval, from its week to the next step's.
    const boxes = drawn.band ? drawn.band.split('Z').map((b) => b.trim()).filter(Boolean) : [];
    const expected = c.steps.map((st, k) => ({ st, next: c.steps[k + 1]?.week })).filter(({ st, next }) => st.ci95 && next > st.week);
    assert.equal(boxes.length, expected.length, `${c.arm}: band boxes`);
    expected.forEach(({ st, next }, k) => {
      const n = boxes[k].match(/[\d.]+/g).map(Number);   // x, yHigh, xNext, yLow, x
      close(n[0], x(st.week), 0.02, 'band from');
      close(n[1], y(st.ci95[1]), 0.02, 'band upper');
      close(n[2], x(next), 0.02, 'band to');
      close(n[3], y(st.ci95[0]), 0.02, 'band lower');
    });
    // Censoring marks where the core counts censorings, at the step's estimate.
    const censored = c.steps.filter((st) => st.censored > 0);
    assert.deepEqual(drawn.censor.map((m) => [m.week, m.censored]), censored.map((st) => [st.week, st.censored]), `${c.arm}: censorings`);
    drawn.censor.forEach((m, k) => {
      const [mx, my] = m.d.match(/M([\d.]+),([\d.]+)/).slice(1).map(Number);
      close(mx, x(censored[k].week), 0.02, 'censor week');
      close(my + 5, y(censored[k].estimate), 0.02, 'censor at the estimate');
    });
    // Numbers at risk at the reported weeks, under the axis, from the survival rows.
    const rows = json.survival.filter((r) => r.set === SET && r.endpoint === 'drug_survival' && r.arm === c.arm);
    const riskRow = km.risk.find((r) => r.arm === c.arm);
    assert.deepEqual(riskRow.cells.map((r) => [r.week, r.text]), rows.map((r) => [r.week, String(r.at_risk)]), `${c.arm}: at risk`);
    for (const cell of riskRow.cells) close(cell.x, x(cell.week), 0.02, 'at risk under its week');
  }
  assert.equal(checkedSteps, 6);
  // The example, read out: arm A drops to 66.7 % at week 10, B to 50 % at week 30 (docs/cohort.md).
  assert.deepEqual(curves.map((c) => c.steps.map((st) => [st.week, st.estimate])),
    [[[10, 0.666666667], [20, 0.666666667], [52, 0.666666667]], [[0, 1], [30, 0.5], [52, 0.5]]]);
  // The table alternative: every step, opened from the keyboard.
  const summary = fig.locator('details.chart-alt summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  assert.equal(await fig.locator('details.chart-alt').evaluate((d) => d.open), true);
  assert.equal(await fig.locator('table.km-table tbody tr').count(), 6);
  assert.match(await fig.locator('table.km-table tr[data-arm="A"][data-week="10"]').innerText(), /A\s+10\s+3\s+1\s+0\s+66\.7%\s+5\.4–94\.5/);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'region', 'the table\'s region is the next stop');
  // Screen-reader name and description.
  const svg = fig.locator('svg');
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.match(await svg.locator('desc').textContent(), /Kaplan-Meier curves for A, B; numbers at risk at weeks 8, 20, 52/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Reads a forest plot: its axis (tick label -> x) and every row's marks. */
function readForest(figure) {
  return figure.locator('svg').evaluate((svg) => {
    const ticks = [...svg.querySelectorAll('.forest-axis text.tick:not(.axis-title)')].map((tx) => ({ x: Number(tx.getAttribute('x')), v: Number(tx.textContent.replace('−', '-')) }));
    const zero = [...svg.querySelectorAll('line[data-zero="true"]')].map((l) => Number(l.getAttribute('x1')));
    const rows = [...svg.querySelectorAll('g.forest-row')].map((g) => ({ ...g.dataset,
      marks: [...g.querySelectorAll('g.mark')].map((m) => {
        const pt = m.querySelector('circle, path.pt');
        const ci = m.querySelector('line.ci');
        return { kind: m.dataset.kind, na: m.dataset.na === 'true', text: m.textContent,
          x: pt ? Number(pt.getAttribute('cx') ?? pt.getAttribute('d').match(/M([-\d.]+)/)[1]) : null,
          lo: ci ? Number(ci.getAttribute('x1')) : null, hi: ci ? Number(ci.getAttribute('x2')) : null };
      }) }));
    return { ticks, zero, rows };
  });
}

test('forest plots: each summary row\'s proportion and Wilson interval, "n/a" written not drawn; the arm differences around a line at 0', async () => {
  const { context, errors, s, json } = await analysed();
  // Rates: the axis is 0-100 % in the tick labels.
  const rates = await readForest(s.locator('figure.chart[data-chart="rates"]'));
  const first = rates.ticks[0];
  const lastTick = rates.ticks[rates.ticks.length - 1];
  assert.deepEqual([first.v, lastTick.v], [0, 100]);
  const xr = (p) => first.x + ((100 * p - first.v) / (lastTick.v - first.v)) * (lastTick.x - first.x);
  assert.equal(rates.rows.length, json.summary.length);
  let na = 0;
  let drawn = 0;
  for (const r of json.summary) {
    const row = rates.rows.find((x) => x.set === r.set && x.endpoint === r.endpoint && Number(x.week) === r.week && x.arm === r.arm);
    assert.ok(row, `${r.endpoint} ${r.week} ${r.arm} drawn`);
    for (const d of ['itt', 'observed']) {
      const m = row.marks.find((x) => x.kind === d);
      if (r[d].proportion === null) {
        assert.equal(m.na, true, `${r.endpoint} ${r.week} ${r.arm} ${d}: n/a`);
        assert.equal(m.x, null, 'no point drawn for n/a');
        assert.match(m.text, /^n\/a/);
        na += 1;
      } else {
        close(m.x, xr(r[d].proportion), 0.02, `${r.endpoint} ${d} point`);
        close(m.lo, xr(r[d].wilson_95[0]), 0.02, `${r.endpoint} ${d} low`);
        close(m.hi, xr(r[d].wilson_95[1]), 0.02, `${r.endpoint} ${d} high`);
        drawn += 1;
      }
    }
  }
  assert.ok(na > 0 && drawn > 0, `both kinds present (${na} n/a, ${drawn} drawn)`);
  // Differences: a line at 0 and each comparison's unadjusted and Mantel-Haenszel estimates.
  const diffs = await readForest(s.locator('figure.chart[data-chart="differences"]'));
  assert.equal(diffs.zero.length, 1, 'one line at 0');
  const a = diffs.ticks[0];
  const b = diffs.ticks[diffs.ticks.length - 1];
  const xd = (v) => a.x + ((100 * v - a.v) / (b.v - a.v)) * (b.x - a.x);
  close(diffs.zero[0], xd(0), 0.02, 'the zero line');
  assert.equal(diffs.rows.length, json.comparisons.length);
  let mh = 0;
  for (const c of json.comparisons) {
    const row = diffs.rows.find((x) => x.endpoint === c.endpoint && Number(x.week) === c.week);
    const marks = row.marks;
    const expected = [];
    for (const d of ['itt', 'observed']) {
      expected.push([d, c[d].difference, c[d].newcombe_95]);
      if (c[d].mantel_haenszel) expected.push(['mh', c[d].mantel_haenszel.risk_difference, c[d].mantel_haenszel.sato_95]);
    }
    assert.equal(marks.length, expected.length);
    expected.forEach(([kind, v, ci], k) => {
      assert.equal(marks[k].kind, kind);
      if (v === null) { assert.equal(marks[k].na, true); return; }
      close(marks[k].x, xd(v), 0.02, `${c.endpoint} ${c.week} ${kind}`);
      if (ci) { close(marks[k].lo, xd(ci[0]), 0.02, 'low'); close(marks[k].hi, xd(ci[1]), 0.02, 'high'); }
      if (kind === 'mh') mh += 1;
    });
  }
  assert.ok(mh > 0, 'Mantel-Haenszel estimates drawn');
  // Week 52 remission, as the CLI prints it: unadjusted 0.0 pp, Mantel-Haenszel -25.0 (Sato -67.4 to 17.4).
  const fig = s.locator('figure.chart[data-chart="differences"]');
  await fig.locator('details.chart-alt summary').click();
  const table = await fig.locator('table.forest-table').innerText();
  assert.match(table, /week 52\s+ITT, Unadjusted difference\s+0\.0\s+-53\.3 to 53\.3/);
  assert.match(table, /week 52\s+ITT, Mantel-Haenszel difference\s+-25\.0\s+-67\.4 to 17\.4/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('exports: SVG text and PNG bytes saved on this device under the production CSP; axe passes; screenshots at 1280 and 360 px', async () => {
  const { context, page, errors, s, requests } = await analysed();
  for (const [key, stem] of [['km-0', 'stratified-survival-cohort-km-drug_survival'], ['rates', 'stratified-survival-cohort-rates'], ['differences', 'stratified-survival-cohort-differences']]) {
    const fig = s.locator(`figure.chart[data-chart="${key}"]`);
    const svg = await download(page, fig.locator('[data-action$="-svg"]'));
    assert.equal(svg.name, `${stem}.svg`);
    const text = svg.bytes.toString('utf8');
    assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.doesNotMatch(text, /class=/, 'the look is carried by presentation attributes, not the page\'s classes');
    assert.match(text, /<title[^>]*>[^<]+<\/title>/);
    const [, , w, hh] = (await fig.locator('svg').getAttribute('viewBox')).split(' ').map(Number);
    assert.match(text, new RegExp(`width="${w}" height="${hh}"`));
    const png = await download(page, fig.locator('[data-action$="-png"]'));
    assert.equal(png.name, `${stem}.png`);
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.equal(png.bytes.readUInt32BE(16), 2 * w, 'PNG width: twice the drawing');
    assert.equal(png.bytes.readUInt32BE(20), Math.round(2 * hh), 'PNG height');
    // Not blank: a PNG of a white page compresses to far less.
    assert.ok(png.bytes.length > 4000, `PNG has content (${png.bytes.length} bytes)`);
  }
  const sent = requests.filter((r) => !/^(blob|data):/.test(r.url) && new URL(r.url).origin !== server.origin);
  assert.deepEqual(sent, [], 'nothing leaves the page');
  // axe with the pictures and their tables open.
  for (const d of await s.locator('figure.chart details.chart-alt').all()) await d.evaluate((x) => { x.open = true; });
  const result = await new AxeBuilder({ page }).include('section.screen[data-screen="cohort"]').setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), []);
  for (const d of await s.locator('figure.chart details.chart-alt').all()) await d.evaluate((x) => { x.open = false; });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    // Drawn again for the box's width (the text keeps its size).
    await page.waitForFunction((w) => {
      const svg = document.querySelector('figure.chart[data-chart="km-0"] svg');
      const box = svg?.parentElement;
      return svg && Math.abs(Number(svg.getAttribute('viewBox').split(' ')[2]) - Math.max(300, box.clientWidth)) <= 24 + 1 && (w > 600 || box.clientWidth < 520);
    }, width);
    await s.locator('[data-part="charts"]').scrollIntoViewIfNeeded();
    await screenshot(page, `cohort-charts-${width}`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width, `no page-wide horizontal scroll at ${width}px`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
