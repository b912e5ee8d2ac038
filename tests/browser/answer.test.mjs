// SPDX-License-Identifier: MIT
// The visits screen answers first (issue 14): with baseline CDAI 312 and week-16 CDAI 178 under
// POWER and the generic set, one line per set and visit says what was achieved and what was not
// before any table; the endpoints no visit can evaluate are grouped under one line that says
// what would make them evaluable; the chosen sets are kept in the tab; a sticky bar keeps the
// counts in sight while the visits are filled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screen, typeInto, eraseAll, showScreen, screenshot, SCREENSHOTS, sharedPage } from './harness.mjs';
import { join } from 'node:path';
import { setSets } from './fill.mjs';
import AxeBuilder from '@axe-core/playwright';

// One server, browser and page for this file's tests (harness.mjs).
const session = sharedPage();

async function powerPatient(page) {
  await eraseAll(page);
  await showScreen(page, 'visits');
  const s = screen(page, 'visits');
  await setSets(s, ['generic', 'study_power']);
  await s.locator('.visit[data-visit="0"] input[data-kind="baseline"]').check();
  await typeInto(s, 'list.0.week', '0');
  await typeInto(s, 'list.0.cdai_total', '312');
  await typeInto(s, 'list.1.week', '16');
  await typeInto(s, 'list.1.cdai_total', '178');
  return s;
}

test('the POWER verdict comes first, in one line, above the tables', async () => {
  const { page } = session;
  const s = await powerPatient(page);
  const lines = s.locator('[data-testid="answer"] li');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="answer"] li').length === 2);
  const power = await s.locator('[data-testid="answer"] li[data-set="study_power"]').textContent();
  // 312 -> 178: a decrease of 134 (>= 100, response) and 178 is not < 150 (no remission).
  assert.match(power, /^POWER[^:]*· week 16: /, power);
  assert.match(power, /achieved: [^.]*response/i, power);
  assert.match(power, /not achieved: [^.]*remission/i, power);
  assert.equal(await lines.count(), 2, 'one line per set and follow-up visit');
  // The answer sits above every table, and within the first screen below the form's end.
  const answerTop = await s.locator('[data-testid="answer"]').evaluate((e) => e.getBoundingClientRect().top + scrollY);
  const firstTable = await s.locator('table.endpoints').first().evaluate((e) => e.getBoundingClientRect().top + scrollY);
  assert.ok(answerTop < firstTable);
  // The generic set's endpoints that need SES-CD, PRO2, FC ... are grouped, closed, under one line.
  const generic = s.locator('section.set[data-set="generic"]');
  const group = generic.locator('[data-testid="not-evaluable"]');
  assert.equal(await group.count(), 1);
  assert.equal(await group.evaluate((d) => d.open), false);
  const summary = await group.locator('summary').textContent();
  assert.match(summary, /^\d+ endpoints not evaluable at any visit: they would need .*SES-CD at baseline/, summary);
  const shownRows = await generic.locator(':scope > .table-wrap tbody').count();
  const groupedRows = await group.locator('tbody').count();
  assert.ok(shownRows >= 4 && groupedRows >= 15, `${shownRows} shown, ${groupedRows} grouped`);
  // Every grouped cell is not evaluable, every visible row has a verdict somewhere.
  assert.equal(await group.locator('td:not([data-verdict="not_evaluable"])').count(), 0);
  for (const row of await generic.locator(':scope > .table-wrap tbody').all()) {
    assert.ok(await row.locator('td:not([data-verdict="not_evaluable"])').count() >= 1);
  }
  await screenshot(page, 'visits-answer-1280');
  // The answer, the bar and the group pass axe, closed and open, seen where the bar takes the
  // user. (Higher up, the sticky bar lies over the form's lower fields by design; a focused field
  // scrolls clear of it through scroll-padding, checked in the 360 px test below.)
  await s.locator('[data-testid="scorebar"]').click();
  for (const open of [false, true]) {
    await group.evaluate((d, o) => { d.open = o; }, open);
    const result = await new AxeBuilder({ page }).setLegacyMode(true)
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), []);
  }
});

