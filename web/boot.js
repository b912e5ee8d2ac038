// SPDX-License-Identifier: MIT
// Crohn Score web app: started by its own <script type="module"> before app.js, with no imports,
// so it runs as soon as the page is parsed: it compiles the core (crohn.wasm, preloaded by
// index.html) while the app's modules are still arriving. app.js imports the same module (one
// instance per page) and instantiates the compiled core. Without streaming compilation, or when
// the server sends .wasm with another MIME type, the bytes are compiled instead.

async function compile(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`cannot load ${url}: HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(response.clone());
    } catch {
      // e.g. served as application/octet-stream: compile the bytes below
    }
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Resolves to crohn.wasm as a WebAssembly.Module, or rejects (e.g. offline before caching). */
export const compiledCore = compile(new URL('crohn.wasm', import.meta.url).href);
// The page handles a failure (it falls back to loading the core itself): not an unhandled rejection.
compiledCore.catch(() => {});
