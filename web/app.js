// SPDX-License-Identifier: MIT
// Crohn Score web app: the page. Loads the core (WebAssembly, web/crohn-score.js) and the message
// catalog, builds the screens, recomputes through the core on every input, keeps the in-progress
// form in sessionStorage, offers "Copy note", print and "Clear all", and talks to the service
// worker (offline + update banner) or, in iframe mode, to an allow-listed parent window.
// Only what the first verdict needs is imported up front; the other screens, the service worker's
// page side and the iframe channel are imported when needed (see index.html's modulepreloads).
import { loadCrohnScore } from './crohn-score.js';
import { compiledCore } from './boot.js';
import { h, replace } from './app/dom.js';
import { LANGUAGES, browserLanguage, loadI18n, supported } from './app/i18n.js';
import { loadState, saveState, clearState, emptyState, isEmpty } from './app/state.js';
import { buildScreen, loadScreen, screenLoaded, SCREENS } from './app/screens.js';
import { buildNote, buildPrint, copyText } from './app/note.js';

performance.mark('crohn:start');
const BASE = new URL('./', import.meta.url);
const params = new URLSearchParams(location.search);
const EMBED = params.get('embed') === '1';
const LANG_KEY = 'crohn-score:lang';
const HASHES = { hbi: 'hbi', cdai: 'cdai', 'ses-cd': 'ses_cd', rutgeerts: 'rutgeerts', cdeis: 'cdeis', maria: 'maria',
  smaria: 'smaria', pdai: 'pdai', 'ibd-control': 'ibd_control', pcdai: 'pcdai', visits: 'visits', cohort: 'cohort' };
const HASH_OF = Object.fromEntries(Object.entries(HASHES).map(([k, v]) => [v, k]));

const $ = (id) => document.getElementById(id);
const storage = (() => { try { return window.sessionStorage; } catch { return null; } })();

const app = {
  core: null, i18n: null, state: null, screens: new Map(), slots: new Map(), current: 'hbi',
  saveTimer: 0, restTimer: 0, generation: 0,
  channel: null, sw: null, firstVerdict: false, announceTimer: 0, updateReady: false,
};

/** On a phone the navigation is one row that scrolls sideways: brings link `a` into that row's view. */
function revealInNav(a) {
  const row = a.closest('ul');
  if (!row || row.scrollWidth <= row.clientWidth) return;
  const r = a.getBoundingClientRect();
  const box = row.getBoundingClientRect();
  if (r.left < box.left) row.scrollLeft -= box.left - r.left + 16;
  else if (r.right > box.right) row.scrollLeft += r.right - box.right + 16;
}

function storedLanguage() {
  try { return supported(localStorage.getItem(LANG_KEY)); } catch { return null; }
}
function rememberLanguage(lang) {
  try { localStorage.setItem(LANG_KEY, lang); } catch { /* storage disabled by policy */ }
}