test('typing a value that makes an endpoint evaluable moves it out of the group at once', async () => {
  const { page } = session;
  const s = await powerPatient(page);
  const generic = s.locator('section.set[data-set="generic"]');
  assert.equal(await generic.locator('[data-testid="not-evaluable"] tbody[data-endpoint="hbi_remission_lt5"]').count(), 1);
  await typeInto(s, 'list.1.hbi_total', '3');
  await page.waitForFunction(() => document.querySelector('section.set[data-set="generic"] > .table-wrap tbody[data-endpoint="hbi_remission_lt5"] td')?.dataset.verdict === 'achieved');
  assert.equal(await generic.locator('[data-testid="not-evaluable"] tbody[data-endpoint="hbi_remission_lt5"]').count(), 0);
  assert.match(await s.locator('[data-testid="answer"] li[data-set="generic"]').textContent(), /HBI/);
});

test('the chosen sets are kept in the tab; the bar keeps the counts in sight; Italian and 360 px', async () => {
  const { page } = session;
  const s = await powerPatient(page);
  await page.reload();
  await showScreen(page, 'visits');
  const checked = await screen(page, 'visits').locator('input[name="sets"]:checked').evaluateAll((es) => es.map((e) => e.value));
  assert.deepEqual(checked.sort(), ['generic', 'study_power']);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.selectOption('#lang', 'it');
  await page.waitForFunction(() => document.documentElement.lang === 'it');
  const bar = screen(page, 'visits').locator('[data-testid="scorebar"]');
  await bar.waitFor();
  assert.match(await bar.textContent(), /raggiunt/);
  // The bar is at the foot of the window while the first visit is filled.
  await screen(page, 'visits').locator('[name="list.0.week"]').scrollIntoViewIfNeeded();
  const box = await bar.boundingBox();
  assert.ok(box && box.y + box.height <= 740 + 1 && box.y > 600, JSON.stringify(box));
  // Tabbing to a field low in the window scrolls it clear of the bar, never under it.
  const field = screen(page, 'visits').locator('[name="list.1.cdai_total"]');
  // Scroll so that the field sits in the window's last 40 px, where the bar lies, then focus it.
  await field.evaluate((e) => { e.blur(); window.scrollBy(0, e.getBoundingClientRect().bottom - (innerHeight - 5)); });
  const under = await field.boundingBox();
  assert.ok(under.y + under.height > (await bar.boundingBox()).y, 'the field starts under the bar');
  await field.focus();
  const f = await field.boundingBox();
  const b = await bar.boundingBox();
  assert.ok(f.y + f.height <= b.y, `field ${JSON.stringify(f)} above bar ${JSON.stringify(b)}`);
  await screenshot(page, 'visits-bar-360-it');
  await bar.click();
  const it = await screen(page, 'visits').locator('[data-testid="answer"] li[data-set="study_power"]').textContent();
  assert.match(it, /raggiunto: /, it);
  assert.doesNotMatch(it, /\b(achieved|week|not evaluable)\b/i, it);
  const top = await screen(page, 'visits').locator('[data-testid="answer"]').boundingBox();
  assert.ok(top.y < 740, 'the bar took the user to the answer');
  await screenshot(page, 'visits-answer-360-it');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.selectOption('#lang', 'en');
  void s;
});

