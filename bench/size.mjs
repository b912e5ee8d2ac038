#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Size budget of the WebAssembly module as served: gzip -9 of crohn.wasm + its glue crohn.mjs in
// the staged site (build/web, or the directory given). Prints the figures against the 60 KB
// target and the 80 KB hard limit (1 KB = 1024 bytes); exits 1 only above the hard limit.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { siteFile, SITE } from '../tests/js/support.mjs';

const TARGET_KB = 60;
const LIMIT_KB = 80;

const site = resolve(process.argv[2] ?? SITE);
const kb = (bytes) => (bytes / 1024).toFixed(1);
let total = 0;
for (const name of ['crohn.mjs', 'crohn.wasm']) {
  const raw = readFileSync(siteFile(name, site));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${name.padEnd(11)} ${kb(raw.length).padStart(6)} KB raw  ${kb(gz).padStart(5)} KB gzip`);
}
const verdict = total > LIMIT_KB * 1024 ? 'OVER THE HARD LIMIT'
    : total > TARGET_KB * 1024 ? 'over the target, within the hard limit' : 'within the target';
console.log(`total       ${kb(total)} KB gzip (target ${TARGET_KB} KB, hard limit ${LIMIT_KB} KB): ` +
            `${verdict}  [${join(site)}]`);
process.exitCode = total > LIMIT_KB * 1024 ? 1 : 0;
