// SPDX-License-Identifier: MIT
// Shared by the Node tests, the conformance script and the benchmarks: where the builds are and
// how Node loads the staged site. Emscripten 3.1.6 cannot load its ES-module glue under Node by
// itself (it would fetch crohn.wasm), so the bytes of crohn.wasm are passed as `wasmBinary`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SITE = join(ROOT, 'build/web');
export const NATIVE_BIN = join(ROOT, 'build/native/bin');
export const VECTORS = join(ROOT, 'tests/conformance/vectors.json');

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

/** The public API, loaded with the wasm bytes from disk. */
export async function loadApi(site = SITE) {
  const { loadCrohnScore } = await importApiModule(site);
  return loadCrohnScore({ wasmBinary: readFileSync(siteFile('crohn.wasm', site)) });
}

/** The raw Emscripten module (the glue's factory), for byte-level comparisons. */
export async function loadCore(site = SITE) {
  const { default: createCrohnModule } = await import(
    pathToFileURL(siteFile('crohn.mjs', site)).href);
  return createCrohnModule({ wasmBinary: readFileSync(siteFile('crohn.wasm', site)) });
}
