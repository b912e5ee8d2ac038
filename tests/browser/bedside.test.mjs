// SPDX-License-Identifier: MIT
// The bedside details of issue 14 that are not units or the note: each calculator's worked
// example (one click fills it, the verdict is the published result, "Undo" restores what was
// typed), a diary error names its day, and a screen built in the background (hidden) names its
// missing fields in words in the chosen language, never by their ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './server.mjs';
import { screen, typeInto, choose, eraseAll, showScreen, screenshot, SCREENSHOTS, sharedPage, fillWorkedExample } from './harness.mjs';
import { shownVerdict } from './fill.mjs';

const vectors = JSON.parse(await readFile(join(ROOT, 'tests', 'conformance', 'vectors.json'), 'utf8'));
const vector = (id) => vectors.find((v) => v.id === id);

// One server, browser and page for this file's tests (harness.mjs).
const session = sharedPage();

// The published results, from the public vectors (not from the page or the core's own list).
const EXAMPLES = [
  { screen: 'ses_cd', expected: { score: '12', band: 'moderate' } },
  { screen: 'hbi', expected: { score: String(vector('HBI-06').expected.hbi_total), band: vector('HBI-06').expected.hbi_band } },
  { screen: 'cdai', expected: { score: String(vector('CDAI-01').expected.cdai_total), band: vector('CDAI-01').expected.cdai_band } },
];

for (const { screen: id, expected } of EXAMPLES) {
  test(`${id}: the worked example fills the form with the published result; Undo restores what was typed`, async () => {
    const { page } = session;
    await eraseAll(page);
    await showScreen(page, id);
    let s = screen(page, id);
    const stored = () => page.evaluate(() => sessionStorage.getItem('crohn-score:form'));
    const erased = await stored();
    // Something typed first, so that Undo has a value of the user's to bring back.
    if (id === 'hbi') await typeInto(s, 'liquid_stools_per_day', '17');
    if (id === 'cdai') await typeInto(s, 'weight', '81');
    if (id === 'ses_cd') await s.locator('select[name="segments.rectum.narrowing"]').selectOption('2');
    // The tab saves 300 ms after the last change: wait for the typed value to be saved.
    await page.waitForFunction((was) => sessionStorage.getItem('crohn-score:form') !== was, erased);
    const typedBefore = await stored();
    await fillWorkedExample(s);
    s = screen(page, id);
    assert.deepEqual(await shownVerdict(s), expected, 'the verdict is the published result');
    const box = s.locator('.example.filled');
    const said = await box.textContent();
    assert.match(said, new RegExp(`${expected.score}\\b`), 'the expected result is stated beside it');
    assert.match(said, /Source: \S/);
    // Undo has the focus, so a keyboard user can take it back at once.
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'example-undo');
    await screenshot(page, `example-${id}-1280`);
    await page.keyboard.press('Enter');
    s = screen(page, id);
    assert.equal(await s.locator('.example.filled').count(), 0);
    if (id === 'hbi') assert.equal(await s.locator('[name="liquid_stools_per_day"]').inputValue(), '17');
    if (id === 'cdai') assert.equal(await s.locator('[name="weight"]').inputValue(), '81');
    if (id === 'ses_cd') assert.equal(await s.locator('select[name="segments.rectum.narrowing"]').inputValue(), '2');
    await page.waitForFunction((before) => sessionStorage.getItem('crohn-score:form') === before, typedBefore);
  });
}

test('an edit after the worked example makes it the user\'s: Undo goes, the edit counts', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'hbi');
  let s = screen(page, 'hbi');
  await fillWorkedExample(s);
  s = screen(page, 'hbi');
  await choose(s, 'abdominal_mass', '3');
  assert.equal(await s.locator('[data-action="example-undo"]').count(), 0, 'no Undo that would discard the edit');
  assert.equal(await s.locator('[data-action="example"]').count(), 1);
  // 2 + 2 + 4 + 3 + 0
  assert.deepEqual(await shownVerdict(s), { score: '11', band: 'moderate' });
});

test('the worked example in Italian: numbers and wording in the chosen language', async () => {
  const { page } = session;
  await eraseAll(page);
  await page.waitForFunction(() => document.getElementById('notice').textContent !== '');
  await page.selectOption('#lang', 'it');
  await page.waitForFunction(() => document.documentElement.lang === 'it');
  // "All entries were erased." was English: no English notice stays on the Italian page.
  assert.equal(await page.locator('#notice').textContent(), '');
  await showScreen(page, 'cdai');
  let s = screen(page, 'cdai');
  await fillWorkedExample(s);
  s = screen(page, 'cdai');
  assert.match(await s.locator('.example.filled').textContent(), /Risultato atteso: CDAI 285/);
  assert.deepEqual(await shownVerdict(s), EXAMPLES[2].expected);
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'example-cdai-360-it');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

test('CDAI diary: every error names its day', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'cdai');
  const s = screen(page, 'cdai');
  await choose(s, 'entry', 'diary');
  const days = ['3', '2', 'x', '4', '1', '-2', '0'];
  for (const [i, v] of days.entries()) await typeInto(s, `liquid_stools_daily.${i}`, v);
  const status = await s.locator('.result .status').textContent();
  assert.match(status, /Liquid or very soft stools, Day 3: /, status);
  assert.match(status, /Liquid or very soft stools, Day 6: /, status);
  const slot = await s.locator('.diary-row .field-error').first().textContent();
  assert.match(slot, /Day 3: .*Day 6: /, slot);
  // An empty day is named in the list of what is still missing.
  await typeInto(s, 'liquid_stools_daily.2', '');
  assert.match(await s.locator('.result .status').textContent(), /Still missing:.*Liquid or very soft stools, Day 3/);
});