function screenFromLocation() {
  const hash = location.hash.replace(/^#/, '');
  if (HASHES[hash]) return HASHES[hash];
  const q = params.get('screen');
  if (q && SCREENS.some((s) => s.id === q)) return q;
  return 'hbi';
}

const hooks = {
  result(instrument, inputs, response) {
    if (!app.firstVerdict && response && !response.error) {
      app.firstVerdict = true;
      performance.mark('crohn:first-verdict');
    }
    app.channel?.post({ type: 'crohn-score-result', instrument, inputs, result: response });
  },
  changed() {
    scheduleSave();
    scheduleAnnouncement();
  },
  notify,
};

function notify(text) {
  const el = $('notice');
  el.textContent = '';
  // A fresh text node so screen readers announce a repeated message too.
  requestAnimationFrame(() => { el.textContent = text; });
}

// The form is written to sessionStorage shortly after typing stops (off the keystroke path), and
// at once when the page is hidden or unloaded (a reload, a closed tab).
function scheduleSave() {
  clearTimeout(app.saveTimer);
  app.saveTimer = setTimeout(saveNow, 300);
}
function saveNow() {
  clearTimeout(app.saveTimer);
  if (app.state) saveState(storage, app.state);
}

function scheduleAnnouncement() {
  clearTimeout(app.announceTimer);
  app.announceTimer = setTimeout(() => {
    const s = app.screens.get(app.current);
    const text = s?.announcement() || '';
    const live = $('live');
    if (live.textContent !== text) live.textContent = text;
  }, 600);
}

function buildChrome() {
  const { t } = app.i18n;
  document.documentElement.lang = app.i18n.lang;
  document.title = t('app.title');
  $('skip').textContent = t('app.skip');

  const langSelect = h('select', { id: 'lang' },
    LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === app.i18n.lang }, l.name)));
  langSelect.addEventListener('change', () => switchLanguage(langSelect.value));
  replace($('tools'),
    h('div', { class: 'lang' }, h('label', { for: 'lang' }, t('app.language')), langSelect),
    h('div', { class: 'patient' },
      h('label', { for: 'patient-label' }, t('app.patient_label')),
      h('input', { id: 'patient-label', type: 'text', autocomplete: 'off', spellcheck: 'false',
        value: (() => { try { return storage?.getItem(LABEL_KEY) || ''; } catch { return ''; } })(),
        oninput: (e) => { try { storage?.setItem(LABEL_KEY, e.target.value); } catch { /* disabled by policy */ } } })),
    h('button', { type: 'button', id: 'copy-note', onclick: () => copyNote() }, t('app.copy_note')),
    h('button', { type: 'button', id: 'print', onclick: () => printNote() }, t('app.print')),
    h('button', { type: 'button', id: 'clear-all', class: 'danger', onclick: askClear }, t('app.clear_all')));
  $('app-name').textContent = t('app.name');
  $('tagline').textContent = t('app.tagline');

  replace($('nav'), h('ul', {}, SCREENS.map((s) => h('li', {},
    h('a', { href: `#${HASH_OF[s.id]}`, 'aria-current': s.id === app.current ? 'page' : null, dataset: { screen: s.id } }, t(`nav.${s.id}`))))));
  $('nav').setAttribute('aria-label', t('app.screens'));

  replace($('footer'),
    h('p', {}, t('app.privacy')),
    h('p', {}, t('app.disclaimer')),
    h('p', { class: 'version' }, t('app.version', { v: app.core.version, api: app.core.apiVersion })));

  const dialog = $('clear-dialog');
  replace(dialog,
    h('form', { method: 'dialog' },
      h('h2', { id: 'clear-title' }, t('clear.title')),
      h('p', {}, t('clear.text')),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', value: 'cancel' }, t('clear.cancel')),
        h('button', { type: 'submit', value: 'erase', class: 'danger', id: 'clear-confirm' }, t('clear.erase')))));
  dialog.setAttribute('aria-labelledby', 'clear-title');
  if (app.updateReady) showUpdateBanner();
}

// The screen on display is built and computed first (the first verdict); the others are imported
// in the background and built one per task (so a keystroke never waits behind all of them), or at
// once when they are needed (navigation, note, print).
function buildMain() {
  clearTimeout(app.restTimer);
  app.generation += 1;
  app.screens = new Map();
  app.slots = new Map(SCREENS.map((s) => [s.id, h('div', { class: 'slot', dataset: { slot: s.id } })]));
  replace($('main'), [...app.slots.values()]);
  show(app.current, false);
  app.restTimer = setTimeout(buildRest, 0);
}

async function buildRest() {
  const generation = app.generation;
  const rest = SCREENS.map((s) => s.id).filter((id) => !app.screens.has(id));
  // Imported together; a module that fails (offline before caching) is built when shown.
  const loaded = rest.map((id) => loadScreen(id).then(() => true, () => false));
  for (const [i, id] of rest.entries()) {
    if (!(await loaded[i])) continue;
    await new Promise((ok) => { app.restTimer = setTimeout(ok, 0); });  // one screen per task
    if (generation !== app.generation) return;
    ensureScreen(id);
  }
}

