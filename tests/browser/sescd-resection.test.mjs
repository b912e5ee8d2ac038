// SPDX-License-Identifier: MIT
// SES-CD after a resection (issue 16), driven as a clinician would: a segment marked resected is
// left out of the total (never a 0) and is a state of its own beside "not examined"; after the
// resection the page asks whether the ileum scored is the neoterminal ileum and never assumes it;
// the warnings in English and Italian; on the visits screen a follow-up after the resection makes
// the SES-CD change endpoints not evaluable (segment_set_changed) and flags the threshold ones.
// Screenshots at 1280 and 360 px in English and Italian (build/screens-sescd-resection/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './server.mjs';
import { screen, eraseAll, showScreen, select, typeInto, sharedPage } from './harness.mjs';
import { fillSes, setSets, shownVerdict } from './fill.mjs';

const session = sharedPage();
const SHOTS = join(ROOT, 'build', 'screens-sescd-resection');

const zero = { ulcer_size: 0, ulcerated_surface: 0, affected_surface: 0, narrowing: 0 };
const two = { ulcer_size: 2, ulcerated_surface: 2, affected_surface: 2, narrowing: 0 };
// Ileum 6 + right colon 6 = 12, moderate.
const complete = { segments: { ileum: two, right_colon: two, transverse_colon: zero, left_colon: zero, rectum: zero } };

