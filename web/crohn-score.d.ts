// SPDX-License-Identifier: MIT
// Types of crohn-score.js, the public JavaScript API of Crohn Score (hand-written: Emscripten
// 3.1.6 cannot emit them). tests/js/dts.test.mjs checks these names against the module.

/** Bytes of a .wasm file. */
export type WasmBytes = ArrayBuffer | Uint8Array;

/** Options of the first loadCrohnScore() call. */
/** The endpoint engine, loaded: synchronous answers (CrohnScore.engine()). */
export interface EndpointEngine {
  endpoints(record: { [key: string]: Json } | string): Response;
  definitions(): Json;
}

export interface LoadOptions {
  /** The bytes of crohn.wasm; skips fetching it (Node: `await readFile('build/web/crohn.wasm')`). */
  wasmBinary?: WasmBytes;
  /**
   * crohn.wasm already compiled (e.g. by `WebAssembly.compileStreaming` while the page's scripts
   * were still loading); skips fetching and compiling it. Takes precedence over `wasmBinary`.
   */
  wasmModule?: WebAssembly.Module;
  /**
   * The bytes of crohn-tools.wasm (the module behind cohort() and fhir()), or a function giving
   * them (or a Promise of them), called once when that module is first needed; skips fetching it.
   */
  toolsWasmBinary?: WasmBytes | (() => WasmBytes | Promise<WasmBytes>);
  /**
   * Maps a file name of the modules ('crohn.wasm', 'crohn-tools.wasm') to its URL when they are
   * served elsewhere.
   */
  locateFile?: (path: string, prefix: string) => string;
}

/** Options of one cohort() call beyond the analysis options. */
export interface CohortCallOptions {
  /**
   * Called during the analysis with the work done so far and the total (monotonic; the last call
   * has done === total). It runs inside the call into the module, on the calling thread.
   */
  onProgress?: (done: number, total: number) => void;
}

/** JSON values as they cross the boundary. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * What an error's message names, as data (docs/contract.md "Error parameters"), so that a page
 * words it in its own language: the range in the core's unit, whole numbers, allowed values, or
 * the reason of a special case.
 */
export interface ErrorParams {
  min?: number;
  max?: number;
  /** The core's unit id of min/max, e.g. "kg", "pct", "mg_l". */
  unit?: string;
  integer?: boolean;
  allowed?: (string | number)[];
  /** e.g. diary_day_empty, not_both, entries, exceeds, one_baseline, neoterminal_ileum_not_seen. */
  reason?: string;
  /** For reason "exceeds": the key of the total that `max` is the cap of. */
  of?: string;
  /** For reason "multiple_of". */
  step?: number;
}

/** One problem with the input; `path` locates it exactly (e.g. `segments.ileum.ulcer_size`). */
export interface ErrorItem {
  error: string;
  field: string;
  path: string;
  message: string;
  params?: ErrorParams;
}

/**
 * One entry of a response's `warning_details` (same order as its `warnings` strings): the
 * warning's code, and where it applies (a segment, or a diary day as `where` "day3" and `day` 3).
 */
export interface WarningDetail {
  code: string;
  where?: string;
  day?: number;
}

/**
 * An error response (returned, never thrown). `error` is a stable code: missing_field,
 * invalid_type, out_of_range, unknown_value, invalid_json or internal; `errors` lists every
 * problem found, the first of which is repeated at top level.
 */
export interface ErrorResponse {
  error: string;
  field: string;
  message: string;
  /** The first error's params (absent when it has none). */
  params?: ErrorParams;
  errors: ErrorItem[];
}

/**
 * A successful response: the instrument's outputs (see docs/contract.md); with `warnings`, also
 * `warning_details` (WarningDetail[]).
 */
export type ScoreResponse = { [key: string]: Json };

export type Response = ScoreResponse | ErrorResponse;

/** A request of the JSON contract: `{"instrument": ..., "inputs": {...}}`. */
export interface EvaluateRequest {
  instrument: string;
  inputs: { [key: string]: Json };
}

/** What conformance() returns: the CLI's output and the counts of its summary line. */
export interface WorkedExample {
  instrument: string;
  inputs: { [key: string]: Json };
  expected: { [key: string]: Json };
  source: string;
}

export interface ConformanceResult {
  /** One `{"id","pass","actual"}` line per vector, then `N passed, M failed`, each ending in \n. */
  output: string;
  passed: number;
  failed: number;
}

export interface CrohnScore {
  /** Semantic version of the scoring core (e.g. "0.1.0"). */
  readonly version: string;
  /** Version of the JSON contract. */
  readonly apiVersion: number;
  /** Scores one instrument; an invalid input yields an ErrorResponse. */
  evaluate(instrument: string, inputs: { [key: string]: Json }): Response;
  /** Evaluates a whole request; a string is taken as the request's JSON text. */
  evaluateRequest(request: EvaluateRequest | string): Response;
  /** Every instrument name, in contract order. */
  instruments(): string[];
  /**
   * Runs a conformance vectors file (its text, or its bytes as read from disk) and returns what
   * `crohnscore conformance FILE` prints; that command exits 1 exactly when `failed > 0`.
   * Asynchronous: the runner is in crohn-tools.wasm (loaded on the first call).
   */
  conformance(vectors: string | Uint8Array): Promise<ConformanceResult>;
  /**
   * Evaluates a patient record's endpoints (request object or JSON text, see docs/contract.md,
   * "Patient records"). Asynchronous: the first call loads crohn-tools.wasm, which holds the
   * endpoint engine; rejects if that build has none.
   */
  endpoints(record: { [key: string]: Json } | string): Promise<Response>;
  /** Every definition set with its rules, citations and levels. Asynchronous, as endpoints. */
  definitions(): Promise<Json>;
  /**
   * The endpoint engine for a caller that asks it often (a form on every keystroke): resolves,
   * once crohn-tools.wasm has loaded, to an object whose endpoints() and definitions() answer
   * synchronously.
   */
  engine(): Promise<EndpointEngine>;
  /**
   * Each calculator's worked example: its inputs (for `evaluate`), the result it must give and
   * where it is published. Asynchronous: they are in crohn-tools.wasm (the first call loads it).
   */
  examples(): Promise<WorkedExample[]>;
  /**
   * The same request as `endpoints`, answered with a FHIR R4 Bundle (docs/fhir.md), or an
   * ErrorResponse. Asynchronous: the first call loads crohn-tools.wasm.
   */
  fhir(record: { [key: string]: Json } | string): Promise<Response>;
  /**
   * Analyses a cohort file (CSV or JSON records, as text or as bytes, which the core reads as
   * they are, like the CLI reads the file; docs/cohort.md) with options
   * (an object or its JSON text: definition_sets, weeks, window_weeks, fc_below_ug_g,
   * crp_below_mg_l, include_patients, summary_csv; with summary_csv: true the analysis carries the
   * text of `crohnscore cohort --format csv` in its member summary_csv). Asynchronous: the first
   * call loads crohn-tools.wasm.
   */
  cohort(file: string | Uint8Array, options?: { [key: string]: Json } | string,
         call?: CohortCallOptions): Promise<Response>;
}

/** Loads the module once (memoised) and resolves to the API. */
export function loadCrohnScore(options?: LoadOptions): Promise<CrohnScore>;
