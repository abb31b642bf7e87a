#!/usr/bin/env bash
# check_exports.sh: the shared library must export the C ABI and nothing else, so that the engine's C++
# symbols (Boost, nlohmann_json, std templates) can never be bound by, or clash with, a host's own.
#   check_exports.sh LIBRARY
set -euo pipefail
symbols=$(nm -D --defined-only "$1" | awk '{ print $3 }' | sed 's/@.*//' | sort -u)
others=$(grep -v '^carecap_' <<<"$symbols" || true)
if [ -n "$others" ]; then
  echo "FAIL: $1 exports more than carecap_*:"
  head -n 20 <<<"$others"
  exit 1
fi
echo "$1 exports only:" $symbols
