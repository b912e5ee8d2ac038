// SPDX-License-Identifier: MIT
// The Rutgeerts screen, filled as a clinician would (one grade among i0-i4 and i2a/i2b, then the
// optional facts), in English and in Italian: the verdict line (the grade and the headline
// endpoint, recurrence >= i2 or remission i0-i1), the three endpoints with ">= i2b" not evaluable
// for an unsplit i2, the warnings, the error of a neoterminal ileum not seen, each rule's source
// with its evidence level, the worked example, and screenshots at 360 and 1280 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './server.mjs';
import { screen, eraseAll, showScreen, screenshot, choose, sharedPage, fillWorkedExample } from './harness.mjs';
import { fillRutgeerts, rutgeertsEndpoints, shownVerdict } from './fill.mjs';

const vectors = JSON.parse(await readFile(join(ROOT, 'tests', 'conformance', 'vectors-rutgeerts.json'), 'utf8'));

// One server, browser and page for this file's tests (harness.mjs).
const session = sharedPage();

const asText = (v) => String(v);  // the cell's data-value: 'true', 'false' or 'null'

test('the public vectors through the form: verdict and endpoints as expected', async () => {
  const { page } = session;
  for (const v of vectors.filter((x) => !x.expected.error && x.inputs.rutgeerts_grade)) {
    await eraseAll(page);
    await showScreen(page, 'rutgeerts');
    const s = screen(page, 'rutgeerts');
    await fillRutgeerts(s, v.inputs);
    const e = v.expected;
    assert.deepEqual(await shownVerdict(s), { score: v.inputs.rutgeerts_grade, band: e.recurrence_ge_i2 ? 'recurrence' : 'remission' }, v.id);
    assert.deepEqual(await rutgeertsEndpoints(s), {
      recurrence_ge_i2: asText(e.recurrence_ge_i2), recurrence_ge_i2b: asText(e.recurrence_ge_i2b),
      remission_i0_i1: asText(e.remission_i0_i1),
    }, v.id);
  }
});

test('English: every grade, the headline and the unsplit i2 (>= i2b not evaluable, never guessed)', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'rutgeerts');
  const s = screen(page, 'rutgeerts');
  // No default: nothing is chosen and the result asks for the grade.
  assert.equal(await s.locator('input[name="rutgeerts_grade"]:checked').count(), 0);
  assert.equal(await shownVerdict(s), null);
  assert.match(await s.locator('.result .status').textContent(), /Still missing:.*Rutgeerts grade/);
  // The hint under the grades (thegastroenterologist.ro, secondary).
  assert.match(await s.locator('fieldset[data-paths="rutgeerts_grade"] .hint').textContent(),
    /Hyperaemia and oedema alone are not signs of recurrence\./);
  const cases = [
    ['i0', 'remission', 'false', 'false', 'true'],
    ['i1', 'remission', 'false', 'false', 'true'],
    ['i2', 'recurrence', 'true', 'null', 'false'],
    ['i2a', 'recurrence', 'true', 'false', 'false'],
    ['i2b', 'recurrence', 'true', 'true', 'false'],
    ['i3', 'recurrence', 'true', 'true', 'false'],
    ['i4', 'recurrence', 'true', 'true', 'false'],
  ];
  for (const [grade, band, ge2, ge2b, rem] of cases) {
    await choose(s, 'rutgeerts_grade', grade);
    assert.deepEqual(await shownVerdict(s), { score: grade, band }, grade);
    assert.deepEqual(await rutgeertsEndpoints(s), { recurrence_ge_i2: ge2, recurrence_ge_i2b: ge2b, remission_i0_i1: rem }, grade);
    const line = await s.locator('.result .verdict .band').textContent();
    assert.equal(line, band === 'recurrence' ? 'Endoscopic post-operative recurrence (≥ i2)' : 'Endoscopic remission after surgery (i0–i1)');
    const sub = s.locator('.result .verdict .sub');
    if (grade === 'i2') {
      assert.equal(await sub.textContent(), '≥ i2b not evaluable: i2 was not subclassified into i2a or i2b.');
      assert.equal(await s.locator('tr[data-endpoint="recurrence_ge_i2b"] td').textContent(), 'Not evaluable');
      assert.equal(await s.locator('.result [data-warning="i2_not_subclassified"]').count(), 1);
    } else {
      assert.equal(await sub.count(), 0);
      assert.equal(await s.locator('.result [data-warning]').count(), 0);
    }
  }
  // Each rule's source with its evidence level, as the core gives it (grades: secondary).
  assert.equal(await s.locator('.sources li[data-source="grades"]').getAttribute('data-evidence'), 'secondary');
  assert.match(await s.locator('.sources li[data-source="grades"]').textContent(), /^Grades i0–i4 – secondary source only \(primary paper not read\): Rutgeerts P/);
  assert.equal(await s.locator('.sources li[data-source="recurrence_ge_i2b"]').getAttribute('data-evidence'), 'unverified');
  assert.match(await s.locator('.sources li[data-source="recurrence_ge_i2"]').textContent(), /10\.5217\/ir\.2015\.13\.3\.259/);
  // The live region says the grade and the headline.
  await page.waitForFunction(() => document.getElementById('live').textContent.includes('Rutgeerts i4'));
  assert.equal(await page.locator('#live').textContent(), 'Rutgeerts i4, Endoscopic post-operative recurrence (≥ i2).');
});

