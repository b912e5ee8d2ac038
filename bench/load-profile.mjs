#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Where a cold load's time goes (a helper for bench/page.mjs, not a test): one fresh context per
// run opens the staged site with a complete HBI form in the session, then prints, as medians over
// the runs, each resource's request start and response end (Resource Timing), the app's
// performance marks, and the main thread's long tasks, all in ms from navigation start.
// Usage: node bench/load-profile.mjs [--runs N] [--path /]
import { startServer } from '../tests/browser/server.mjs';
import { launch } from '../tests/browser/harness.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const RUNS = Number(arg('--runs', 9));
const PATH = arg('--path', '/');
const STATE = JSON.stringify({ schema: 1, hbi: { general_wellbeing: '2', abdominal_pain: '2', liquid_stools_per_day: '4', abdominal_mass: '1', complications: ['arthralgia'] } });
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const server = await startServer();
const browser = await launch();
const table = new Map();
const marks = new Map();
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.addInitScript((state) => {
      if (!sessionStorage.getItem('crohn-score:form')) sessionStorage.setItem('crohn-score:form', state);
      window.__long = [];
      try {
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); })
          .observe({ type: 'longtask', buffered: true });
      } catch { /* no long task timing */ }
    }, STATE);
    const page = await context.newPage();
    await page.goto(server.origin + PATH);
    await page.waitForFunction(() => performance.getEntriesByName('crohn:first-verdict').length > 0);
    await page.waitForTimeout(300);
    const m = await page.evaluate(() => ({
      res: performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.startTime, e.responseEnd, e.transferSize]),
      nav: performance.getEntriesByType('navigation').map((e) => [e.responseEnd, e.domInteractive, e.domContentLoadedEventEnd])[0],
      marks: performance.getEntriesByType('mark').map((e) => [e.name, e.startTime]),
      long: window.__long,
    }));
    for (const [name, s, e, size] of m.res) {
      if (!table.has(name)) table.set(name, { s: [], e: [], size });
      table.get(name).s.push(s);
      table.get(name).e.push(e);
    }
    const put = (k, v) => { if (!marks.has(k)) marks.set(k, []); marks.get(k).push(v); };
    put('document responseEnd', m.nav[0]);
    put('domInteractive', m.nav[1]);
    put('DOMContentLoaded end', m.nav[2]);
    for (const [k, v] of m.marks) put(`mark ${k}`, v);
    if (i === RUNS - 1) console.log('long tasks (last run, start+duration ms):', m.long.map(([s, d]) => `${s.toFixed(0)}+${d.toFixed(0)}`).join(' ') || 'none');
    await context.close();
  }
  console.log(`median over ${RUNS} cold loads of ${PATH} (ms from navigation start)`);
  for (const [name, r] of [...table].sort((a, b) => med(a[1].s) - med(b[1].s))) {
    console.log(`${name.padEnd(36)} start ${med(r.s).toFixed(1).padStart(6)}  end ${med(r.e).toFixed(1).padStart(6)}  (${r.size} B)`);
  }
  for (const [k, v] of [...marks].sort((a, b) => med(a[1]) - med(b[1]))) console.log(`${k.padEnd(36)} ${med(v).toFixed(1).padStart(6)}`);
} finally {
  await browser.close();
  await server.close();
}