test('the timeline draws the core\'s scores and the chosen sets\' levels, with the same numbers as a table', async () => {
  const { page } = session;
  const s = await powerPatient(page);
  const fig = s.locator('[data-testid="timeline"]');
  await fig.waitFor();
  // One panel per measure with a value: here the CDAI only.
  assert.deepEqual(await fig.locator('g.panel').evaluateAll((gs) => gs.map((g) => g.dataset.measure)), ['cdai_total']);
  // POWER's remission (CDAI < 150) and the generic set's CDAI < 150 / <= 150 as levels, from definitions().
  const levels = await fig.locator('g.panel[data-measure="cdai_total"] g.level').evaluateAll((gs) => gs.map((g) => [g.dataset.value, g.textContent]));
  assert.ok(levels.some(([v, text]) => v === '150' && /< 150 .*POWER/.test(text)), JSON.stringify(levels));
  assert.ok(levels.some(([v, text]) => v === '150' && /≤ 150 Generic/.test(text)), JSON.stringify(levels));
  // The points are the visits' CDAI as the core returned them, the baseline drawn apart.
  assert.deepEqual(await fig.locator('g.pt .pt-label').allTextContents(), ['312', '178']);
  assert.equal(await fig.locator('g.pt.baseline').count(), 1);
  // A verdict mark per set and follow-up visit.
  assert.equal(await fig.locator('g.strip[data-set="study_power"] g.mark').count(), 1);
  assert.match(await fig.locator('g.strip[data-set="study_power"] g.mark').textContent(), /✓1 ✗1/);
  // The text alternative: the SVG is an image with a title and description; the table holds the numbers.
  assert.equal(await fig.locator('svg').getAttribute('role'), 'img');
  assert.match(await fig.locator('svg desc').textContent(), /2 visits; panels: CDAI/);
  await fig.locator('details.timeline-alt summary').click();
  const rows = await fig.locator('table.timeline-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => r.slice(0, 2)), [['Baseline · week 0', '312'], ['week 16', '178']]);
  // Typing a value adds its panel.
  await typeInto(s, 'list.1.hbi_total', '3');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline"] g.panel').length === 2);
  assert.equal(await fig.locator('details.timeline-alt').evaluate((d) => d.open), true, 'the table stays open while typing');
  // At 360 px it fits the screen, its text no smaller than at 1280 px.
  const fontAt = () => fig.locator('g.pt .pt-label').first().evaluate((t) => t.getBoundingClientRect().height);
  const wide = await fontAt();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline"] svg')?.viewBox.baseVal.width <= 360);
  assert.ok(await fontAt() >= wide * 0.9, 'the text keeps its size on a phone');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true);
  await fig.screenshot({ path: join(SCREENSHOTS, 'timeline-360.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('an assumed threshold says so, in words, in the answer and beside its endpoint, in English and Italian', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'visits');
  const s = screen(page, 'visits');
  await setSets(s, ['study_dutch_ust_reinduction']);
  await s.locator('.visit[data-visit="0"] input[data-kind="baseline"]').check();
  await typeInto(s, 'list.0.week', '0');
  await typeInto(s, 'list.0.hbi_total', '9');
  await typeInto(s, 'list.1.week', '20');
  await typeInto(s, 'list.1.hbi_total', '3');
  const line = s.locator('[data-testid="answer"] li[data-set="study_dutch_ust_reinduction"]');
  assert.match(await line.textContent(), /clinical remission \(HBI <= 4\) \[assumed threshold\]/);
  const badge = s.locator('section.set[data-set="study_dutch_ust_reinduction"] tbody[data-endpoint="clinical_remission_hbi_le4"] .assumed');
  assert.match(await badge.textContent(), /^Assumed threshold: the study does not state it; HBI ≤ 4 is the Dutch ICC registry's convention/);
  assert.equal(await s.locator('section.set tbody[data-endpoint="drug_survival"] .assumed').count(), 0);
  await page.selectOption('#lang', 'it');
  await page.waitForFunction(() => document.documentElement.lang === 'it');
  await showScreen(page, 'visits');
  assert.match(await screen(page, 'visits').locator('section.set tbody[data-endpoint="clinical_remission_hbi_le4"] .assumed').textContent(), /^Soglia presunta: lo studio non la indica/);
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});
