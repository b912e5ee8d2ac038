#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// `npm run conformance -- FILE`: runs a conformance vectors file through the WebAssembly module
// in Node and prints exactly what `crohnscore conformance FILE` prints, with the same exit status
// (0 all passed, 1 a vector failed, 2 usage error). `--site DIR` picks another staged site.
import { readFileSync } from 'node:fs';
import { loadApi, SITE } from './support.mjs';

const USAGE = 'Usage: npm run conformance -- [--site DIR] FILE\n';

async function main(args) {
  let site = SITE;
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--help' || args[i] === '-h') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (args[i] === '--site' && i + 1 < args.length) site = args[++i];
    else files.push(args[i]);
  }
  if (files.length !== 1) {
    process.stderr.write(`conformance: needs one FILE\n\n${USAGE}`);
    return 2;
  }
  let bytes;
  try {
    bytes = readFileSync(files[0]);
  } catch {
    process.stderr.write(`conformance: cannot open ${files[0]}\n\n${USAGE}`);
    return 2;
  }
  const api = await loadApi(site);
  const { output, failed } = await api.conformance(bytes);
  process.stdout.write(output);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
