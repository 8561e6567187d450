#!/usr/bin/env bash
# Rebuild the playground page from its sources: install the pinned packages of package-lock.json
# (npm ci, with no install scripts: esbuild's binary comes as an optional dependency), then bundle
# with esbuild into src/perfrules/service/playground/ (committed, shipped in the wheel) and write
# playground/bundle.sha256. Same sources, same bytes. Needs Node 18 or later and npm.
#
#   playground/build.sh             rebuild the committed bundle and its manifest
#   playground/build.sh --out DIR   build into DIR only, to compare with what is committed
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out_args=()
if [ "${1:-}" = "--out" ] && [ -n "${2:-}" ]; then
    mkdir -p "$2"
    out_args=(--out "$(cd "$2" && pwd)")
    shift 2
fi
if [ "$#" -ne 0 ]; then
    echo "usage: playground/build.sh [--out DIR]" >&2
    exit 2
fi
cd "$here"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
node build.mjs "${out_args[@]}"
