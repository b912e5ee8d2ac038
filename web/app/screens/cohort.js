// SPDX-License-Identifier: MIT
// Crohn Score web app: the Cohort screen. A researcher's file (CSV in long format or patient-record
// JSON, docs/cohort.md) is read on this device and analysed by the core in a Web Worker
// (app/cohort-worker.js) with a progress bar and a Cancel button, so the page never freezes.
// Shown: the input summary, every problem row (row, column, reason), the endpoint rates per set,
// endpoint, week and arm (ITT and observed-case n/N, %, Wilson and Clopper-Pearson intervals) in a
// sortable table with the denominators' definitions, the two-arm comparisons, the per-patient
// verdicts page by page, and the exports. Every number is the core's; this file only formats.
//
// The file and the analysis are not written to storage: they live in a session object of this
// module, which survives a language switch (the screens are rebuilt) and is replaced after
// "Clear all" (a new page state), which also stops a running analysis.
import { h, replace } from '../dom.js';
import { numberField, checkGroup, checkbox } from '../fields.js';
import { requestValue, put } from '../numbers.js';
import { showErrors, renderStatus } from '../feedback.js';
import { saveFile } from '../download.js';
import { sortableTable } from '../sortable.js';
import { cohortCharts } from '../cohort-charts.js';
import { baselineSection } from '../cohort-baseline.js';

const WORKER_URL = new URL('../cohort-worker.js', import.meta.url);
/** Above this file size the per-patient verdicts are left out unless the user ticks them. */
const LARGE_FILE = 5 * 1024 * 1024;
const ISSUES_PAGE = 200;
const PATIENTS_PAGE = 25;

let session = null;

function emptyOptions() {
  return { sets: ['generic'], weeks: '', window_weeks: '', fc_below_ug_g: '', crp_below_mg_l: '',
    include_patients: true };
}

function newSession(owner) {
  return {
    owner, options: emptyOptions(), patientsTouched: false, patientsAutoOff: false,
    file: null, worker: null, runId: 0, status: 'idle', phase: '', progress: null,
    analysis: null, patients: null, exports: null, message: '', timing: null, startedAt: 0,
    sort: { summary: {}, comparisons: {}, survival: {} }, waiting: new Map(), view: null,
  };
}

/** The session of the page state `owner` (a new one after "Clear all"; the old run stops). */
function sessionFor(owner) {
  if (!session || session.owner !== owner) {
    session?.worker?.terminate();
    session = newSession(owner);
  }
  return session;
}

// ---- the worker --------------------------------------------------------------------------

function workerOf(s) {
  if (!s.worker) {
    const w = new Worker(WORKER_URL, { type: 'module', name: 'crohn-score-cohort' });
    w.addEventListener('message', (e) => onMessage(s, w, e.data || {}));
    w.addEventListener('error', (e) => {
      if (s.worker !== w) return;
      e.preventDefault();
      fail(s, e.message || 'the analysis worker stopped');
    });
    s.worker = w;
  }
  return s.worker;
}

function stopWorker(s) {
  s.worker?.terminate();
  s.worker = null;
  for (const resolve of s.waiting.values()) resolve([]);
  s.waiting.clear();
}

function start(s, request) {
  if (s.status === 'running') stopWorker(s);
  s.runId += 1;
  Object.assign(s, { status: 'running', phase: 'loading', progress: null, analysis: null, patients: null,
    exports: null, message: '', timing: null, request, startedAt: performance.now() });
  workerOf(s).postMessage({ type: 'run', id: s.runId, file: s.file, options: request });
  s.view?.update('start');
}

function cancel(s) {
  if (s.status !== 'running') return;
  stopWorker(s);
  s.status = 'cancelled';
  s.view?.update('cancel');
}

function fail(s, message) {
  stopWorker(s);
  s.status = 'failed';
  s.message = message;
  s.view?.update('failed');
}

function onMessage(s, w, m) {
  if (m.type === 'warm') performance.mark('crohn:cohort-worker-ready');
  if (w !== s.worker || m.id !== s.runId) return;
  if (m.type === 'phase') {
    s.phase = m.phase;
    s.view?.update('phase');
  } else if (m.type === 'progress') {
    s.progress = { done: m.done, total: m.total };
    s.view?.update('progress');
  } else if (m.type === 'result') {
    s.status = m.analysis?.error ? 'invalid' : 'done';
    s.analysis = m.analysis;
    s.patients = m.patients;
    s.timing = { ...m.timing, total: performance.now() - s.startedAt };
    // For bench/cohort-browser.mjs: the worker's own split of the run.
    performance.measure('crohn:cohort-run', { start: s.startedAt, end: performance.now(), detail: m.timing });
    s.view?.update('result');
  } else if (m.type === 'exports') {
    s.exports = { json: m.json, csv: m.csv };
    s.view?.update('exports');
  } else if (m.type === 'patients') {
    s.waiting.get(m.from)?.(m.list);
    s.waiting.delete(m.from);
  } else if (m.type === 'failed') {
    fail(s, m.message);
  }
}

