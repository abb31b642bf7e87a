#!/usr/bin/env bash
# Refreshes the copied part of the seed corpora from the repository's own files:
#   corpus/rules/    every *.rules under rules/ and tests/ (as seed-<path>.rules)
#   corpus/history/  examples/**/*.json, tests/golden/**/*.json and every inline
#                    `history { ... }` of an example in a rule file (as seed-<path>[-N].json)
# Hand-made seeds (named hand-*) and libFuzzer's own finds are left alone.
# Run it after adding rule files or histories; commit what changes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mkdir -p "$here/corpus/rules" "$here/corpus/history"
rm -f "$here"/corpus/rules/seed-* "$here"/corpus/history/seed-*

flat() { local p="${1%.*}"; echo "${p//\//_}"; }

while IFS= read -r f; do
  cp "$f" "$here/corpus/rules/seed-$(flat "$f").rules"
done < <(find rules tests -name '*.rules' -not -path 'tests/fuzz/*' | sort)

while IFS= read -r f; do
  cp "$f" "$here/corpus/history/seed-$(flat "$f").json"
done < <(find examples tests/golden -name '*.json' | sort)

# Inline histories: from `history {` to its matching `}` (the examples keep braces out of strings).
while IFS= read -r f; do
  awk -v out="$here/corpus/history/seed-$(flat "$f")" '
    !inside && /history[ \t]*\{/ { inside = 1; depth = 0; n++; file = out "-" n ".json"; sub(/.*history[ \t]*/, "") }
    inside {
      print > file
      depth += gsub(/\{/, "{"); depth -= gsub(/\}/, "}")
      if (depth <= 0) { inside = 0; close(file) }
    }' "$f"
done < <(grep -l 'history[[:space:]]*{' $(find rules tests -name '*.rules' -not -path 'tests/fuzz/*' | sort))

echo "corpus/rules: $(ls "$here/corpus/rules" | wc -l) files, corpus/history: $(ls "$here/corpus/history" | wc -l) files"
