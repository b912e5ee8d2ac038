// SPDX-License-Identifier: MIT
// Crohn Score: the public JavaScript API over the WebAssembly modules. The glue files and the
// .wasm files are staged next to this file: crohn.mjs + crohn.wasm (scores, instruments: loaded
// by loadCrohnScore) and crohn-tools.mjs + crohn-tools.wasm (the endpoint engine, definition sets,
// cohorts, FHIR, the conformance runner and the worked examples: loaded the first time engine(),
// endpoints(), definitions(), cohort(), fhir(), conformance() or examples() is called, which is
// why those return Promises). Everything crosses the boundary as JSON text, so no handle ever needs freeing.
// Types: crohn-score.d.ts.
//
//   import { loadCrohnScore } from './crohn-score.js';
//   const crohn = await loadCrohnScore();
//   crohn.evaluate('hbi', { general_wellbeing: 1, ... });  // -> { hbi_total: 5, ... } or an error

const GLUE_URL = new URL('./crohn.mjs', import.meta.url);
const TOOLS_GLUE_URL = new URL('./crohn-tools.mjs', import.meta.url);

let loading = null;

/**
 * Loads the main module once per realm and resolves to the API. Options apply to the first call
 * only (later calls share its result): `wasmBinary` (bytes of crohn.wasm, e.g. read from disk in
 * Node), `wasmModule` (crohn.wasm compiled already, a WebAssembly.Module), `toolsWasmBinary`
 * (bytes of crohn-tools.wasm, or a function returning them or a Promise of them, called when the
 * tools module is first needed) and `locateFile(name, prefix)` (where to fetch either .wasm from
 * when they were moved).
 */
export function loadCrohnScore(options = {}) {
  if (!loading) {
    loading = instantiate(options);
    loading.catch(() => {
      loading = null;  // a failed load (e.g. offline) may be retried
    });
  }
  return loading;
}

// Instantiates one module from its glue; `wasmBinary` may be bytes or a function giving them;
// `wasmModule` a compiled WebAssembly.Module (then only instantiated, through the glue's
// instantiateWasm hook; the glue never hears of a failure there, so it rejects from here).
async function createModule(glueUrl, { wasmBinary, wasmModule, locateFile }) {
  const { default: factory } = await import(glueUrl.href);
  const settings = {};
  let failed = null;
  if (wasmModule !== undefined) {
    failed = new Promise((_, reject) => {
      settings.instantiateWasm = (imports, done) => {
        WebAssembly.instantiate(wasmModule, imports).then((instance) => done(instance, wasmModule), reject);
        return {};  // the exports arrive through done()
      };
    });
  } else {
    const bytes = typeof wasmBinary === 'function' ? await wasmBinary() : wasmBinary;
    if (bytes !== undefined) settings.wasmBinary = bytes;
  }
  if (locateFile !== undefined) settings.locateFile = locateFile;
  return failed ? Promise.race([factory(settings), failed]) : factory(settings);
}

async function instantiate({ wasmBinary, wasmModule, toolsWasmBinary, locateFile } = {}) {
  const module = await createModule(GLUE_URL, { wasmBinary, wasmModule, locateFile });
  let tools = null;
  // The tools module, instantiated once on first use; a failed load may be retried.
  const loadTools = () => {
    if (!tools) {
      tools = createModule(TOOLS_GLUE_URL, { wasmBinary: toolsWasmBinary, locateFile });
      tools.catch(() => {
        tools = null;
      });
    }
    return tools;
  };
  return makeApi(module, loadTools);
}

// An error response made on the JS side, shaped like the core's.
function failure(code, field, message) {
  return { error: code, field, message, errors: [{ error: code, field, path: field, message }] };
}

function requestText(value, field) {
  if (typeof value === 'string') return value;  // already JSON text: passed through as-is
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    return failure('invalid_json', field, `the ${field} cannot be serialised as JSON: ${e.message}`);
  }
  return text === undefined ? 'null' : text;
}

