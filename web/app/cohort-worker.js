// SPDX-License-Identifier: MIT
// Crohn Score web app: the cohort analysis off the page's thread. A module Web Worker with its
// own instance of the core (web/crohn-score.js): it reads the chosen file (File API, nothing is
// uploaded), runs the core's cohort analysis, reports the core's progress, and answers with the
// core's JSON. The per-patient verdicts stay here and are sent page by page on request, so a
// large cohort never crosses to the page in one piece. The page cancels a run by terminating
// the worker (a call into the core cannot be interrupted).
//
// Messages in:  {type: 'run', id, file, options}, {type: 'patients', id, from, count}
// Messages out: {type: 'warm'} (core loaded), {type: 'phase', id, phase}, {type: 'progress', id, done, total},
//               {type: 'result', id, analysis, patients, timing}, {type: 'exports', id, json, csv},
//               {type: 'patients', id, from, list}, {type: 'failed', id, message}
import { loadCrohnScore } from '../crohn-score.js';

let last = { id: 0, patients: [] };

const now = () => performance.now();

// The core is loaded as soon as the worker starts (the page starts it before a file is chosen).
const ready = loadCrohnScore();
ready.then(() => self.postMessage({ type: 'warm' }), () => {});  // a failure is reported by the run that needs it

async function run({ id, file, options }) {
  const t0 = now();
  self.postMessage({ type: 'phase', id, phase: 'loading' });
  const core = await ready;
  const t1 = now();
  self.postMessage({ type: 'phase', id, phase: 'reading' });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const t2 = now();
  self.postMessage({ type: 'phase', id, phase: 'analysing' });
  let lastPost = 0;
  const onProgress = (done, total) => {
    const t = now();
    if (done < total && t - lastPost < 40) return;
    lastPost = t;
    self.postMessage({ type: 'progress', id, done, total });
  };
  // The summary CSV (`--format csv` of the CLI) is made by the core beside the analysis.
  const request = { ...options, summary_csv: true };
  const response = await core.cohort(bytes, request, { onProgress });
  const t3 = now();
  if (!response || response.error) {
    last = { id, patients: [] };
    self.postMessage({ type: 'result', id, analysis: response, patients: null, timing: { load: t1 - t0, read: t2 - t1, analyse: t3 - t2 } });
    return;
  }
  const { summary_csv: summaryCsv, ...everything } = response;
  const { patients = [], ...analysis } = everything;
  last = { id, patients };
  self.postMessage({
    type: 'result', id, analysis, patients: options.include_patients === false ? null : patients.length,
    timing: { load: t1 - t0, read: t2 - t1, analyse: t3 - t2, bytes: bytes.byteLength },
  });
  // The exports after the results are on screen: the JSON is everything the core returned (the
  // summary CSV text is the CSV export instead).
  const json = new Blob([JSON.stringify(everything, null, 2), '\n'], { type: 'application/json' });
  self.postMessage({
    type: 'exports', id, json,
    csv: new Blob([summaryCsv], { type: 'text/csv' }),
  });
}

self.addEventListener('message', (e) => {
  const m = e.data || {};
  if (m.type === 'run') {
    run(m).catch((err) => self.postMessage({ type: 'failed', id: m.id, message: String(err?.message || err) }));
  } else if (m.type === 'patients') {
    const list = m.id === last.id ? last.patients.slice(m.from, m.from + m.count) : [];
    self.postMessage({ type: 'patients', id: m.id, from: m.from, list });
  }
});
