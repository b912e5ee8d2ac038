// SPDX-License-Identifier: MIT
// Crohn Score web app: the screens by id, built on one context (core, i18n, state, callbacks), for
// the page (app.js) and the <crohn-score> element alike. Each screen is its own module, imported
// when first needed: the page's first verdict waits only for the screen on display (and its
// shared helpers), the others load in the background afterwards (app.js).

export const SCREENS = [
  { id: 'hbi', state: 'hbi', load: () => import('./screens/hbi.js'), create: 'createHbi' },
  { id: 'cdai', state: 'cdai', load: () => import('./screens/cdai.js'), create: 'createCdai' },
  { id: 'ses_cd', state: 'ses_cd', load: () => import('./screens/sescd.js'), create: 'createSesCd' },
  { id: 'rutgeerts', state: 'rutgeerts', load: () => import('./screens/rutgeerts.js'), create: 'createRutgeerts' },
  { id: 'cdeis', state: 'cdeis', load: () => import('./screens/cdeis.js'), create: 'createCdeis' },
  { id: 'maria', state: 'maria', load: () => import('./screens/maria.js'), create: 'createMaria' },
  { id: 'smaria', state: 'smaria', load: () => import('./screens/maria.js'), create: 'createSmaria' },
  { id: 'pdai', state: 'pdai', load: () => import('./screens/pdai.js'), create: 'createPdai' },
  { id: 'ibd_control', state: 'ibd_control', load: () => import('./screens/ibd-control.js'), create: 'createIbdControl' },
  { id: 'pcdai', state: 'pcdai', load: () => import('./screens/pcdai.js'), create: 'createPcdai' },
  // The visits and cohort screens need the endpoint engine (in crohn-tools.wasm, loaded when one
  // of them is first shown: the page's first paint does not wait for it).
  { id: 'visits', state: 'visits', load: () => import('./screens/visits.js'), create: 'createVisits', engine: true },
  // No stored form state: the file and its analysis live in memory (app/screens/cohort.js).
  { id: 'cohort', state: null, load: () => import('./screens/cohort.js'), create: 'createCohort', engine: true },
];

const factories = new Map();  // id -> create(ctx), once its module has loaded
const loading = new Map();    // id -> Promise of create(ctx)
const engines = new WeakMap();  // core -> its endpoint engine, once loaded

/**
 * Imports the module of screen `id` (once) and, with `core` (the API, or a Promise of it) for a
 * screen that needs the endpoint engine, loads that too; resolves to the screen's factory.
 */
export function loadScreen(id, core) {
  const def = SCREENS.find((s) => s.id === id);
  const module = loadModule(id);
  if (!def?.engine || core === undefined) return module;
  const engine = Promise.resolve(core).then((c) => c.engine());
  return Promise.all([module, engine, Promise.resolve(core)]).then(([create, e, c]) => {
    engines.set(c, e);
    return create;
  });
}

function loadModule(id) {
  if (!loading.has(id)) {
    const def = SCREENS.find((s) => s.id === id);
    if (!def) return Promise.reject(new Error(`unknown screen ${id}`));
    const p = def.load().then((m) => {
      factories.set(id, m[def.create]);
      return m[def.create];
    });
    // A failed import (e.g. the network dropped before the service worker cached the app) may
    // be retried by the next call.
    p.catch(() => loading.delete(id));
    loading.set(id, p);
  }
  return loading.get(id);
}

/**
 * Whether screen `id` can be built now over `core`: its module has loaded, and the endpoint
 * engine too for a screen that needs it.
 */
export function screenLoaded(id, core) {
  const def = SCREENS.find((s) => s.id === id);
  return factories.has(id) && (!def?.engine || engines.has(core));
}

/**
 * Builds one screen over `state` and registers it in `registry` (a Map id -> screen shared by the
 * screens of one page, so the visits screen can copy from the calculators; `withCalculators:
 * false` for a screen alone, which has none to copy from). `hooks`:
 * result(instrument, inputs, response), changed(), notify(text).
 */
export function buildScreen(id, { core, i18n, state, prefix, hooks, registry, withCalculators = true }) {
  const def = SCREENS.find((s) => s.id === id);
  if (def.engine && !engines.has(core)) throw new Error(`screen ${id} needs the endpoint engine (await loadScreen(id, core) first)`);
  const ctx = {
    core, i18n, state: def.state ? state[def.state] : null, owner: state, prefix: `${prefix}-${def.id}`,
    // The endpoint engine (definitions(), endpoints() answering synchronously), for the screens
    // that need it; null for the others.
    engine: def.engine ? engines.get(core) : null,
    result: hooks.result, changed: hooks.changed, notify: hooks.notify,
    // The calculators the visits screen copies from: those of the same page. A lone screen (the
    // <crohn-score> element) has none, and offers no copy buttons.
    calculators: withCalculators ? {
      hbi: () => registry.get('hbi'),
      cdai: () => registry.get('cdai'),
      ses_cd: () => registry.get('ses_cd'),
    } : null,
  };
  const create = factories.get(id);
  if (!create) throw new Error(`screen ${id} is not loaded yet (await loadScreen first)`);
  // A screen whose state was replaced as a whole (a worked example filled in, or undone) is built
  // again over the same context and takes the old one's place in the page and in the registry.
  ctx.rebuild = () => {
    const old = registry.get(id);
    const fresh = create(ctx);
    fresh.el.hidden = old.el.hidden;
    registry.set(id, fresh);
    old.el.replaceWith(fresh.el);
    fresh.recompute();
    ctx.changed();
    return fresh;
  };
  const screen = create(ctx);
  registry.set(id, screen);
  return screen;
}

/** Builds the screens `ids` (loaded already); returns the registry (Map id -> screen). */
export function buildScreens(ids, opts) {
  const registry = opts.registry || new Map();
  for (const def of SCREENS) if (ids.includes(def.id)) buildScreen(def.id, { ...opts, registry });
  return registry;
}
