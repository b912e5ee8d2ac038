#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// The production bundle of the page (docs/decisions.md, 24): turns a staged site (a copy of web/
// plus the modules, made by the wasm build's stage_web) into one whose index.html loads the app
// as one module, app.bundle.js, made by esbuild from node_modules (installed from the lock file by `npm ci`; nothing is downloaded
// here). Everything else stays as staged: boot.js (its own script, so the core compiles while the
// bundle arrives; the bundle imports it, one instance), crohn-score.js and crohn.mjs for the
// <crohn-score> element and the cohort worker, the catalogs, the icons. The source modules stay
// in the site too (the element and the worker use them), so the unbundled page stays runnable
// (stage_web also stages it unbundled in <site>-src: docs/web.md, "Tests").
//
// What it writes, in <site>: app.bundle.js, index.html (the start-up block replaced) and sw.js
// (the bundle added to its SHELL list). Each rewrite checks the
// exact text it replaces and fails otherwise, so a changed index.html or sw.js cannot be
// bundled wrongly in silence.
// Usage: node scripts/bundle-web.mjs <site>
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const site = resolve(process.argv[2] || 'build/web');

const fail = (msg) => { console.error(`bundle-web: ${msg}`); process.exit(1); };

// cohort.js finds its worker from its own address (app/screens/); in the bundle at the site's root
// the same file is one folder up. The one import.meta.url of a bundled module outside the root.
const WORKER_FROM = "new URL('../cohort-worker.js', import.meta.url)";
const WORKER_TO = "new URL('app/cohort-worker.js', import.meta.url)";
const rootRelative = {
  name: 'root-relative-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]app[\\/]screens[\\/]cohort\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes(WORKER_FROM)) fail(`${args.path} no longer has ${WORKER_FROM}: update scripts/bundle-web.mjs`);
      return { contents: text.replace(WORKER_FROM, WORKER_TO), loader: 'js' };
    });
    // Every other module under app/ must not resolve a URL from its own address.
    b.onLoad({ filter: /[\\/]app[\\/].*\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (/import\.meta\.url/.test(text)) fail(`${args.path} uses import.meta.url: it would resolve from the bundle's address`);
      return { contents: text, loader: 'js' };
    });
  },
};

// One file, the lazily-imported screens included (esbuild inlines a dynamic import() of a
// bundled module): measured against code splitting with the start's chunks preloaded, it is as
// fast or faster (decisions.md, 24), with one request instead of six before the first verdict.
const result = await build({
  entryPoints: { 'app.bundle': join(site, 'app.js') },
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  outdir: site,
  // One instance of boot.js per page: its own <script> and the bundle's import are the same URL.
  external: ['./boot.js'],
  plugins: [rootRelative],
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
const files = Object.keys(result.metafile.outputs).map((f) => resolve(f).slice(site.length + 1).split('\\').join('/')).sort();
if (files.join() !== 'app.bundle.js') fail(`esbuild wrote ${files.join(', ')}, not app.bundle.js alone`);

// index.html: the start-up block (boot.js, the preloads and app.js) becomes boot.js, the core's
// and the catalog's preloads, the glue's modulepreload and the bundle.
const indexPath = join(site, 'index.html');
const index = await readFile(indexPath, 'utf8');
const start = index.indexOf('<!-- What the first verdict needs');
const endTag = '<script type="module" src="app.js"></script>';
const end = index.indexOf(endTag);
if (start < 0 || end < start) fail('index.html: the start-up block (from "<!-- What the first verdict needs" to app.js\'s <script>) was not found');
const block = `<!-- Production bundle (scripts/bundle-web.mjs): boot.js compiles the core while the app, one
     module with every screen (app.bundle.js), arrives. The unbundled page is <site>-src. -->
<script type="module" src="boot.js"></script>
<link rel="preload" href="crohn.wasm" as="fetch" type="application/wasm" crossorigin>
<link rel="preload" href="i18n/en.json" as="fetch" type="application/json" crossorigin>
<link rel="modulepreload" href="crohn.mjs">
<script type="module" src="app.bundle.js"></script>`;
await writeFile(indexPath, index.slice(0, start) + block + index.slice(end + endTag.length));

// sw.js: the bundle files join the SHELL list (after 'app.js', in name order).
const swPath = join(site, 'sw.js');
const sw = await readFile(swPath, 'utf8');
const anchor = "  'app.js',\n";
if (!/const SHELL = \[/.test(sw) || !sw.includes(anchor)) fail("sw.js: no SHELL list with an 'app.js', entry");
const added = files.map((f) => `  '${f}',\n`).join('');
await writeFile(swPath, sw.replace(anchor, anchor + added));

console.log(`bundle-web: ${files.length} files in ${site} (${files.join(', ')})`);
