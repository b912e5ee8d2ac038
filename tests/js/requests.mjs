// SPDX-License-Identifier: MIT
// Deterministic request generator of the native/WebAssembly parity test: from a fixed seed, valid
// and invalid requests for every instrument (numbers moved in and out of range, wrong types,
// missing fields, unknown keys, bad request shapes and malformed JSON text). The same seed always
// gives the same list of request texts.

/** mulberry32: a small, well-distributed 32-bit PRNG; returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGE_NUMBERS = [0, -0, 1, -1, 0.5, 2.5, 3, 7, 10, 99, 150, 1e9, -1e-9, 1e308, 0.1 + 0.2];
const WRONG_TYPES = ['1', '', 'abc', true, false, null, [], {}, [1], 1.5, { value: 1 }];
const UNKNOWN_KEYS = ['extra', 'notes', 'Général', 'emoji 🙂', '', 'x'.repeat(40), 'instrument'];
const TEXT_NOISE = ['{', '}', '[', ']', ',', ':', '"', 'x', '\n', '\\', ' ', '\t', 'é'];

/** Paths (arrays of keys/indices) of every value inside `value`, nested ones included. */
function paths(value, prefix = [], out = []) {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const path = [...prefix, Array.isArray(value) ? Number(key) : key];
      out.push(path);
      paths(value[key], path, out);
    }
  }
  return out;
}

function parentOf(root, path) {
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key];
  return node;
}

/**
 * Builds `count` request texts. `templates` maps every instrument name to a non-empty list of
 * input objects to start from (e.g. the conformance vectors' inputs). Returns [{text, kind}].
 */
export function generateRequests({ count, seed, templates }) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const instruments = Object.keys(templates).sort();
  // Every string value seen per instrument: valid alternatives for enumerated fields.
  const strings = {};
  for (const name of instruments) {
    strings[name] = [...new Set(templates[name].flatMap((t) =>
      paths(t).map((p) => parentOf(t, p)[p.at(-1)]).filter((v) => typeof v === 'string')))];
  }

  const newNumber = (old) => {
    const base = typeof old === 'number' ? old : 5;
    switch (Math.floor(random() * 5)) {
      case 0: return pick(EDGE_NUMBERS);
      case 1: return Math.floor(random() * (2 * Math.abs(base) + 6)) - 1;  // mostly in range
      case 2: return Math.round(random() * (2 * Math.abs(base) + 6) * 1000) / 1000;
      case 3: return base + pick([-1, 1, -0.5, 0.25]);
      default: return base * pick([0.5, 1.5, 10, -1]);
    }
  };

  const mutateValue = (inputs, name) => {
    const all = paths(inputs);
    const ops = ['number', 'number', 'number', 'type', 'missing', 'unknown', 'array', 'string'];
    const op = pick(ops);
    if (op === 'unknown') {
      const objects = [[], ...all.filter((p) => {
        const v = parentOf(inputs, p)[p.at(-1)];
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      })];
      const target = pick(objects).reduce((node, key) => node[key], inputs);
      target[pick(UNKNOWN_KEYS)] = pick([1, 'x', null, true]);
      return;
    }
    if (all.length === 0) return;
    const path = pick(all);
    const parent = parentOf(inputs, path);
    const key = path.at(-1);
    const old = parent[key];
    if (op === 'missing') {
      if (Array.isArray(parent)) parent.splice(key, 1);
      else delete parent[key];
    } else if (op === 'type') {
      parent[key] = structuredClone(pick(WRONG_TYPES));
    } else if (op === 'array' && Array.isArray(old)) {
      const choice = Math.floor(random() * 4);
      if (choice === 0) old.push(old.length ? structuredClone(pick(old)) : pick(strings[name]) ?? 1);
      else if (choice === 1) old.pop();
      else if (choice === 2) parent[key] = [];
      else old.push(pick(WRONG_TYPES));
    } else if (op === 'string' && typeof old === 'string') {
      const choice = Math.floor(random() * 3);
      if (choice === 0) parent[key] = pick(strings[name]);
      else if (choice === 1) parent[key] = old.toUpperCase();
      else parent[key] = `${old}_unknown`;
    } else if (typeof old === 'boolean') {
      parent[key] = !old;
    } else if (typeof old === 'number') {
      parent[key] = newNumber(old);
    }
  };

  const badRequest = (request) => {
    const { instrument, inputs } = request;
    return pick([
      { instrument: 'unknown_instrument', inputs },
      { instrument: instrument.toUpperCase(), inputs },
      { inputs },
      { instrument },
      { instrument: 5, inputs },
      { instrument: null, inputs },
      { instrument, inputs: [] },
      { instrument, inputs: null },
      { instrument, inputs: 'text' },
      { instrument, inputs, extra: 1 },
      [request],
      'request',
      42,
      null,
    ]);
  };

  const malformed = (text) => {
    const at = Math.floor(random() * (text.length + 1));
    switch (Math.floor(random() * 8)) {
      case 0: return text.slice(0, at);
      case 1: return text.slice(0, at) + text.slice(at + 1);
      case 2: return text.slice(0, at) + pick(TEXT_NOISE) + text.slice(at);
      case 3: return text.replace(/,/, ';');
      case 4: return `${text.slice(0, -1)},}`;
      case 5: return text.replace(/(:\s*)(-?\d+(\.\d+)?)/, `$1${pick(['1e999', '01', '-', '1.', '.5', 'NaN'])}`);
      case 6: return pick(['', ' ', '\n', 'null x', '{}{}', '{"instrument"', '\u00ff']);
      default: return `${text}\n${pick(TEXT_NOISE)}`;
    }
  };

  const out = [];
  for (let i = 0; i < count; i++) {
    const instrument = instruments[i % instruments.length];
    const inputs = structuredClone(pick(templates[instrument]));
    let request = { instrument, inputs };
    let kind = 'valid';
    const roll = random();
    if (roll < 0.1) {
      // a template as it is
    } else if (roll < 0.3) {
      // numbers moved, mostly within plausible ranges (valid), some out of range
      const numbers = paths(inputs).filter((p) => typeof parentOf(inputs, p)[p.at(-1)] === 'number');
      for (let n = 1 + Math.floor(random() * 3); n > 0 && numbers.length; n--) {
        const p = pick(numbers);
        parentOf(inputs, p)[p.at(-1)] = newNumber(parentOf(inputs, p)[p.at(-1)]);
      }
      kind = 'numbers';
    } else if (roll < 0.75) {
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) mutateValue(inputs, instrument);
      kind = 'mutated';
    } else if (roll < 0.87) {
      request = badRequest(request);
      kind = 'bad_request';
    }
    let text = random() < 0.2 ? JSON.stringify(request, null, 2) : JSON.stringify(request);
    if (roll >= 0.87) {
      text = malformed(text);
      kind = 'malformed';
    }
    // Cutting text may split a surrogate pair; keep the text well-formed (as any JS caller's).
    out.push({ text: text.replace(/\p{Cs}/gu, '\uFFFD'), kind });
  }
  return out;
}