/** Builds screen `id` if its module has loaded; returns it, or null while it is loading. */
function ensureScreen(id) {
  if (app.screens.has(id)) return app.screens.get(id);
  if (!screenLoaded(id, app.core)) return null;
  const screen = buildScreen(id, {
    core: app.core, i18n: app.i18n, state: app.state, prefix: 'app', hooks, registry: app.screens,
  });
  screen.el.hidden = id !== app.current;
  app.slots.get(id).replaceWith(screen.el);
  screen.recompute();
  return screen;
}

async function show(id, focus) {
  const shown = app.current;
  app.current = id;  // the latest choice wins while a module is on its way
  if (!screenLoaded(id, app.core)) {
    const generation = app.generation;
    try {
      await loadScreen(id, app.core);
    } catch (e) {
      if (app.current === id) {
        // The screen on display stays current, and so does the address, so that choosing the
        // failed screen again is a change of hash and retries.
        app.current = shown;
        history.replaceState(null, '', `#${HASH_OF[shown]}`);
      }
      notify(app.i18n.t('app.screen_failed'));
      return;
    }
    if (app.current !== id || generation !== app.generation) return;  // the user moved on
  }
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.screen === id) {
      a.setAttribute('aria-current', 'page');
      revealInNav(a);
    } else {
      a.removeAttribute('aria-current');
    }
  }
  ensureScreen(id);
  for (const [sid, s] of app.screens) s.el.hidden = sid !== id;
  const heading = app.screens.get(id)?.el.querySelector('h2');
  if (focus && heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
  const live = $('live');
  live.textContent = '';
}

async function switchLanguage(lang) {
  app.i18n = await loadI18n(lang, BASE);
  // A notice was worded in the language before ("All entries were erased."): every visible text
  // is in the chosen language, so it goes (it was announced when it was shown).
  $('notice').textContent = '';
  replace($('note-choice'));
  $('note-choice').hidden = true;
  rememberLanguage(app.i18n.lang);
  buildChrome();
  buildMain();
  $('lang').focus();
}

// The note and the printout hold the screen on display only: one patient at a time (results left
// on another screen may be another patient's). The patient label is kept in this tab only.
const LABEL_KEY = 'crohn-score:label';

function patientLabel() {
  return ($('patient-label')?.value || '').trim();
}

/** The screens the note and the printout hold: the one on display, and the others the user chose. */
function noteScreens(extra = []) {
  ensureScreen(app.current);
  return [app.current, ...extra.filter((id) => id !== app.current)]
    .map((id) => ({ id, screen: app.screens.get(id) }));
}

function noteMeta() {
  return { version: app.core.version, apiVersion: app.core.apiVersion, label: patientLabel() };
}

function currentNote(extra) {
  return buildNote(noteScreens(extra), app.i18n, noteMeta());
}

function updatePrintNote(extra) {
  const text = currentNote(extra);
  replace($('print-note'), buildPrint(noteScreens(extra), app.i18n, noteMeta(), text, h));
  return text;
}

/**
 * The other screens that hold a complete result (offered, never added by default: they may be
 * another patient's).
 */
function otherComplete() {
  return [...app.screens.entries()]
    .filter(([id, screen]) => id !== app.current && screen?.note && screen.note())
    .map(([id]) => id);
}

/** After a copy or a print: the other complete screens, each a choice the user can add. */
function offerOthers(action, done) {
  const others = otherComplete();
  const { t } = app.i18n;
  const names = others.map((id) => t(`nav.${id}`)).join(', ');
  notify(others.length ? `${done} ${t('note.others', { names })}` : done);
  const box = $('note-choice');
  if (!others.length) { replace(box); box.hidden = true; return; }
  box.hidden = false;
  replace(box, h('button', { type: 'button', class: 'small', dataset: { action: `${action}-with-others` },
    onclick: async () => {
      replace(box); box.hidden = true;
      if (action === 'copy') await copyNote(others);
      else await printNote(others);
    } }, t(action === 'copy' ? 'note.copy_with' : 'note.print_with', { names: [t(`nav.${app.current}`), ...others.map((id) => t(`nav.${id}`))].join(' + ') })));
}

