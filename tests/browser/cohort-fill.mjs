// SPDX-License-Identifier: MIT
// Shared steps of the browser tests that use the Cohort screen: choose the options and a file
// through the real controls (checkboxes, the weeks field, the file input) and wait until the
// worker's analysis is on screen.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ROOT } from './server.mjs';
import { screen, setChecks, typeInto, showScreen } from './harness.mjs';

export const ITALIAN = join(ROOT, 'examples', 'italian-upadacitinib-cohort.csv');
export const POWER = join(ROOT, 'examples', 'power-like-cohort.csv');

/** The POWER-like file plus rows with problems (an unknown column, a bad cell, a lost baseline). */
export function powerWithProblems() {
  const lines = readFileSync(POWER, 'utf8').trimEnd().split('\n');
  lines[0] += ',site';
  for (let i = 1; i < lines.length; i++) lines[i] += ',Kiel';
  lines.push('POW-X-001,SC q8w,0,abc,no,Kiel', 'POW-X-001,SC q8w,16,140,no,Kiel', 'POW-X-002,SC q8w,16,120,no,Kiel');
  return { name: 'power-with-problems.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) };
}

/** Waits until the run started by the last action has ended; returns the screen's status. */
export async function settled(page, timeout = 60000) {
  await page.waitForFunction(() => {
    const s = document.querySelector('section.screen[data-screen="cohort"]');
    return s && s.dataset.status !== 'running';
  }, null, { timeout });
  return screen(page, 'cohort').getAttribute('data-status');
}

/**
 * Opens the Cohort screen, ticks exactly `sets`, types `weeks`, chooses `file` (a path or
 * {name, mimeType, buffer}) in the file input and waits for the analysis. Returns the status.
 */
export async function analyseCohort(page, { sets, weeks = '', file, timeout }) {
  await showScreen(page, 'cohort');
  const s = screen(page, 'cohort');
  await setChecks(s, 'sets', sets);
  await typeInto(s, 'weeks', weeks);
  await s.locator('input[type="file"]').setInputFiles(file);
  return settled(page, timeout);
}

/** Opens every collapsed part of the Cohort screen's results (so checks see all of it). */
export async function openCohortDetails(page) {
  const s = screen(page, 'cohort');
  const closed = s.locator('.cohort-output details:not([open]) > summary');
  while (await closed.count()) await closed.first().click();
  if (await s.locator('details.patients').count()) await s.locator('table.patients tbody tr').first().waitFor();
}