async function shot(page, name) {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The warnings under the grid (all but the per-segment ones), as codes. */
const warningsShown = (s) => s.locator('[data-testid="grid-warnings"] li').evaluateAll((els) => els.map((e) => e.dataset.warning));

test('a resected segment: left out of the total, the neoterminal ileum asked, the warnings', async () => {
  const { page, errors } = session;
  await eraseAll(page);
  await showScreen(page, 'ses_cd');
  const s = screen(page, 'ses_cd');
  await fillSes(s, complete);
  assert.deepEqual(await shownVerdict(s), { score: '12', band: 'moderate' });
  // The question is asked only after a resection.
  assert.equal(await s.locator('.ses-neoterminal').isHidden(), true);

  await s.locator('input[name="segments.right_colon.resected"]').check();
  // Its cells are disabled (kept, not cleared), and the core asks for the neoterminal ileum.
  assert.equal(await s.locator('select[name="segments.right_colon.ulcer_size"]').isDisabled(), true);
  assert.equal(await s.locator('.ses-neoterminal').isVisible(), true);
  assert.equal(await shownVerdict(s), null);
  assert.match(await s.locator('.result .status').textContent(), /The ileum scored is the neoterminal ileum/);

  await select(s, 'ileum_is_neoterminal', 'yes');
  assert.deepEqual(await shownVerdict(s), { score: '6', band: 'mild' });
  assert.equal((await s.locator('output.seg-score[data-segment="right_colon"]').textContent()).trim(), 'resected');
  assert.deepEqual(await warningsShown(s), ['resected_segments', 'postoperative_anatomy']);
  // Beside the score, the prompt to read it with care (the count of resected segments is said
  // in the line under it).
  assert.deepEqual(await s.locator('.result [data-testid="checks"] li').evaluateAll((els) => els.map((e) => e.dataset.warning)),
    ['postoperative_anatomy']);
  assert.match(await s.locator('.result [data-warning="postoperative_anatomy"]').first().textContent(),
    /the SES-CD was not developed for it/);
  const line = s.locator('.result p[data-resected]');
  assert.equal(await line.getAttribute('data-resected'), '1');
  assert.match(await line.textContent(), /1 segment\(s\) resected: the total covers the 4 segments present/);
  assert.equal(await line.locator('a[href="#rutgeerts"]').count(), 1);
  assert.match(await s.locator('[data-testid="grid-warnings"] [data-warning="resected_segments"]').textContent(), /Resected segments are left out of the total/);
  await shot(page, 'sescd-resected-en-1280');
  await page.setViewportSize({ width: 360, height: 740 });
  await shot(page, 'sescd-resected-en-360');
  await page.setViewportSize({ width: 1280, height: 900 });

  // One state per segment: "not examined" clears "resected" (and the question goes with it).
  await s.locator('input[name="segments.right_colon.not_evaluated"]').check();
  assert.equal(await s.locator('input[name="segments.right_colon.resected"]').isChecked(), false);
  assert.equal(await s.locator('.ses-neoterminal').isHidden(), true);
  assert.deepEqual(await shownVerdict(s), { score: '6', band: 'mild' });
  assert.deepEqual(await warningsShown(s), ['incomplete_examination']);
  await s.locator('input[name="segments.right_colon.resected"]').check();
  assert.equal(await s.locator('input[name="segments.right_colon.not_evaluated"]').isChecked(), false);
  assert.deepEqual(errors, []);
});

test('Italian: the resected state and its warnings in Italian; screenshots', async () => {
  const { page } = session;
  await page.selectOption('#lang', 'it');
  await page.waitForFunction(() => document.documentElement.lang === 'it');
  try {
    const s = screen(page, 'ses_cd');
    assert.deepEqual(await shownVerdict(s), { score: '6', band: 'mild' });
    assert.equal((await s.locator('label[for$="-right_colon-rs"]').textContent()).trim(), 'Resecato');
    assert.equal((await s.locator('output.seg-score[data-segment="right_colon"]').textContent()).trim(), 'resecato');
    assert.match(await s.locator('.result [data-warning="postoperative_anatomy"]').first().textContent(),
      /Anatomia postoperatoria: il SES-CD non è stato sviluppato/);
    assert.match(await s.locator('.result p[data-resected]').textContent(), /il totale comprende i 4 segmenti presenti/);
    assert.match(await s.locator('.ses-neoterminal label').first().textContent(), /ileo neoterminale/);
    await shot(page, 'sescd-resected-it-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    await shot(page, 'sescd-resected-it-360');
    await page.setViewportSize({ width: 1280, height: 900 });
  } finally {
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  }
});

test('visits: a resection between baseline and follow-up makes the change endpoints not evaluable', async () => {
  const { page } = session;
  await eraseAll(page);
  // Baseline: the complete examination (12), copied from the calculator.
  await showScreen(page, 'ses_cd');
  const ses = screen(page, 'ses_cd');
  await fillSes(ses, complete);
  await showScreen(page, 'visits');
  const s = screen(page, 'visits');
  await setSets(s, ['generic']);
  await s.locator('.visit[data-visit="0"] input[data-kind="baseline"]').check();
  await typeInto(s, 'list.0.week', 0);
  await typeInto(s, 'list.1.week', 48);
  await s.locator('button[data-action="copy"][data-kind="ses_cd"][data-visit="0"]').click();
  // Follow-up after a right-colon resection: ileum 0, the neoterminal ileum (total 0).
  await showScreen(page, 'ses_cd');
  await fillSes(ses, { segments: { ...complete.segments, ileum: zero, right_colon: { resected: true } } });
  await ses.locator('input[name="segments.right_colon.resected"]').check();
  await select(ses, 'ileum_is_neoterminal', 'yes');
  assert.deepEqual(await shownVerdict(ses), { score: '0', band: 'remission' });
  await showScreen(page, 'visits');
  await s.locator('button[data-action="copy"][data-kind="ses_cd"][data-visit="1"]').click();

  const cell = (id) => s.locator(`section.set[data-set="generic"] tr[data-endpoint="${id}"]:not(.ep-head) td`).first();
  await cell('ses_le2').waitFor({ state: 'attached' });
  for (const id of ['ses_response_gt50', 'ses_remission_abbvie']) {
    assert.equal(await cell(id).getAttribute('data-verdict'), 'not_evaluable', id);
    assert.match(await cell(id).textContent(), /the same segments scored at baseline and follow-up/, id);
  }
  // The threshold on the follow-up total alone is returned, flagged.
  assert.equal(await cell('ses_le2').getAttribute('data-verdict'), 'achieved');
  assert.match(await cell('ses_le2').locator('[data-warning="segment_set_changed"]').textContent(), /Different segments scored/);
  await shot(page, 'visits-segment-set-changed-en-1280');
});
