#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Size budget of the WebAssembly modules as served: gzip -9 of each module's .wasm + its glue .mjs
// in the staged site (build/web, or the directory given). The main module (crohn.mjs +
// crohn.wasm: what the page loads before its first paint) is judged against the 60 KB target and
// the 80 KB hard limit (1 KB = 1024 bytes); the tools module (crohn-tools: cohorts and FHIR,
// loaded when first used) is printed beside it. Exits 1 only above the hard limit.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { siteFile, SITE } from '../tests/js/support.mjs';

const TARGET_KB = 60;
const LIMIT_KB = 80;

const site = resolve(process.argv[2] ?? SITE);
const kb = (bytes) => (bytes / 1024).toFixed(1);

// Prints each file of a module and returns its gzipped total in bytes.
function module(name) {
  let total = 0;
  for (const file of [`${name}.mjs`, `${name}.wasm`]) {
    const raw = readFileSync(siteFile(file, site));
    const gz = gzipSync(raw, { level: 9 }).length;
    total += gz;
    console.log(`${file.padEnd(17)} ${kb(raw.length).padStart(6)} KB raw  ` +
                `${kb(gz).padStart(5)} KB gzip`);
  }
  return total;
}

const main = module('crohn');
const verdict = main > LIMIT_KB * 1024 ? 'OVER THE HARD LIMIT'
    : main > TARGET_KB * 1024 ? 'over the target, within the hard limit' : 'within the target';
console.log(`main module total ${kb(main)} KB gzip (target ${TARGET_KB} KB, ` +
            `hard limit ${LIMIT_KB} KB): ${verdict}  [${join(site)}]`);
const tools = module('crohn-tools');
console.log(`tools module total ${kb(tools)} KB gzip ` +
            '(loaded on the first cohort() or fhir(); no budget)');
process.exitCode = main > LIMIT_KB * 1024 ? 1 : 0;
