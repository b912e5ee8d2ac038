// SPDX-License-Identifier: MIT
// A tiny static server for the browser tests and the page benchmark: serves a folder (by default
// the staged site build/web) on 127.0.0.1 with the production CSP header and the right MIME types
// (application/wasm for the module). `overrides` replace or add files (path -> {body, type});
// `log` collects every request path. Never listens beyond the loopback interface.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SITE = process.env.CROHN_SITE ? resolve(process.env.CROHN_SITE) : join(ROOT, 'build', 'web');

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * Starts a server. Options: root (folder), overrides (Map or object path -> {body, type}),
 * mounts (path prefix -> folder), csp (header value or null for none), headers (extra headers).
 * Resolves to
 * {origin, port, log, overrides, close()}.
 */
export async function startServer({ root = SITE, overrides = {}, csp = CSP, headers = {}, mounts = {} } = {}) {
  const table = overrides instanceof Map ? overrides : new Map(Object.entries(overrides));
  const log = [];
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    log.push(path);
    if (path.endsWith('/')) path += 'index.html';
    const send = (status, body, type) => {
      const h = { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', ...headers };
      if (csp && type.startsWith('text/html')) h['content-security-policy'] = csp;
      res.writeHead(status, h);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (table.has(path)) {
      const o = table.get(path);
      send(200, o.body, o.type || TYPES[extname(path)] || 'application/octet-stream');
      return;
    }
    // A mount serves another folder under a path prefix (e.g. the app under /crohn-score/).
    const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix));
    const dir = mount ? resolve(mounts[mount]) : base;
    const file = normalize(join(dir, mount ? path.slice(mount.length) : path));
    if (!file.startsWith(dir + sep)) { send(403, 'forbidden', 'text/plain'); return; }
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new Error('not a file');
      send(200, await readFile(file), TYPES[extname(file)] || 'application/octet-stream');
    } catch {
      send(404, 'not found', 'text/plain');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    log,
    overrides: table,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}
