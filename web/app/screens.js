// SPDX-License-Identifier: MIT
// Crohn Score web app: the screens by id, built on one context (core, i18n, state, callbacks), for
// the page (app.js) and the <crohn-score> element alike.
import { createHbi } from './screens/hbi.js';
import { createCdai } from './screens/cdai.js';
import { createSesCd } from './screens/sescd.js';
import { createVisits } from './screens/visits.js';
import { createCohort } from './screens/cohort.js';

export const SCREENS = [
  { id: 'hbi', state: 'hbi', create: createHbi },
  { id: 'cdai', state: 'cdai', create: createCdai },
  { id: 'ses_cd', state: 'ses_cd', create: createSesCd },
  { id: 'visits', state: 'visits', create: createVisits },
  // No stored form state: the file and its analysis live in memory (app/screens/cohort.js).
  { id: 'cohort', state: null, create: createCohort },
];

/**
 * Builds one screen over `state` and registers it in `registry` (a Map id -> screen shared by the
 * screens of one page, so the visits screen can copy from the calculators). `hooks`:
 * result(instrument, inputs, response), changed(), notify(text).
 */
export function buildScreen(id, { core, i18n, state, prefix, hooks, registry }) {
  const def = SCREENS.find((s) => s.id === id);
  const ctx = {
    core, i18n, state: def.state ? state[def.state] : null, owner: state, prefix: `${prefix}-${def.id}`,
    result: hooks.result, changed: hooks.changed, notify: hooks.notify,
    calculators: {
      hbi: () => registry.get('hbi'),
      cdai: () => registry.get('cdai'),
      ses_cd: () => registry.get('ses_cd'),
    },
  };
  const screen = def.create(ctx);
  registry.set(id, screen);
  return screen;
}

/** Builds the screens `ids`; returns the registry (Map id -> screen). */
export function buildScreens(ids, opts) {
  const registry = opts.registry || new Map();
  for (const def of SCREENS) if (ids.includes(def.id)) buildScreen(def.id, { ...opts, registry });
  return registry;
}
