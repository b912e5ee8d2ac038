// SPDX-License-Identifier: MIT
// Shared helpers of the browser tests: Debian's chromium through playwright-core, a page that
// records console errors, CSP violations and every request, and small form-filling helpers that
// type into the real controls (by their labels and names) the way a user would.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { ROOT, startServer } from './server.mjs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'build', 'screenshots');

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/**
 * A new context + page. Options: viewport, serviceWorkers ('allow' | 'block'), locale.
 * Returns {context, page, errors, requests}; `requests` holds every request the context made
 * (pages and service workers), `errors` console errors, page errors and CSP violations.
 */
export async function openPage(browser, { viewport = { width: 1280, height: 900 }, serviceWorkers = 'block', locale = 'en-GB' } = {}) {
  const context = await browser.newContext({ viewport, serviceWorkers, locale });
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), at: Date.now(), sw: Boolean(r.serviceWorker()) }));
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors, requests };
}

/** Loads the app and waits until the core answered. */
export async function gotoApp(page, origin, path = '/') {
  await page.goto(origin + path);
  await page.waitForFunction(() => document.documentElement.dataset.ready, null, { timeout: 15000 });
  const ready = await page.evaluate(() => document.documentElement.dataset.ready);
  if (ready !== 'true') throw new Error(`app did not start: ${await page.textContent('main')}`);
}

/**
 * "Clear all", confirmed, and waits until the page has erased: the dialog's close event (which
 * erases) is dispatched in a task after the click, so reading the form right after the click
 * can still see the old values.
 */
export async function eraseAll(page) {
  await page.click('#clear-all');
  await page.evaluate(() => {
    window.__erased = false;
    document.getElementById('clear-dialog')
        .addEventListener('close', () => { window.__erased = true; }, { once: true });
  });
  await page.click('#clear-confirm');
  await page.waitForFunction(() => window.__erased);
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The screen section currently shown. */
/**
 * Clicks "Fill in the worked example" in `scope` and waits until the example is filled (its Undo
 * shows): the examples come from the tools module, loaded on the first click.
 */
export async function fillWorkedExample(scope) {
  await scope.locator('[data-action="example"]').click();
  await scope.locator('[data-action="example-undo"]').waitFor({ state: 'visible' });
}

export function screen(page, id) {
  return page.locator(`section.screen[data-screen="${id}"]`);
}

/**
 * Opens screen `id` from the navigation, as a user does, and waits until it is built and shown:
 * a screen's module may still be loading when its link is clicked, and locators that do not wait
 * (`all()`, `evaluateAll()`, axe) would otherwise see an empty slot.
 */
export async function showScreen(page, id) {
  await page.click(`nav a[data-screen="${id}"]`);
  await screen(page, id).waitFor({ state: 'visible' });
}

/** Sets a text control by name within a screen, as pasting would (one input event). */
export async function typeInto(scope, name, value) {
  await scope.locator(`[name="${name}"]`).fill(value === undefined || value === null ? '' : String(value));
}

/** Types into a text control key by key (an input event, and a recompute, per keystroke). */
export async function typeKeys(scope, name, value) {
  const input = scope.locator(`[name="${name}"]`);
  await input.fill('');
  await input.pressSequentially(String(value));
}

export async function choose(scope, name, value) {
  const radio = scope.locator(`input[type=radio][name="${name}"][value="${value}"]`);
  if (!(await radio.isChecked())) await radio.check({ force: true });
}

/** Ticks exactly `values` among the checkboxes named `name` (clicking only those that change). */
export async function setChecks(scope, name, values) {
  const boxes = scope.locator(`input[type=checkbox][name="${name}"]`);
  await boxes.first().waitFor({ state: 'attached' });
  const states = await boxes.evaluateAll((els) => els.map((b) => [b.value, b.checked]));
  const absent = values.filter((v) => !states.some(([value]) => value === v));
  if (absent.length) throw new Error(`no checkbox ${name} with value ${absent.join(', ')}`);
  for (const [i, [value, checked]] of states.entries()) {
    if (values.includes(value) !== checked) await boxes.nth(i).click({ force: true });
  }
}

export async function select(scope, name, value) {
  const sel = scope.locator(`select[name="${name}"]`);
  if ((await sel.inputValue()) !== String(value)) await sel.selectOption(String(value), { force: true });
}

/**
 * One server, browser and page for the tests of a file (registered as its before/after hooks):
 * `const shared = sharedPage();` then `shared.page`, `shared.server`, `shared.errors` in a test.
 * `path` is where the page opens (default the app's start page).
 */
export function sharedPage({ path } = {}) {
  const shared = {};
  before(async () => {
    shared.server = await startServer();
    shared.browser = await launch();
    Object.assign(shared, await openPage(shared.browser));
    await gotoApp(shared.page, shared.server.origin, path);
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}
