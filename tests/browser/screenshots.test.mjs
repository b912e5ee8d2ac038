// SPDX-License-Identifier: MIT
// Screenshots of every screen, filled with public-vector data, at desktop (1280 px) and phone
// (360 px) widths, written to build/screenshots/ for review; the print stylesheet gives a
// one-page printout holding the same text as "Copy note".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, ROOT } from './server.mjs';
import { launch, gotoApp, screen, screenshot, typeInto, SCREENSHOTS, showScreen } from './harness.mjs';
import { fillHbi, fillCdai, fillSes, fillRecord } from './fill.mjs';

const vectors = JSON.parse(await readFile(join(ROOT, 'tests', 'conformance', 'vectors.json'), 'utf8'));
const find = (id) => vectors.find((v) => v.id === id);
const record = JSON.parse(await readFile(join(ROOT, 'examples', 'records', 'italian-upa-patient.json'), 'utf8'));

let server;
let browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function fillAll(page) {
  await showScreen(page, 'hbi');
  await fillHbi(screen(page, 'hbi'), find('HBI-07').inputs);
  await showScreen(page, 'cdai');
  await fillCdai(screen(page, 'cdai'), find('CDAI-09').inputs);
  await showScreen(page, 'ses_cd');
  await fillSes(screen(page, 'ses_cd'), find('SES-10').inputs);
  await showScreen(page, 'visits');
  if (!(await screen(page, 'visits').locator('.status').textContent()).includes('not available')) {
    await fillRecord(page, record, ['generic', 'study_italian_upa']);
  }
}

test('screenshots of every screen at 1280 and 360 px; the printout is one page with the note', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await gotoApp(page, server.origin);
  await fillAll(page);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    for (const id of ['hbi', 'cdai', 'ses_cd', 'visits']) {
      await showScreen(page, id);
      await screenshot(page, `${id}-${width}`);
    }
  }

  // The printout: the same text as "Copy note" (the screen on display only), on one A4 page.
  await page.setViewportSize({ width: 1280, height: 900 });
  await showScreen(page, 'cdai');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const note = await page.locator('#print-note').textContent();
  assert.match(note, /CDAI: \d+/);
  assert.doesNotMatch(note, /HBI: \d+/);
  assert.doesNotMatch(note, /SES-CD: \d+/);
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'print');
  const pdf = await page.pdf({ format: 'A4' });
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(join(SCREENSHOTS, 'print.pdf'), pdf);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || [];
  assert.equal(pages.length, 1, 'one A4 page');
  await page.emulateMedia({ media: 'screen' });

  // The CDAI as a 7-day diary with PRO2 and a day out of range; SES-CD in Russian.
  await showScreen(page, 'cdai');
  const cdai = screen(page, 'cdai');
  await cdai.locator('input[name="entry"][value="diary"]').check();
  const days = { liquid_stools_daily: [3, 2, 3, 2, 3, 3, 3], abdominal_pain_daily: [1, 1, 1, 1, 1, 1, 1], general_wellbeing_daily: [1, 2, 1, 1, 2, 1, 5] };
  for (const [k, row] of Object.entries(days)) for (let i = 0; i < 7; i++) await typeInto(cdai, `${k}.${i}`, row[i]);
  await page.selectOption('#lang', 'ru');
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await showScreen(page, 'cdai');
    await screenshot(page, `cdai-diary-ru-${width}`);
    await showScreen(page, 'ses_cd');
    await screenshot(page, `ses_cd-ru-${width}`);
  }
  for (const name of ['hbi-1280', 'cdai-360', 'ses_cd-1280', 'visits-1280', 'visits-360', 'cdai-diary-ru-360']) {
    assert.ok((await readFile(join(SCREENSHOTS, `${name}.png`))).length > 10000, name);
  }
  await context.close();
});