// Calls a JSON-text export and parses its answer; anything thrown by the module (which would be
// a bug: the core never throws) comes back as an `internal` error object.
function callJson(fn, field, value) {
  const text = requestText(value, field);
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(fn(text));
  } catch (e) {
    return failure('internal', field, `internal error in the WebAssembly module: ${e}`);
  }
}

function requireExport(module, name, file = 'crohn.wasm') {
  if (typeof module[name] !== 'function') {
    throw new Error(`crohn-score: ${name}() is not available in this build of ${file}`);
  }
  return module[name];
}

function makeApi(module, loadTools) {
  let engine = null;  // Promise of the endpoint engine (in the tools module), once asked for
  const api = {
    version: module.version(),
    apiVersion: module.apiVersion(),
    evaluate(instrument, inputs) {
      return api.evaluateRequest({ instrument, inputs });
    },
    evaluateRequest(request) {
      return callJson(module.evaluate, 'request', request);
    },
    instruments() {
      return JSON.parse(module.instruments());
    },
    async conformance(vectors) {
      // Bytes go through untouched (as the CLI reads the file); anything else as text.
      const input = typeof vectors === 'string' || vectors instanceof Uint8Array ? vectors
                                                                              : String(vectors);
      const output = requireExport(await loadTools(), 'conformance', 'crohn-tools.wasm')(input);
      const summary = /(\d+) passed, (\d+) failed\n$/.exec(output);
      return {
        output,
        passed: summary ? Number(summary[1]) : 0,
        failed: summary ? Number(summary[2]) : 1,
      };
    },
    async endpoints(record) {
      return (await api.engine()).endpoints(record);
    },
    async definitions() {
      return (await api.engine()).definitions();
    },
    /**
     * The endpoint engine for a page that asks it on every keystroke: resolves, once the tools
     * module has loaded, to {endpoints(record), definitions()} that answer synchronously.
     */
    engine() {
      if (!engine) {
        engine = loadTools().then((tools) => {
          const endpoints = requireExport(tools, 'endpoints', 'crohn-tools.wasm');
          const definitions = requireExport(tools, 'definitions', 'crohn-tools.wasm');
          return {
            endpoints: (record) => callJson(endpoints, 'record', record),
            definitions: () => JSON.parse(definitions()),
          };
        });
        engine.catch(() => { engine = null; });
      }
      return engine;
    },
    async examples() {
      return JSON.parse(requireExport(await loadTools(), 'examples', 'crohn-tools.wasm')());
    },
    async fhir(record) {
      const tools = await loadTools();
      return callJson(requireExport(tools, 'fhir', 'crohn-tools.wasm'), 'record', record);
    },
    async cohort(file, options = {}, { onProgress } = {}) {
      // Bytes go through untouched, as the CLI reads the file (no decoding and re-encoding of a
      // large file in JS); text is passed as UTF-8.
      const input = typeof file === 'string' || file instanceof Uint8Array ? file
                                                                            : new Uint8Array(file);
      const optionsText = requestText(options, 'options');
      if (typeof optionsText !== 'string') return optionsText;
      const cohort = requireExport(await loadTools(), 'cohort', 'crohn-tools.wasm');
      // The callback runs inside the call into the module; what it throws is kept and rethrown
      // after the call, so that no exception unwinds through the core.
      let thrown = null;
      const progress = typeof onProgress !== 'function' ? null : (done, total) => {
        if (thrown) return;
        try {
          onProgress(done, total);
        } catch (e) {
          thrown = { e };
        }
      };
      let response;
      try {
        response = JSON.parse(cohort(input, optionsText, progress));
      } catch (e) {
        return failure('internal', 'cohort', `internal error in the WebAssembly module: ${e}`);
      }
      if (thrown) throw thrown.e;
      return response;
    },
  };
  return Object.freeze(api);
}