/** Per-patient verdicts [from, from + count) of the current analysis, from the worker. */
function patientsPage(s, from, count) {
  if (!s.worker) return Promise.resolve([]);
  return new Promise((resolve) => {
    s.waiting.set(from, resolve);
    s.worker.postMessage({ type: 'patients', id: s.runId, from, count });
  });
}

// ---- the request -------------------------------------------------------------------------

/** The core's cohort options from the raw form state (typed numbers as in the other screens). */
export function cohortRequest(o, decimalComma) {
  const num = (raw) => requestValue(raw, decimalComma);
  // Weeks are separated by spaces or semicolons (and commas where the comma is not decimal).
  const weeks = String(o.weeks).split(decimalComma ? /[\s;]+/ : /[\s;,]+/).filter(Boolean).map(num);
  const req = { definition_sets: [...o.sets] };
  if (weeks.length) req.weeks = weeks;
  put(req, 'window_weeks', num(o.window_weeks));
  put(req, 'fc_below_ug_g', num(o.fc_below_ug_g));
  put(req, 'crp_below_mg_l', num(o.crp_below_mg_l));
  req.include_patients = Boolean(o.include_patients);
  return req;
}

// ---- the screen --------------------------------------------------------------------------

export function createCohort(ctx) {
  const { t } = ctx.i18n;
  const s = sessionFor(ctx.owner);
  const o = s.options;
  const lang = ctx.i18n.lang;
  const headingId = `${ctx.prefix}-title`;
  const resultId = `${ctx.prefix}-result-title`;
  const fileId = `${ctx.prefix}-file`;

  let definitions = [];
  try { definitions = ctx.engine.definitions(); } catch { definitions = []; }
  const setInfo = (id) => definitions.find((d) => d.id === id);
  const endpointInfo = (setId, epId) => setInfo(setId)?.endpoints.find((e) => e.id === epId);

  // Numbers of the core, formatted: fixed decimals rounded half-even like the CLI's printf.
  const fixed = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false, roundingMode: 'halfEven' });
  const sig4 = new Intl.NumberFormat(lang, { maximumSignificantDigits: 4, useGrouping: false, roundingMode: 'halfEven' });
  const sci = new Intl.NumberFormat(lang, { notation: 'scientific', maximumSignificantDigits: 4, roundingMode: 'halfEven' });
  const count = new Intl.NumberFormat(lang);
  const na = t('cohort.na');
  const pct = (p) => (typeof p === 'number' ? t('cohort.percent', { v: fixed.format(100 * p) }) : na);
  // Intervals of a proportion (never negative) as a range "39.8–58.4"; of a difference, which
  // may be negative, as "-1.5 to 24.3".
  const interval = (key) => (pair) => (Array.isArray(pair) && pair.length === 2 && pair.every((x) => typeof x === 'number')
    ? t(key, { low: fixed.format(100 * pair[0]), high: fixed.format(100 * pair[1]) }) : na);
  const ci = interval('cohort.range');
  const diffCi = interval('cohort.ci');
  const pval = (p) => (typeof p !== 'number' ? na : p !== 0 && p < 1e-4 ? sci.format(p) : sig4.format(p));
  const week = (w) => ctx.i18n.num(w, 2);
  const armName = (arm) => (arm === 'all' ? t('cohort.all_arms') : arm);
  const setName = (id) => (t.has(`set.${id}`) ? t(`set.${id}`) : setInfo(id)?.label || id);
  const epName = (setId, epId, label) => {
    const info = endpointInfo(setId, epId);
    return (info?.rule && t.opt(`rule.${info.rule}`)) || label || info?.label || epId;
  };
  const size = (bytes) => (bytes < 1024 * 1024
    ? new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(bytes / 1024)
    : new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / (1024 * 1024)));

  // ---- form ----
  const form = h('form', { class: 'cohort-form', novalidate: true, 'aria-labelledby': headingId,
    onsubmit: (e) => { e.preventDefault(); analyse(); } });
  const fileInput = h('input', { type: 'file', id: fileId, name: 'file', accept: '.csv,.json,.txt,text/csv,application/json',
    'aria-describedby': `${fileId}-hint ${fileId}-name`, dataset: { unbound: '' } });
  const fileName = h('p', { class: 'file-name', id: `${fileId}-name` });
  const drop = h('div', { class: 'dropzone' },
    h('label', { for: fileId }, t('cohort.file')),
    h('p', { class: 'hint', id: `${fileId}-hint` }, t('cohort.file_hint')),
    fileInput, fileName);
  const weeksField = numberField(ctx, { name: 'weeks', label: t('cohort.weeks'), hint: t('cohort.weeks_hint'), value: o.weeks, paths: ['weeks'] });
  const weeksInput = weeksField.querySelector('input');
  weeksInput.classList.remove('num');
  weeksInput.inputMode = 'text';
  weeksInput.removeAttribute('data-kind');
  const patientsNote = h('p', { class: 'hint note', hidden: true });
  const analyseButton = h('button', { type: 'submit', dataset: { action: 'analyse' } }, t('cohort.analyse'));
  form.append(
    drop,
    checkGroup(ctx, { name: 'sets', legend: t('visits.sets'), hint: t('cohort.sets_hint'), values: o.sets, paths: ['definition_sets'],
      options: definitions.map((d) => ({ value: d.id, label: `${setName(d.id)} (${t('visits.version', { v: d.version })})` })) }),
    weeksField,
    checkbox(ctx, { name: 'include_patients', label: t('cohort.include_patients'), hint: t('cohort.include_patients_hint'), checked: o.include_patients }),
    patientsNote,
    h('details', { class: 'options' },
      h('summary', {}, t('visits.options')),
      numberField(ctx, { name: 'window_weeks', label: t('visits.window_weeks'), hint: t('visits.window_weeks_hint'), value: o.window_weeks, width: 'w4' }),
      numberField(ctx, { name: 'fc_below_ug_g', label: t('visits.fc_below'), hint: t('visits.fc_below_hint'), value: o.fc_below_ug_g, width: 'w6' }),
      numberField(ctx, { name: 'crp_below_mg_l', label: t('visits.crp_below'), hint: t('visits.crp_below_hint'), value: o.crp_below_mg_l, width: 'w6' })),
    h('div', { class: 'actions' }, analyseButton));

  // ---- run status and results ----
  const statusText = h('p', { class: 'run-status', role: 'status' });
  const progressLabelId = `${ctx.prefix}-progress-label`;
  const progress = h('progress', { max: '1000', 'aria-labelledby': progressLabelId });
  const progressText = h('span', { class: 'progress-text' });
  const cancelButton = h('button', { type: 'button', class: 'danger', dataset: { action: 'cancel' }, onclick: () => {
    const focused = document.activeElement === cancelButton;
    cancel(s);
    if (focused) analyseButton.focus();
  } }, t('cohort.cancel'));
  const running = h('div', { class: 'progress-row', hidden: true },
    h('span', { id: progressLabelId, class: 'progress-label' }, t('cohort.progress')), progress, progressText, cancelButton);
  const errors = h('div', { class: 'status', hidden: true });
  const output = h('div', { class: 'cohort-output' });
  const el = h('section', { class: 'screen cohort', id: `${ctx.prefix}-screen`, dataset: { screen: 'cohort', status: s.status }, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('cohort.title')),
    h('p', { class: 'intro' }, t('cohort.intro')),
    form,
    h('section', { class: 'result wide', 'aria-labelledby': resultId },
      h('h3', { id: resultId }, t('cohort.results')), statusText, running, errors, output));

  // ---- events ----
  let timer = 0;
  const handleChange = (e) => {
    const target = e.target;
    if (target === fileInput) return;
    if (e.type === 'change' && target.type === 'text') return;
    const name = target.name;
    if (!name) return;
    if (target.type === 'checkbox' && name === 'sets') o.sets = [...form.querySelectorAll('input[name="sets"]:checked')].map((b) => b.value);
    else if (target.type === 'checkbox') o[name] = target.checked;
    else o[name] = target.value;
    if (name === 'include_patients') { s.patientsTouched = true; s.patientsAutoOff = false; showPatientsNote(); }
    // A chosen file is analysed again shortly after the options change (typing pauses).
    clearTimeout(timer);
    if (s.file) timer = setTimeout(analyse, target.type === 'text' ? 600 : 150);
  };
  form.addEventListener('input', handleChange);
  form.addEventListener('change', handleChange);
  fileInput.addEventListener('change', () => chooseFile(fileInput.files[0] || null));
  // The worker and its core start as soon as the user turns to this form, before a file is chosen.
  form.addEventListener('focusin', () => warm());
  form.addEventListener('pointerover', () => warm(), { once: true });

  for (const type of ['dragenter', 'dragover']) {
    el.addEventListener(type, (e) => {
      if (![...(e.dataTransfer?.types || [])].includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      drop.classList.add('dragging');
      warm();
    });
  }
  el.addEventListener('dragleave', (e) => { if (!el.contains(e.relatedTarget)) drop.classList.remove('dragging'); });
  el.addEventListener('drop', (e) => {
    if (!e.dataTransfer?.files?.length) return;
    e.preventDefault();
    drop.classList.remove('dragging');
    const file = e.dataTransfer.files[0];
    try { fileInput.files = e.dataTransfer.files; } catch { /* the input keeps its old text; the name is shown below */ }
    chooseFile(file);
  });

  function warm() {
    if (!s.worker) workerOf(s);
  }

  function chooseFile(file) {
    if (!file) return;
    performance.mark('crohn:cohort-file');
    s.file = file;
    if (!s.patientsTouched) {
      s.patientsAutoOff = file.size > LARGE_FILE;
      o.include_patients = !s.patientsAutoOff;
      const box = form.querySelector('input[name="include_patients"]');
      if (box) box.checked = o.include_patients;
    }
    showFile();
    showPatientsNote();
    analyse();
  }

  function analyse() {
    clearTimeout(timer);
    if (!s.file) {
      s.status = 'idle';
      update('idle');
      return;
    }
    if (!o.sets.length) {
      if (s.status === 'running') stopWorker(s);
      s.status = 'no_sets';
      update('idle');
      return;
    }
    start(s, cohortRequest(o, ctx.i18n.decimalComma));
  }

  function showFile() {
    fileName.textContent = s.file ? t('cohort.selected', { name: s.file.name, size: size(s.file.size) }) : t('cohort.no_file');
  }

  function showPatientsNote() {
    patientsNote.hidden = !s.patientsAutoOff;
    patientsNote.textContent = s.patientsAutoOff ? t('cohort.include_patients_off', { size: size(LARGE_FILE) }) : '';
  }

  // ---- rendering ----
  function update(kind) {
    el.dataset.status = s.status;
    const isRunning = s.status === 'running';
    running.hidden = !isRunning;
    if (isRunning) {
      const p = s.progress;
      if (p && p.total > 0) {
        progress.value = Math.round((1000 * p.done) / p.total);
        progressText.textContent = t('cohort.progress_value', { v: Math.floor((100 * p.done) / p.total) });
      } else {
        progress.removeAttribute('value');   // indeterminate until the core reports
        progressText.textContent = '';
      }
      if (kind !== 'progress') statusText.textContent = t(`cohort.phase.${s.phase}`, { name: s.file?.name || '' });
    }
    if (kind === 'progress' || kind === 'phase') return;
    if (kind === 'exports') { renderExports(); return; }
    showErrors(form, s.status === 'invalid' ? s.analysis : null, ctx.i18n);
    replace(errors);
    errors.hidden = true;
    if (s.status === 'idle') statusText.textContent = t('cohort.no_file');
    else if (s.status === 'no_sets') statusText.textContent = t('visits.choose_set');
    else if (s.status === 'cancelled') statusText.textContent = t('cohort.cancelled');
    else if (s.status === 'failed') statusText.textContent = t('cohort.failed', { message: s.message });
    else if (s.status === 'invalid') {
      statusText.textContent = t('cohort.fix_options');
      renderStatus(errors, showErrors(form, s.analysis, ctx.i18n), ctx.i18n);
    } else if (s.status === 'done') {
      statusText.textContent = t('cohort.done', {
        rows: count.format(s.analysis.input.rows), patients: count.format(s.analysis.input.patients),
        name: s.file?.name || '', seconds: ctx.i18n.num(s.timing.total / 1000, 2),
      });
    }
    if (s.status === 'done') {
      const t0 = performance.now();
      renderResults();
      performance.measure('crohn:cohort-render', { start: t0, end: performance.now() });
    } else replace(output);
    if (kind === 'result') {
      // Marked once the results have been painted (the frame after the DOM update).
      requestAnimationFrame(() => setTimeout(() => performance.mark('crohn:cohort-rendered'), 0));
    }
  }

  let exportBox = null;
  function renderResults() {
    const a = s.analysis;
    exportBox = h('div', { class: 'exports' });
    replace(output,
      exportBox,
      renderInput(a),
      renderIssues(a),
      // The descriptive table (app/cohort-baseline.js), before the endpoints, as in a paper.
      baselineSection(ctx, a, { armName, week, count: (v) => count.format(v), prefix: ctx.prefix }),
      renderSummary(a),
      a.comparisons?.length ? renderComparisons(a) : null,
      a.survival?.length ? renderSurvival(a) : null,
      // The pictures (app/cohort-charts.js): drawn from the same numbers, formatted the same way.
      cohortCharts(ctx, a, { setName, epName, armName, pct, ci, diffCi, week, na, count: (v) => count.format(v), fixed: (v) => fixed.format(v) },
        (s.file?.name || 'cohort').replace(/\.[^.]*$/, '') || 'cohort'),
      renderPatients());
    renderExports();
  }

  function section(key, title, ...content) {
    const id = `${ctx.prefix}-${key}-title`;
    return h('section', { class: `cohort-part ${key}`, 'aria-labelledby': id, dataset: { part: key } }, h('h4', { id }, title), ...content);
  }

  function renderExports() {
    if (!exportBox) return;
    const e = s.exports;
    const base = (s.file?.name || 'cohort').replace(/\.[^.]*$/, '') || 'cohort';
    const csvButton = h('button', { type: 'button', class: 'small', dataset: { action: 'export-csv' }, disabled: !e?.csv,
      onclick: () => saveFile(`${base}-summary.csv`, e.csv, 'text/csv') }, t('cohort.export_csv'));
    const jsonButton = h('button', { type: 'button', class: 'small', dataset: { action: 'export-json' }, disabled: !e,
      onclick: () => saveFile(`${base}-cohort.json`, e.json, 'application/json') }, t('cohort.export_json'));
    const focused = exportBox.contains(document.activeElement) ? document.activeElement.dataset.action : null;
    replace(exportBox,
      h('span', { class: 'exports-label' }, t('cohort.export')), csvButton, jsonButton,
      !e ? h('span', { class: 'hint' }, t('cohort.export_preparing')) : null);
    if (focused) exportBox.querySelector(`[data-action="${focused}"]`)?.focus();
  }

  function renderInput(a) {
    const i = a.input;
    const row = (label, value, attrs = {}) => [h('dt', {}, label), h('dd', attrs, value)];
    const csv = i.columns.length > 0;
    return section('input', t('cohort.input'),
      h('dl', { class: 'facts' },
        s.file ? row(t('cohort.file_short'), t('cohort.selected', { name: s.file.name, size: size(s.file.size) })) : null,
        row(t('cohort.rows'), count.format(i.rows)),
        row(t('cohort.patients'), count.format(i.patients)),
        csv ? row(t('cohort.delimiter'), t(i.delimiter === ';' ? 'cohort.semicolon' : 'cohort.comma')) : null,
        csv ? row(t('cohort.decimal'), t(i.decimal_comma ? 'cohort.decimal_comma' : 'cohort.decimal_point')) : null,
        csv ? row(t('cohort.columns'), i.columns.join(', '), { class: 'columns' }) : null,
        row(t('cohort.unknown_columns'), i.unknown_columns.length ? i.unknown_columns.join(', ') : t('cohort.none'), { dataset: { unknown: String(i.unknown_columns.length) } }),
        row(t('cohort.window'), t('cohort.window_value', { w: week(a.options.window_weeks) })),
        row(t('cohort.definition_sets'), h('ul', { class: 'plain' }, a.definition_sets.map((d) => h('li', {},
          `${setName(d.id)} (${t('visits.version', { v: d.version })}) `, h('span', { class: 'citation', lang: 'en' }, d.citation)))))));
  }

  function renderIssues(a) {
    const list = a.issues;
    const body = h('tbody');
    const shown = h('p', { class: 'shown-count', role: 'status' });
    const more = h('button', { type: 'button', class: 'small', dataset: { action: 'more-issues' } });
    let n = 0;
    const addPage = () => {
      const next = list.slice(n, n + ISSUES_PAGE);
      body.append(...next.map((x) => h('tr', { dataset: { row: String(x.row), column: x.column, error: x.error, effect: x.effect } },
        h('td', { class: 'num' }, x.row ? String(x.row) : '–'),
        h('td', {}, x.patient_id || '–'),
        h('td', {}, x.column ? h('code', {}, x.column) : '–'),
        h('td', {}, h('span', { class: 'code' }, t.opt(`cohort.code.${x.error}`) || x.error), ' ', h('span', { class: 'detail', lang: 'en' }, x.message)))));
      n += next.length;
      shown.textContent = t('cohort.showing', { from: 1, to: count.format(n), total: count.format(list.length) });
      more.textContent = t('cohort.show_more', { n: count.format(Math.min(ISSUES_PAGE, list.length - n)) });
      more.hidden = n >= list.length;
    };
    more.addEventListener('click', () => {
      addPage();
      // The button goes away after the last page: keep the focus in the list.
      if (more.hidden) body.closest('.table-wrap').focus();
    });
    if (!list.length) return section('issues', t('cohort.issues', { n: 0 }), h('p', {}, t('cohort.issues_none')));
    addPage();
    const titleId = `${ctx.prefix}-issues-table`;
    return section('issues', t('cohort.issues', { n: count.format(list.length) }),
      h('p', {}, t('cohort.issues_intro')),
      h('div', { class: 'table-wrap scroll', role: 'region', tabindex: '0', 'aria-labelledby': titleId },
        h('table', { class: 'data issues' },
          h('caption', { id: titleId }, t('cohort.issues_caption')),
          h('thead', {}, h('tr', {}, [t('cohort.row'), t('cohort.patient'), t('cohort.column'), t('cohort.reason')].map((x) => h('th', { scope: 'col' }, x)))),
          body)),
      shown, more);
  }

  function renderSummary(a) {
    const rate = (p) => t('cohort.rate', { nN: `${p.n}/${p.N}`, p: pct(p.proportion) });
    // The set column only when there is more than one set (the set is named above otherwise).
    const columns = [
      a.definition_sets.length > 1 ? { key: 'set', label: t('cohort.set'), sort: (r) => setName(r.set), cell: (r) => setName(r.set) } : null,
      { key: 'endpoint', label: t('cohort.endpoint'), rowHeader: true, className: 'ep', sort: (r) => epName(r.set, r.endpoint, r.label), cell: (r) => epName(r.set, r.endpoint, r.label) },
      { key: 'week', label: t('cohort.week'), className: 'num', sort: (r) => r.week, cell: (r) => week(r.week) },
      { key: 'arm', label: t('cohort.arm'), sort: (r) => armName(r.arm), cell: (r) => armName(r.arm) },
    ].filter(Boolean);
    // The counts behind the two denominators first: with the grouped columns after them, the
    // header buttons are in the same order for the keyboard as on screen.
    // The endpoint's population as the core names it (docs/cohort.md "Populations"): its kind in
    // words, the core's condition or measures as they are; the patients outside it beside.
    const population = (r) => {
      const id = r.population || 'all';
      if (id.startsWith('baseline:')) return t('cohort.population_baseline', { condition: id.slice('baseline:'.length) });
      if (id.startsWith('measured_at_baseline_and_visit:')) {
        return t('cohort.population_measured', { measures: id.slice('measured_at_baseline_and_visit:'.length).split('+').join(', ') });
      }
      if (id.startsWith('on_therapy_at_week:')) return t('cohort.population_on_therapy', { week: week(Number(id.slice('on_therapy_at_week:'.length))) });
      return id === 'all' ? t('cohort.population_all') : id;
    };
    columns.push({ key: 'population', label: t('cohort.population'), className: 'population', sort: population, cell: population });
    columns.push({ key: 'not_eligible', label: t('cohort.not_eligible'), className: 'num', sort: (r) => r.not_eligible, cell: (r) => String(r.not_eligible) });
    for (const k of ['not_evaluable', 'no_visit', 'discontinued']) {
      columns.push({ key: k, label: t(`cohort.${k}`), className: 'num', sort: (r) => r[k], cell: (r) => String(r[k]) });
    }
    for (const d of ['itt', 'observed']) {
      const group = t(`cohort.${d}`);
      columns.push(
        { key: `${d}_rate`, group, label: t('cohort.n_of_N'), className: 'num rate', sort: (r) => r[d].proportion, cell: (r) => rate(r[d]) },
        { key: `${d}_wilson`, group, label: t('cohort.wilson'), className: 'num ci', cell: (r) => ci(r[d].wilson_95) },
        { key: `${d}_exact`, group, label: t('cohort.exact'), className: 'num ci', cell: (r) => ci(r[d].clopper_pearson_95) });
    }
    const captionId = `${ctx.prefix}-summary-caption`;
    const table = sortableTable({ caption: t('cohort.summary_caption'), columns, rows: a.summary, className: 'data summary', state: s.sort.summary,
      rowData: (r) => ({ set: r.set, endpoint: r.endpoint, week: String(r.week), arm: r.arm }) });
    table.querySelector('caption').id = captionId;
    return section('summary', t('cohort.summary'),
      h('dl', { class: 'denominators' },
        h('dt', {}, t('cohort.itt_long')), h('dd', { lang: 'en' }, a.denominators.itt),
        h('dt', {}, t('cohort.observed_long')), h('dd', { lang: 'en' }, a.denominators.observed)),
      a.summary.length ? h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': captionId }, table)
        : h('p', {}, t('cohort.no_rates')),
      renderDefinitions(a));
  }

  function renderDefinitions(a) {
    const seen = new Set();
    const items = [];
    for (const r of a.summary) {
      const key = `${r.set}|${r.endpoint}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const info = endpointInfo(r.set, r.endpoint);
      items.push(h('li', {}, h('strong', {}, epName(r.set, r.endpoint, r.label)), ` (${setName(r.set)}): `,
        info ? h('span', { lang: 'en' }, `${info.definition}. ${info.citation}`) : h('span', { lang: 'en' }, r.label)));
    }
    if (!items.length) return null;
    return h('details', { class: 'notes' }, h('summary', {}, t('cohort.endpoint_definitions')), h('ul', {}, items));
  }

  function renderComparisons(a) {
    const stratified = a.comparisons.some((c) => c.itt.mantel_haenszel);
    const columns = [
      a.definition_sets.length > 1 ? { key: 'set', label: t('cohort.set'), sort: (c) => setName(c.set), cell: (c) => setName(c.set) } : null,
      { key: 'endpoint', label: t('cohort.endpoint'), rowHeader: true, className: 'ep', sort: (c) => epName(c.set, c.endpoint), cell: (c) => epName(c.set, c.endpoint) },
      { key: 'week', label: t('cohort.week'), className: 'num', sort: (c) => c.week, cell: (c) => week(c.week) },
    ].filter(Boolean);
    for (const d of ['itt', 'observed']) {
      const group = t(`cohort.${d}`);
      columns.push(
        { key: `${d}_diff`, group, label: t('cohort.unadjusted_difference'), className: 'num', sort: (c) => c[d].difference,
          cell: (c) => (typeof c[d].difference === 'number' ? fixed.format(100 * c[d].difference) : na) },
        { key: `${d}_newcombe`, group, label: t('cohort.newcombe'), className: 'num ci', cell: (c) => diffCi(c[d].newcombe_95) },
        { key: `${d}_chi`, group, label: t('cohort.chi2_p'), className: 'num', sort: (c) => c[d].chi_square_p, cell: (c) => pval(c[d].chi_square_p) },
        { key: `${d}_fisher`, group, label: t('cohort.fisher_p'), className: 'num', sort: (c) => c[d].fisher_exact_p, cell: (c) => pval(c[d].fisher_exact_p) });
      // With a stratum column: the core's Mantel-Haenszel difference (Sato interval) and CMH test.
      if (stratified) {
        const mh = (c) => c[d].mantel_haenszel;
        columns.push(
          { key: `${d}_mh`, group, label: t('cohort.mh_difference'), className: 'num', sort: (c) => mh(c)?.risk_difference,
            cell: (c) => (typeof mh(c)?.risk_difference === 'number' ? fixed.format(100 * mh(c).risk_difference) : na) },
          { key: `${d}_sato`, group, label: t('cohort.sato_ci'), className: 'num ci', cell: (c) => diffCi(mh(c)?.sato_95) },
          { key: `${d}_cmh`, group, label: t('cohort.cmh_p'), className: 'num', sort: (c) => mh(c)?.cmh_p, cell: (c) => pval(mh(c)?.cmh_p) });
      }
    }
    const captionId = `${ctx.prefix}-comparisons-caption`;
    // Comparisons exist only with exactly two arms: the same pair on every row.
    const [first, second] = a.comparisons[0].arms;
    const table = sortableTable({ caption: t('cohort.comparisons_caption', { a: first, b: second }), columns, rows: a.comparisons, className: 'data comparisons', state: s.sort.comparisons,
      rowData: (c) => ({ set: c.set, endpoint: c.endpoint, week: String(c.week) }) });
    table.querySelector('caption').id = captionId;
    return section('comparisons', t('cohort.comparisons'),
      h('p', { class: 'hint' }, t('cohort.comparisons_note')),
      stratified ? h('p', { class: 'hint' }, t('cohort.stratified_note', { n: count.format(a.strata.length) })) : null,
      h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': captionId }, table));
  }

  // Drug survival by Kaplan-Meier: the core's rows at each reported week (the curve itself is in
  // the analysis' survival_curves).
  function renderSurvival(a) {
    const columns = [
      a.definition_sets.length > 1 ? { key: 'set', label: t('cohort.set'), sort: (r) => setName(r.set), cell: (r) => setName(r.set) } : null,
      { key: 'endpoint', label: t('cohort.endpoint'), rowHeader: true, className: 'ep', sort: (r) => epName(r.set, r.endpoint), cell: (r) => epName(r.set, r.endpoint) },
      { key: 'arm', label: t('cohort.arm'), sort: (r) => armName(r.arm), cell: (r) => armName(r.arm) },
      { key: 'week', label: t('cohort.week'), className: 'num', sort: (r) => r.week, cell: (r) => week(r.week) },
      { key: 'estimate', label: t('cohort.km_estimate'), className: 'num', sort: (r) => r.estimate, cell: (r) => pct(r.estimate) },
      { key: 'ci95', label: t('cohort.km_ci'), className: 'num ci', cell: (r) => ci(r.ci95) },
      { key: 'at_risk', label: t('cohort.at_risk'), className: 'num', sort: (r) => r.at_risk, cell: (r) => count.format(r.at_risk) },
      { key: 'events', label: t('cohort.km_events'), className: 'num', sort: (r) => r.events, cell: (r) => count.format(r.events) },
      { key: 'censored', label: t('cohort.km_censored'), className: 'num', sort: (r) => r.censored, cell: (r) => count.format(r.censored) },
    ].filter(Boolean);
    const captionId = `${ctx.prefix}-survival-caption`;
    const table = sortableTable({ caption: t('cohort.survival_caption'), columns, rows: a.survival, className: 'data survival', state: s.sort.survival,
      rowData: (r) => ({ set: r.set, endpoint: r.endpoint, week: String(r.week), arm: r.arm }) });
    table.querySelector('caption').id = captionId;
    return section('survival', t('cohort.survival'),
      h('p', { class: 'hint' }, t('cohort.survival_note')),
      h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': captionId }, table));
  }

  function renderPatients() {
    if (s.patients === null) return section('patients', t('cohort.per_patient'), h('p', {}, t('cohort.patients_not_included')));
    const total = s.patients;
    const body = h('tbody');
    const shown = h('p', { class: 'shown-count', role: 'status' });
    const more = h('button', { type: 'button', class: 'small', dataset: { action: 'more-patients' } });
    const captionId = `${ctx.prefix}-patients-caption`;
    let n = 0;
    // The verdict as the study counts it (the core's study_verdict: its failure rule applied,
    // docs/cohort.md "Failure rule"); the rule's own verdict is said beside it when they differ.
    const verdictName = (x) => t(x === 'no_visit' ? 'cohort.no_visit_verdict' : `verdict.${x}`);
    const verdictCell = (v) => {
      const x = v.study_verdict ?? v.verdict;
      return h('span', { class: `verdict-badge ${x === 'no_visit' ? 'not_evaluable' : x}` },
        h('span', { class: 'icon', 'aria-hidden': 'true' }, x === 'achieved' ? '✓' : x === 'not_achieved' ? '✗' : x === 'no_visit' ? '–' : '?'),
        ' ', verdictName(x));
    };
    let busy = false;
    const load = async () => {
      if (busy) return;
      busy = true;
      const list = await patientsPage(s, n, PATIENTS_PAGE);
      for (const p of list) {
        p.verdicts.forEach((v, k) => body.append(h('tr', { class: k === 0 ? 'first' : null, dataset: { patient: p.patient_id ?? '', endpoint: v.endpoint, verdict: v.study_verdict ?? v.verdict, ruleVerdict: v.verdict } },
          h('th', { scope: 'row' }, p.patient_id ?? '–'),
          h('td', {}, p.arm ?? '–'),
          h('td', {}, setName(v.set)),
          h('td', {}, epName(v.set, v.endpoint)),
          h('td', { class: 'num' }, week(v.week)),
          h('td', {}, verdictCell(v)),
          h('td', {}, [
            v.visit_week !== null && v.visit_week !== undefined ? t('cohort.visit_at', { w: week(v.visit_week) }) : null,
            v.missing?.length ? `${t('visits.missing_short')} ${v.missing.map((x) => t.opt(`need.${x}`) || x).join(', ')}` : null,
            v.discontinued ? t('cohort.discontinued_yes') : null,
            v.failure_rule ? t('cohort.failure_rule_applied', { verdict: verdictName(v.verdict) }) : null,
          ].filter(Boolean).join('; ')))));
      }
      n += list.length;
      shown.textContent = t('cohort.showing_patients', { to: count.format(n), total: count.format(total) });
      more.textContent = t('cohort.show_more_patients', { n: count.format(Math.min(PATIENTS_PAGE, total - n)) });
      more.hidden = n >= total || !list.length;
      busy = false;
    };
    more.addEventListener('click', async () => {
      await load();
      if (more.hidden) body.closest('.table-wrap').focus();
    });
    const details = h('details', { class: 'notes patients' },
      h('summary', {}, t('cohort.per_patient_open', { n: count.format(total) })),
      h('div', { class: 'table-wrap scroll', role: 'region', tabindex: '0', 'aria-labelledby': captionId },
        h('table', { class: 'data patients' },
          h('caption', { id: captionId }, t('cohort.patients_caption')),
          h('thead', {}, h('tr', {}, [t('cohort.patient'), t('cohort.arm'), t('cohort.set'), t('cohort.endpoint'), t('cohort.week'), t('cohort.verdict'), t('cohort.visit')]
            .map((x) => h('th', { scope: 'col' }, x)))),
          body)),
      shown, more);
    details.addEventListener('toggle', () => { if (details.open && n === 0 && total > 0) load(); });
    return section('patients', t('cohort.per_patient'), details);
  }

  // ---- the screen object ----
  const screen = {
    id: 'cohort', instrument: 'cohort', el, last: null,
    recompute() {
      s.view = screen;
      showFile();
      showPatientsNote();
      update('restore');
      return null;
    },
    update,
    note() { return null; },
    announcement() { return ''; },
  };
  s.view = screen;
  if (s.file) {
    // A rebuilt screen (language switch) shows the chosen file in its input again.
    try {
      const dt = new DataTransfer();
      dt.items.add(s.file);
      fileInput.files = dt.files;
    } catch { /* the name is shown below the input */ }
  }
  return screen;
}