test('a screen built in the background names its missing fields in words, in the chosen language', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'cdai');
  await typeInto(screen(page, 'cdai'), 'weight', '70');
  await typeInto(screen(page, 'cdai'), 'liquid_stools_7d_total', 'abc');
  await showScreen(page, 'hbi');
  for (const lang of ['en', 'it']) {
    // Reloaded on the HBI screen: CDAI is built hidden, from the tab's saved form.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    if (lang === 'it') {
      await page.selectOption('#lang', 'it');
      await page.waitForFunction(() => document.documentElement.lang === 'it');
    }
    await page.waitForFunction(() => document.querySelector('section.screen[data-screen="cdai"]'));
    const hiddenText = await page.evaluate(() =>
      document.querySelector('section.screen[data-screen="cdai"] .result .status').textContent);
    await showScreen(page, 'cdai');
    const s = screen(page, 'cdai');
    const text = await s.locator('.result .status').textContent();
    assert.equal(text, hiddenText, 'the same words before and after it is shown');
    for (const id of ['sex', 'hematocrit_pct', 'weight_kg', 'abdominal_pain_7d_sum', 'liquid_stools_7d_total', 'standard_weight_kg']) {
      assert.ok(!text.includes(id), `${lang}: no raw id ${id} in "${text}"`);
    }
    // The bad cell is marked at once, not at the next keystroke.
    assert.equal(await s.locator('[name="liquid_stools_7d_total"]').getAttribute('aria-invalid'), 'true');
    if (lang === 'it') assert.match(text, /Sesso/);
    await showScreen(page, 'hbi');
  }
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

test('SES-CD: every select shows the whole wording of its longest level, at 1280 and 360 px, in English and Italian', async () => {
  const { page } = session;
  await eraseAll(page);
  for (const lang of ['en', 'it']) {
    await page.selectOption('#lang', lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await showScreen(page, 'ses_cd');
      // The longest option of each select, measured in the select's own font, against the room
      // the select gives its text (its width less padding and the arrow).
      const cut = await screen(page, 'ses_cd').locator('.ses-row select').evaluateAll((selects) => {
        const ctx = document.createElement('canvas').getContext('2d');
        return selects.flatMap((sel) => {
          const cs = getComputedStyle(sel);
          ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
          return [...sel.options].filter((o) => ctx.measureText(o.textContent).width > room)
            .map((o) => `${sel.name}: "${o.textContent}" ${Math.round(ctx.measureText(o.textContent).width)} > ${Math.round(room)}`);
        });
      });
      assert.deepEqual(cut, [], `${lang} ${width} px`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

test('one patient at a time: the note holds the screen on display; the other complete screens are offered, never added', async () => {
  const { page } = session;
  await eraseAll(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.origin });
  await showScreen(page, 'hbi');
  await typeInto(screen(page, 'hbi'), 'liquid_stools_per_day', '4');
  for (const [name, v] of [['general_wellbeing', '2'], ['abdominal_pain', '2'], ['abdominal_mass', '0']]) await choose(screen(page, 'hbi'), name, v);
  await showScreen(page, 'visits');
  const v = screen(page, 'visits');
  await v.locator('input[name="sets"][value="study_power"]').check();
  await v.locator('.visit[data-visit="0"] input[data-kind="baseline"]').check();
  await typeInto(v, 'list.0.week', '0');
  await typeInto(v, 'list.0.cdai_total', '312');
  await typeInto(v, 'list.1.week', '16');
  await typeInto(v, 'list.1.cdai_total', '178');
  await page.evaluate(() => { document.getElementById('notice').textContent = ''; });
  await page.click('#copy-note');
  await page.waitForFunction(() => document.getElementById('notice').textContent.length > 0);
  const note = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(note, /^Contains: Baseline vs follow-up$/m);
  assert.doesNotMatch(note, /HBI: 8/);
  assert.match(await page.locator('#notice').textContent(), /Also complete: HBI \(not included/);
  const offer = page.locator('#note-choice button[data-action="copy-with-others"]');
  assert.equal(await offer.textContent(), 'Copy Baseline vs follow-up + HBI');
  await offer.click();
  await page.waitForFunction(() => document.getElementById('note-choice').hidden);
  const both = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(both, /^Contains: Baseline vs follow-up, HBI$/m);
  assert.match(both, /HBI: 8 \(Moderate activity\)/);

  // The printout of the screen on display: verdicts first, the timeline, the definitions and
  // their versions, a line to sign, on one A4 page.
  await page.fill('#patient-label', 'Bed 4, B.');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const print = page.locator('#print-note');
  assert.match(await print.locator('.print-patient').textContent(), /Bed 4, B\./);
  const verdicts = await print.locator('.print-verdicts p').allTextContents();
  // One line per chosen set (generic, kept from the default, and POWER) and follow-up visit.
  assert.equal(verdicts.length, 2);
  assert.ok(verdicts.some((l) => /^POWER.*week 16: .*achieved: clinical response/.test(l)), verdicts.join('\n'));
  assert.equal(await print.locator('.print-figure svg').count(), 1);
  assert.equal(await print.locator('[id]').count(), 0, 'the copied picture repeats no id of the screen');
  assert.match(await print.locator('.note-text').textContent(), /POWER: IV ustekinumab|POWER \(IV ustekinumab re-induction\) — version 1/);
  assert.match(await print.locator('.print-sign').textContent(), /Signature: _+/);
  assert.doesNotMatch(await print.textContent(), /HBI: 8/);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(join(SCREENSHOTS, 'print-visits.pdf'), pdf);
  await page.screenshot({ path: join(SCREENSHOTS, 'print-visits.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || [];
  assert.equal(pages.length, 1, 'one A4 page');
  await page.fill('#patient-label', '');
});
