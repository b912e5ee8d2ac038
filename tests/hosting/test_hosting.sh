#!/usr/bin/env bash
# Serves the built site with the documented nginx configuration (deploy/nginx/crohnscore.conf
# and crohnscore-headers.conf, unchanged but for the two paths an administrator sets) and checks
# what a hospital's server must send: the security headers on every response, the media types
# (application/wasm), the cache headers of the service worker, the page and hashed files, the
# sub-path redirect, that index.html and crohn.wasm arrive intact, and that the app starts in
# headless Chromium under these headers.
#
# Usage: tests/hosting/test_hosting.sh [SITE_DIR]   (default build/web, made by the wasm stage)
# Debian's nginx runs as an ordinary foreground process bound to 127.0.0.1 on a free high port,
# with its prefix, pid, logs and temp files in a temporary directory; it is stopped at the end.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
site="${1:-$repo/build/web}"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
passes=0
fails=0
ok() { passes=$((passes + 1)); echo "ok   $1"; }
bad() { fails=$((fails + 1)); echo "FAIL $1"; }
finish() {
  echo "hosting: $passes passed, $fails failed"
  [ "$fails" -eq 0 ]
  exit $?
}

for f in index.html crohn.wasm crohn.mjs sw.js; do
  if [ ! -f "$site/$f" ]; then
    bad "site: $site/$f is missing (build the site first: cmake --workflow --preset wasm)"
  fi
done
if [ ! -x "$nginx_bin" ]; then bad "nginx is not installed (scripts/setup.sh installs it)"; fi
if ! command -v curl >/dev/null; then bad "curl is not installed (scripts/setup.sh installs it)"; fi
[ "$fails" -eq 0 ] || finish

tmp="$(mktemp -d)"
chmod 755 "$tmp"  # nginx's workers may run as another user when started by root
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -QUIT "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# The site at the documented place relative to `root` (a copy, plus one file with a content hash
# in its name to check the long-cache rule; the built site has none today).
mkdir -p "$tmp/www/crohnscore" "$tmp/conf"
cp -r "$site/." "$tmp/www/crohnscore/"
chmod -R a+rX "$tmp/www"
printf 'export const hashed = true;\n' >"$tmp/www/crohnscore/fixture.0123abcd.js"

# The documented configuration, with only the web root and the snippet path replaced.
conf_src="$repo/deploy/nginx/crohnscore.conf"
snippet="/etc/nginx/snippets/crohnscore-headers.conf"
if ! grep -q "root /var/www;" "$conf_src" || ! grep -q "include $snippet;" "$conf_src"; then
  bad "deploy/nginx/crohnscore.conf: expected 'root /var/www;' and 'include $snippet;'"
  finish
fi
sed -e "s#root /var/www;#root $tmp/www;#" -e "s#include $snippet;#include $tmp/conf/crohnscore-headers.conf;#" \
  "$conf_src" >"$tmp/conf/crohnscore.conf"
cp "$repo/deploy/nginx/crohnscore-headers.conf" "$tmp/conf/crohnscore-headers.conf"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
user_line=""
if [ "$(id -u)" = "0" ]; then user_line="user nobody nogroup;"; fi
for d in client_body proxy fastcgi uwsgi scgi; do mkdir -p "$tmp/$d"; done
cat >"$tmp/nginx.conf" <<CONF
$user_line
worker_processes 1;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
events { worker_connections 64; }
http {
  access_log $tmp/access.log;
  client_body_temp_path $tmp/client_body;
  proxy_temp_path $tmp/proxy;
  fastcgi_temp_path $tmp/fastcgi;
  uwsgi_temp_path $tmp/uwsgi;
  scgi_temp_path $tmp/scgi;
  server_tokens off;
  server {
    listen 127.0.0.1:$port;
    server_name localhost;
    include $tmp/conf/crohnscore.conf;
  }
}
CONF
if ! "$nginx_bin" -t -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/error.log" >"$tmp/t.log" 2>&1; then
  bad "nginx -t rejects the documented configuration:"; cat "$tmp/t.log"; finish
fi
ok "nginx -t accepts deploy/nginx/crohnscore.conf"
"$nginx_bin" -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/error.log" >"$tmp/stdout.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do
  curl -s -o /dev/null "$base/" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if ! curl -s -o /dev/null "$base/"; then
  bad "nginx did not start on 127.0.0.1:$port"; cat "$tmp/error.log" "$tmp/stdout.log" 2>/dev/null; finish
fi
echo "hosting: nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///') on $base (pid $pid)"

# fetch PATH [curl options...]: headers to $tmp/h, body to $tmp/b, status in $status.
fetch() {
  local path="$1"; shift
  status="$(curl -s -o "$tmp/b" -D "$tmp/h" -w '%{http_code}' "$@" "$base$path")"
}
header() {  # the value of header $1 in $tmp/h (case-insensitive name), without CR
  grep -i "^$1:" "$tmp/h" | head -1 | sed -e 's/^[^:]*: *//' -e 's/\r$//'
}
expect_header() {  # NAME EXPECTED CONTEXT: exact value
  local got; got="$(header "$1")"
  if [ "$got" = "$2" ]; then ok "$3: $1: $2"; else bad "$3: $1 is '$got', expected '$2'"; fi
}
csp_base="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'"
security_headers() {  # CONTEXT
  local csp; csp="$(header Content-Security-Policy)"
  if [[ "$csp" == "$csp_base; frame-ancestors "* ]]; then ok "$1: CSP (with frame-ancestors)"
  else bad "$1: Content-Security-Policy is '$csp'"; fi
  if [[ "$csp" == *"'unsafe-inline'"* || "$csp" == *"'unsafe-eval'"* ]]; then
    bad "$1: CSP allows unsafe-inline or unsafe-eval"
  fi
  expect_header X-Content-Type-Options nosniff "$1"
  expect_header Referrer-Policy no-referrer "$1"
  local pp; pp="$(header Permissions-Policy)"
  local feature missing=""
  for feature in camera microphone geolocation payment usb; do
    [[ "$pp" == *"$feature=()"* ]] || missing="$missing $feature"
  done
  if [ -z "$missing" ] && [ -n "$pp" ]; then ok "$1: Permissions-Policy denies camera, microphone, geolocation, payment, usb"
  else bad "$1: Permissions-Policy '$pp' does not deny:$missing"; fi
}

