// SPDX-License-Identifier: MIT
// `npm run conformance -- FILE` (wasm in Node) must print byte for byte what
// `build/native/bin/crohnscore conformance FILE` prints, with the same exit status.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { nativeTool, ROOT, VECTORS } from './support.mjs';

const script = join(ROOT, 'tests/js/conformance-cli.mjs');
const native = nativeTool('crohnscore');
const dir = mkdtempSync(join(tmpdir(), 'crohn-conformance-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function both(file, viaNpm = false) {
  const n = spawnSync(native, ['conformance', file]);
  const w = viaNpm ? spawnSync('npm', ['run', 'conformance', '--', file], { cwd: ROOT })
                   : spawnSync(process.execPath, [script, file]);
  return { n, w };
}

function assertSame(file, status, viaNpm = false) {
  const { n, w } = both(file, viaNpm);
  assert.equal(w.stderr.toString(), '');
  assert.ok(n.stdout.length > 0);
  assert.ok(Buffer.compare(w.stdout, n.stdout) === 0,
            `outputs differ for ${file}:\nnative: ${n.stdout}\nwasm:   ${w.stdout}`);
  assert.equal(n.status, status);
  assert.equal(w.status, status);
}

test('public vectors via npm run conformance: same output, exit 0', () =>
  assertSame(VECTORS, 0, true));

test('a failing vector: same output, exit 1', () => {
  const vectors = JSON.parse(readFileSync(VECTORS, 'utf8'));
  const numeric = vectors.find((v) => v.instrument === 'hbi');
  numeric.expected.hbi_total += 1;
  vectors.push({ id: 'broken', instrument: 'hbi' });  // no expected: an error line
  const file = join(dir, 'failing.json');
  writeFileSync(file, JSON.stringify(vectors));
  assertSame(file, 1);
});

test('a malformed file: same output, exit 1', () => {
  const file = join(dir, 'malformed.json');
  writeFileSync(file, '[{"id": "x",\n  "instrument": ');
  assertSame(file, 1);
});

test('a missing file: both exit 2', () => {
  const { n, w } = both(join(dir, 'absent.json'));
  assert.equal(n.status, 2);
  assert.equal(w.status, 2);
  assert.match(w.stderr.toString(), /cannot open/);
});