test('the optional facts: an anastomosis warning, and a neoterminal ileum not seen is an error on its field', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'rutgeerts');
  const s = screen(page, 'rutgeerts');
  await fillRutgeerts(s, { rutgeerts_grade: 'i2b', anastomosis_type: 'side_to_side', months_since_resection: 6, neoterminal_ileum_intubated: true });
  assert.deepEqual(await shownVerdict(s), { score: 'i2b', band: 'recurrence' });
  assert.match(await s.locator('.result [data-warning="rutgeerts_not_validated_for_anastomosis_type"]').textContent(),
    /developed for end-to-end anastomoses/);
  await fillRutgeerts(s, { rutgeerts_grade: 'i2b', anastomosis_type: 'end_to_end', months_since_resection: 6, neoterminal_ileum_intubated: false });
  assert.equal(await shownVerdict(s), null, 'no result without the neoterminal ileum');
  assert.equal(await s.locator('[name="neoterminal_ileum_intubated"]').getAttribute('aria-invalid'), 'true');
  assert.match(await s.locator('.result .status').textContent(),
    /Neoterminal ileum intubated: A Rutgeerts grade cannot be given without seeing the neoterminal ileum\./);
  // A typing error in the months is named, and the typed text is kept as typed.
  await fillRutgeerts(s, { rutgeerts_grade: 'i0', neoterminal_ileum_intubated: true, months_since_resection: '6,5' });
  assert.equal(await s.locator('[name="months_since_resection"]').inputValue(), '6,5');
  assert.match(await s.locator('.result .status').textContent(), /Months since resection: Enter a number\./);
});

test('the worked example (vector RUT-04) and Undo', async () => {
  const { page } = session;
  await eraseAll(page);
  await showScreen(page, 'rutgeerts');
  let s = screen(page, 'rutgeerts');
  await choose(s, 'rutgeerts_grade', 'i1');
  await fillWorkedExample(s);
  s = screen(page, 'rutgeerts');
  const rut04 = vectors.find((v) => v.id === 'RUT-04');
  assert.deepEqual(await shownVerdict(s), { score: rut04.inputs.rutgeerts_grade, band: 'recurrence' });
  assert.match(await s.locator('.example.filled').textContent(), /Expected result: Rutgeerts i2b; .*≥ i2: Yes; .*≥ i2b: Yes/);
  assert.match(await s.locator('.example.filled').textContent(), /Source: conformance vector RUT-04/);
  await screenshot(page, 'rutgeerts-example-1280');
  await s.locator('[data-action="example-undo"]').click();
  s = screen(page, 'rutgeerts');
  assert.equal(await s.locator('input[name="rutgeerts_grade"]:checked').getAttribute('value'), 'i1');
});

test('Italian: the grades, the verdict and the endpoints in Italian; screenshots at 360 and 1280 px', async () => {
  const { page } = session;
  await eraseAll(page);
  await page.selectOption('#lang', 'it');
  await page.waitForFunction(() => document.documentElement.lang === 'it');
  await showScreen(page, 'rutgeerts');
  const s = screen(page, 'rutgeerts');
  assert.equal(await s.locator('h2').textContent(), 'Score di Rutgeerts (recidiva endoscopica post-operatoria)');
  assert.match(await s.locator('label[for$="rutgeerts_grade-i2a"]').textContent(), /lesioni confinate all'anastomosi ileocolica/);
  await fillRutgeerts(s, { rutgeerts_grade: 'i2a', anastomosis_type: 'end_to_end' });
  assert.deepEqual(await shownVerdict(s), { score: 'i2a', band: 'recurrence' });
  assert.equal(await s.locator('.result .verdict .band').textContent(), 'Recidiva endoscopica post-operatoria (≥ i2)');
  const rows = await s.locator('.result table.rut-endpoints').evaluate((t) =>
    [...t.querySelectorAll('tr')].map((r) => [r.cells[0].textContent, r.cells[1].textContent]));
  assert.deepEqual(rows, [
    ['Recidiva endoscopica post-operatoria ≥ i2', 'Sì'],
    ['Recidiva endoscopica post-operatoria ≥ i2b', 'No'],
    ['Remissione endoscopica i0–i1', 'No'],
  ]);
  await choose(s, 'rutgeerts_grade', 'i2');
  assert.equal(await s.locator('tr[data-endpoint="recurrence_ge_i2b"] td').textContent(), 'Non valutabile');
  assert.match(await s.locator('.result [data-warning="i2_not_subclassified"]').textContent(), /non è valutabile/);
  assert.match(await s.locator('.sources li[data-source="grades"]').textContent(), /solo fonte secondaria/);
  await screenshot(page, 'rutgeerts-it-1280');
  await page.setViewportSize({ width: 360, height: 740 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no horizontal scrolling at 360 px');
  await screenshot(page, 'rutgeerts-it-360');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

test('"Copy note" on the Rutgeerts screen holds the grade, both scores and the three endpoints', async () => {
  const { page, context } = session;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.origin });
  await eraseAll(page);
  await showScreen(page, 'rutgeerts');
  await fillRutgeerts(screen(page, 'rutgeerts'), { rutgeerts_grade: 'i2', anastomosis_type: 'kono_s' });
  await page.evaluate(() => { document.getElementById('notice').textContent = ''; });
  await page.click('#copy-note');
  await page.waitForFunction(() => document.getElementById('notice').textContent.length > 0);
  const note = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(note, /^Contains: Rutgeerts$/m);
  assert.match(note, /^Rutgeerts: i2 \(Original score i2; Modified score i2, not subclassified\)$/m);
  assert.match(note, /^ {2}Endoscopic post-operative recurrence ≥ i2: Yes$/m);
  assert.match(note, /^ {2}Endoscopic post-operative recurrence ≥ i2b: Not evaluable$/m);
  assert.match(note, /^ {2}Endoscopic remission i0–i1: No$/m);
  assert.match(note, /^ {2}! The Rutgeerts score was developed for end-to-end anastomoses/m);
});
