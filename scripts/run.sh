#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the native CLI (and scores an
# example visit with it), builds the WebAssembly module with the web app staged in build/web, and
# serves the app on http://127.0.0.1:8080/ (Ctrl+C stops it). PORT=NNNN picks another port.
# It builds only what it serves: the crohnscore target and the stage_web target (the two wasm
# modules and the copy of web/), not the Catch2 suites the presets also configure; scripts/test.sh
# builds and runs those (docs/decisions.md has the timings).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs
scripts/setup.sh
cmake --preset native >/dev/null
cmake --build --preset native --target crohnscore
echo
echo "Example: HBI of examples/hbi-visit.json"
build/native/bin/crohnscore eval hbi examples/hbi-visit.json --pretty
echo
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target stage_web
port="${PORT:-8080}"
echo
echo "Crohn Score is served at http://127.0.0.1:${port}/  (Ctrl+C to stop)"
# Python 3.11 serves .wasm as application/wasm; the CSP is in index.html (docs/web.md has the
# header form for production servers).
exec python3 -m http.server --bind 127.0.0.1 --directory build/web "${port}"
