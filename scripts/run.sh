#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the native CLI and scores an
# example visit.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs
scripts/setup.sh
cmake --preset native >/dev/null
cmake --build --preset native
echo
echo "Example: HBI of examples/hbi-visit.json"
build/native/bin/crohnscore eval hbi examples/hbi-visit.json --pretty