async function printNote(extra) {
  app.printExtra = extra;
  updatePrintNote(extra);
  window.print();
  app.printExtra = undefined;
  if (!extra) offerOthers('print', app.i18n.t('app.printed'));
}

async function copyNote(extra) {
  const text = updatePrintNote(extra);
  const ok = await copyText(text);
  if (ok && !extra) offerOthers('copy', app.i18n.t('app.note_copied'));
  else notify(ok ? app.i18n.t('app.note_copied') : app.i18n.t('app.note_copy_failed'));
  if (!ok) {
    const pre = $('print-note').querySelector('.note-text');
    $('print-note').classList.add('shown');
    const range = document.createRange();
    range.selectNodeContents(pre);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }
}

function askClear() {
  const dialog = $('clear-dialog');
  dialog.returnValue = '';
  dialog.showModal();
}

function clearAll() {
  clearTimeout(app.saveTimer);
  clearState(storage);
  try { storage?.removeItem(LABEL_KEY); } catch { /* disabled by policy */ }
  if ($('patient-label')) $('patient-label').value = '';
  app.state = emptyState();
  buildMain();
  replace($('print-note'));
  $('print-note').classList.remove('shown');
  replace($('note-choice'));
  $('note-choice').hidden = true;
  notify(app.i18n.t('app.cleared'));
  $('clear-all').focus();
}

function showUpdateBanner() {
  const { t } = app.i18n;
  const banner = $('banner');
  replace(banner,
    h('p', {}, t('update.text'), ' ', isEmpty(app.state) ? '' : t('update.kept')),
    h('button', { type: 'button', id: 'update-reload', onclick: () => app.sw?.applyUpdate() }, t('update.reload')));
  banner.hidden = false;
}

async function main() {
  const lang = supported(params.get('lang')) || storedLanguage() || browserLanguage();
  app.current = screenFromLocation();
  // The core compiled by boot.js while this module loaded; if that failed, loaded afresh.
  const corePromise = compiledCore.then((wasmModule) => loadCrohnScore({ wasmModule }), () => loadCrohnScore());
  const [core, i18n, channel] = await Promise.all([
    corePromise,
    loadI18n(lang, BASE),
    EMBED ? import('./app/embed.js').then((m) => m.embedChannel(params, BASE)) : null,
    loadScreen(app.current, corePromise),
  ]);
  app.core = core;
  app.i18n = i18n;
  app.channel = channel;
  app.state = loadState(storage);
  if (EMBED) document.body.classList.add('embed');
  buildChrome();
  buildMain();
  if (EMBED && !channel.origin) {
    $('banner').hidden = false;
    replace($('banner'), h('p', {}, app.i18n.t('embed.not_allowed')));
  }

  window.addEventListener('hashchange', () => {
    const id = HASHES[location.hash.replace(/^#/, '')];
    if (id) show(id, true);
  });
  // Ctrl+P prints the screen on display; the Print button's choice (with other screens) holds
  // while its own print dialog is open.
  window.addEventListener('beforeprint', () => updatePrintNote(app.printExtra));
  window.addEventListener('pagehide', saveNow);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') saveNow(); });
  $('clear-dialog').addEventListener('close', () => {
    if ($('clear-dialog').returnValue === 'erase') clearAll();
  });

  performance.mark('crohn:ready');
  document.documentElement.dataset.ready = 'true';
  if (!EMBED) {
    const { registerServiceWorker } = await import('./app/sw-bridge.js');
    app.sw = registerServiceWorker({
      scriptUrl: new URL('sw.js', BASE),
      onUpdateReady() { app.updateReady = true; showUpdateBanner(); },
      onOfflineReady() { notify(app.i18n.t('app.offline_ready')); },
    });
  }
}

main().catch((e) => {
  const main = $('main');
  replace(main, h('p', { class: 'fatal', role: 'alert' }, `Crohn Score could not start: ${e?.message || e}`));
  document.documentElement.dataset.ready = 'error';
});
