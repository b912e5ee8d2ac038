// SPDX-License-Identifier: MIT
// Shared by the Node tests, the conformance script and the benchmarks: where the builds are and
// how Node loads the staged site. Emscripten 3.1.6 cannot load its ES-module glue under Node by
// itself (it would fetch crohn.wasm), so the bytes of crohn.wasm are passed as `wasmBinary` (and
// those of crohn-tools.wasm as `toolsWasmBinary`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// CROHN_SITE / CROHN_NATIVE_BIN point elsewhere (e.g. a second build tree); the browser suite's
// server (tests/browser/server.mjs) reads the same CROHN_SITE.
export const SITE = process.env.CROHN_SITE ? resolve(process.env.CROHN_SITE) : join(ROOT, 'build/web');
export const NATIVE_BIN = process.env.CROHN_NATIVE_BIN ? resolve(process.env.CROHN_NATIVE_BIN)
                                                       : join(ROOT, 'build/native/bin');
export const VECTORS = join(ROOT, 'tests/conformance/vectors.json');
/** The new instruments' public vectors, one file per instrument (tests/conformance/vectors-*.json). */
export const INSTRUMENT_VECTORS = readdirSync(join(ROOT, 'tests/conformance'))
    .filter((f) => /^vectors-.+\.json$/.test(f)).sort().map((f) => join(ROOT, 'tests/conformance', f));

function requireFile(path, hint) {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}`);
  return path;
}

export function siteFile(name, site = SITE) {
  return requireFile(join(site, name), 'build the site with `cmake --workflow --preset wasm`');
}

export function nativeTool(name) {
  return requireFile(join(NATIVE_BIN, name), 'build with `cmake --workflow --preset native`');
}

/** The public API module (web/crohn-score.js as staged). */
export function importApiModule(site = SITE) {
  return import(pathToFileURL(siteFile('crohn-score.js', site)).href);
}

/** The public API, loaded with the wasm bytes from disk (crohn-tools.wasm when first needed). */
export async function loadApi(site = SITE) {
  const { loadCrohnScore } = await importApiModule(site);
  return loadCrohnScore({
    wasmBinary: readFileSync(siteFile('crohn.wasm', site)),
    toolsWasmBinary: () => readFileSync(siteFile('crohn-tools.wasm', site)),
  });
}

/**
 * The raw Emscripten module (the glue's factory), for byte-level comparisons: `name` 'crohn'
 * (the main module) or 'crohn-tools'.
 */
export async function loadCore(site = SITE, name = 'crohn') {
  const { default: factory } = await import(pathToFileURL(siteFile(`${name}.mjs`, site)).href);
  return factory({ wasmBinary: readFileSync(siteFile(`${name}.wasm`, site)) });
}