fetch /crohnscore/
[ "$status" = 200 ] && ok "/crohnscore/: 200" || bad "/crohnscore/: status $status"
cmp -s "$tmp/b" "$site/index.html" && ok "/crohnscore/ is index.html" || bad "/crohnscore/ is not index.html"
expect_header Content-Type "text/html; charset=utf-8" /crohnscore/
expect_header Cache-Control no-cache /crohnscore/
security_headers /crohnscore/

fetch /crohnscore/index.html
[ "$status" = 200 ] && ok "/crohnscore/index.html: 200" || bad "/crohnscore/index.html: status $status"
expect_header Cache-Control no-cache index.html
security_headers index.html

fetch /crohnscore/crohn.wasm
[ "$status" = 200 ] && ok "crohn.wasm: 200" || bad "crohn.wasm: status $status"
cmp -s "$tmp/b" "$site/crohn.wasm" && ok "crohn.wasm arrives intact" || bad "crohn.wasm differs from the built file"
[ "$(head -c 4 "$tmp/b" | od -An -tx1 | tr -d ' \n')" = "0061736d" ] && ok "crohn.wasm starts with the wasm magic" \
  || bad "crohn.wasm does not start with \\0asm"
expect_header Content-Type application/wasm crohn.wasm
expect_header Cache-Control no-cache crohn.wasm
security_headers crohn.wasm

fetch /crohnscore/crohn.wasm --compressed
expect_header Content-Encoding gzip "crohn.wasm (Accept-Encoding: gzip)"
expect_header Content-Type application/wasm "crohn.wasm (gzip)"
cmp -s "$tmp/b" "$site/crohn.wasm" && ok "crohn.wasm (gzip) decompresses to the built file" \
  || bad "crohn.wasm (gzip) differs from the built file"

fetch /crohnscore/crohn.mjs
expect_header Content-Type "text/javascript; charset=utf-8" crohn.mjs
security_headers crohn.mjs

fetch /crohnscore/sw.js
[ "$status" = 200 ] && ok "sw.js: 200" || bad "sw.js: status $status"
expect_header Content-Type "text/javascript; charset=utf-8" sw.js
expect_header Cache-Control no-cache sw.js
security_headers sw.js

if [ -f "$site/manifest.webmanifest" ]; then
  fetch /crohnscore/manifest.webmanifest
  expect_header Content-Type "application/manifest+json; charset=utf-8" manifest.webmanifest
fi

fetch /crohnscore/fixture.0123abcd.js
expect_header Cache-Control "public, max-age=31536000, immutable" "hashed file"
security_headers "hashed file"

fetch /crohnscore
[ "$status" = 301 ] && ok "/crohnscore: 301" || bad "/crohnscore: status $status, expected 301"
expect_header Location /crohnscore/ "/crohnscore redirect"

fetch /crohnscore/no-such-file.js
[ "$status" = 404 ] && ok "missing file: 404" || bad "missing file: status $status"
security_headers "404 response"

# The app itself, in headless Chromium, under exactly these headers: the page sets
# <html data-ready="true"> once the core is loaded and the calculator is built ("error" and a
# message in .fatal when it could not start). Any CSP violation fails the check.
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "skip browser check: chromium is not installed (scripts/setup.sh installs it)"
elif ! grep -q 'data-ready\|dataset.ready' "$site"/*.js 2>/dev/null; then
  echo "skip browser check: the page in $site sets no data-ready marker to wait for"
else
  mkdir -p "$tmp/profile"
  timeout 90 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
    --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 --virtual-time-budget=15000 \
    --dump-dom "$base/crohnscore/" >"$tmp/dom.html" 2>"$tmp/browser.log"
  if grep -q '<html[^>]*data-ready="true"' "$tmp/dom.html"; then
    ok "browser: the app starts under the served headers (data-ready=true)"
  else
    bad "browser: the app did not start (no data-ready=\"true\"); page says: $(grep -o 'class="fatal"[^<]*' "$tmp/dom.html" | head -1)"
    grep -i 'console' "$tmp/browser.log" | tail -20
  fi
  if grep -qiE "Refused to|Content Security Policy|Content-Security-Policy" "$tmp/browser.log"; then
    bad "browser: CSP violations reported:"; grep -iE "Refused to|Content.Security.Policy" "$tmp/browser.log" | head -10
  else
    ok "browser: no CSP violation reported"
  fi
fi

if grep -q '\[emerg\]\|\[alert\]\|\[crit\]' "$tmp/error.log"; then bad "nginx error log:"; cat "$tmp/error.log"; fi
finish
