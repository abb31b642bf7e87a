#!/usr/bin/env bash
# batch_test.sh CASE CARECAP SOURCE_DIR WORK_DIR: one end-to-end case of `carecap generate` / `carecap batch`.
set -euo pipefail
case_name=$1 carecap=$2 src=$3 work=$4
rules=$src/rules/england/reform.rules
# Separate commands: under set -e a failure inside an && list would not stop the script.
[ -n "$work" ] || exit 2
rm -rf "$work"
mkdir -p "$work"
cd "$work"

fail() { echo "FAIL $case_name: $*" >&2; exit 1; }
# The person ids of a file of histories or results, one a line ("line N" for an error object).
ids() { sed -E 's/.*"person":(\{"id":)?"([^"]*)".*/\2/; s/^\{"line":([0-9]+),.*/line \1/' "$1"; }

case $case_name in
generate_reproducible)
  "$carecap" generate --seed 7 --count 200 --out a.jsonl
  "$carecap" generate --seed 7 --count 200 > b.jsonl
  cmp a.jsonl b.jsonl || fail "the same seed gave different caseloads"
  "$carecap" generate --seed 8 --count 200 > c.jsonl
  cmp -s a.jsonl c.jsonl && fail "seeds 7 and 8 gave the same caseload"
  [ "$(wc -l < a.jsonl)" -eq 200 ] || fail "expected 200 lines"
  # A history depends only on (seed, index): shards concatenate to the whole.
  { "$carecap" generate --seed 7 --count 80; "$carecap" generate --seed 7 --first 80 --count 120; } > shards.jsonl
  cmp a.jsonl shards.jsonl || fail "shards differ from the whole caseload"
  # No two people share an id.
  [ "$(ids a.jsonl | sort -u | wc -l)" -eq 200 ] || fail "duplicate person ids"
  ;;
generate_valid)
  # Every generated history loads and evaluates under the reform rules.
  "$carecap" generate --seed 11 --count 300 > caseload.jsonl
  "$carecap" batch --rules "$rules" -j 2 caseload.jsonl > results.jsonl 2> summary.txt || { cat summary.txt; grep '"errors"' results.jsonl | head -3; fail "status $?"; }
  [ "$(wc -l < results.jsonl)" -eq 300 ] || fail "expected 300 results"
  grep -q '^{"line":' results.jsonl && fail "error lines: $(grep '^{"line":' results.jsonl | head -2)"
  grep -q '^carecap batch: 300 people, .* 0 errors' summary.txt || fail "summary: $(cat summary.txt)"
  # The mix the generator promises is there.
  for word in '"residential"' '"home"' '"independent"' '"personal"' '"top_ups"' nhs_continuing_healthcare '"moves"' '"adjustments"'; do
    grep -q "$word" caseload.jsonl || fail "no $word in the caseload"
  done
  ;;
batch_jobs_identical)
  "$carecap" generate --seed 3 --count 150 > caseload.jsonl
  "$carecap" batch --rules "$rules" -j 1 caseload.jsonl --out j1.jsonl 2> /dev/null
  "$carecap" batch --rules "$rules" -j 2 caseload.jsonl --out j2.jsonl 2> /dev/null
  "$carecap" batch --rules "$rules" -j 5 caseload.jsonl > j5.jsonl 2> /dev/null
  cmp j1.jsonl j2.jsonl || fail "-j 1 and -j 2 differ"
  cmp j1.jsonl j5.jsonl || fail "-j 1 and -j 5 differ"
  diff <(ids caseload.jsonl) <(ids j2.jsonl) > /dev/null || fail "results are not in input order"
  # Each result is exactly what `carecap eval --compact` prints for that history.
  sed -n 17p caseload.jsonl > one.json
  "$carecap" eval --compact --rules "$rules" one.json > one.result
  sed -n 17p j2.jsonl | cmp - one.result || fail "line 17 differs from carecap eval --compact"
  ;;
batch_bad_line)
  "$carecap" generate --seed 5 --count 40 > good.jsonl
  # Line 3 is not JSON, line 6 is blank (no record), line 8 has overlapping care periods.
  { sed -n 1,2p good.jsonl; echo '{"carecap_history": 1, "person": '
    sed -n 3,4p good.jsonl; echo ''; sed -n 5p good.jsonl
    echo '{"carecap_history":1,"person":{"id":"bad"},"authority":"A","care_periods":[{"id":"a","start":"2023-10-02","end":"2024-01-01","setting":"home","budget":"personal","weekly_cost":"100.00"},{"id":"b","start":"2023-12-01","end":"2024-02-01","setting":"home","budget":"personal","weekly_cost":"100.00"}]}'
    sed -n '6,$p' good.jsonl; } > mixed.jsonl
  status=0
  "$carecap" batch --rules "$rules" -j 2 mixed.jsonl > results.jsonl 2> summary.txt || status=$?
  [ "$status" -eq 1 ] || fail "expected status 1, got $status"
  [ "$(wc -l < results.jsonl)" -eq 42 ] || fail "expected 42 results (40 good, 2 bad, the blank line skipped)"
  sed -n 3p results.jsonl | grep -q '^{"line":3,"errors":\["mixed.jsonl:3: invalid JSON' || fail "line 3: $(sed -n 3p results.jsonl)"
  sed -n 7p results.jsonl | grep -q '^{"line":8,"errors":\[.*overlaps care_periods\[0\]' || fail "line 8: $(sed -n 7p results.jsonl)"
  expected=$(ids good.jsonl | sed -e '2a line 3' -e '5a line 8')
  [ "$(ids results.jsonl)" = "$expected" ] || fail "the batch did not go on in input order"
  grep -q '^carecap batch: 40 people, .* 2 errors' summary.txt || fail "summary: $(cat summary.txt)"
  ;;
batch_stderr)
  # Piped stderr: no progress line, only the closing summary.
  "$carecap" generate --seed 9 --count 20 | "$carecap" batch --rules "$rules" - > results.jsonl 2> stderr.txt
  [ "$(wc -l < stderr.txt)" -eq 1 ] || fail "stderr: $(cat stderr.txt)"
  grep -q $'\r' stderr.txt && fail "a progress line went to a pipe"
  grep -Eq '^carecap batch: 20 people, [0-9]+ reached the cap, £[0-9,]+\.[0-9]{2} metered, 0 errors, [0-9]+\.[0-9]{3} s .*peak memory [0-9]+\.[0-9] MiB$' stderr.txt ||
    fail "summary: $(cat stderr.txt)"
  ;;
batch_usage)
  status=0; "$carecap" batch caseload.jsonl 2> /dev/null || status=$?
  [ "$status" -eq 2 ] || fail "no --rules: expected status 2, got $status"
  status=0; "$carecap" batch --rules "$rules" -j 0 x.jsonl 2> /dev/null || status=$?
  [ "$status" -eq 2 ] || fail "-j 0: expected status 2, got $status"
  status=0; "$carecap" generate --seed 1 2> /dev/null || status=$?
  [ "$status" -eq 2 ] || fail "no --count: expected status 2, got $status"
  status=0; "$carecap" batch --rules "$rules" missing.jsonl 2> err.txt || status=$?
  [ "$status" -eq 1 ] || fail "a missing caseload: expected status 1, got $status"
  ;;
batch_out_is_input)
  # --out naming the caseload (by another path, or through a link) is refused before anything is
  # truncated: the caseload is unchanged and the message says why. The same for the rule file.
  "$carecap" generate --seed 3 --count 5 > caseload.jsonl
  cp caseload.jsonl before.jsonl
  ln -sf caseload.jsonl link.jsonl
  cp "$src/rules/minimal/cap.rules" copy.rules
  for out in caseload.jsonl ./caseload.jsonl link.jsonl copy.rules; do
    status=0
    "$carecap" batch --rules copy.rules caseload.jsonl --out "$out" > /dev/null 2> err.txt || status=$?
    [ "$status" -eq 1 ] || fail "--out $out: expected status 1, got $status"
    grep -q "is the same file as" err.txt || fail "--out $out: $(cat err.txt)"
  done
  cmp caseload.jsonl before.jsonl || fail "the caseload was changed"
  cmp copy.rules "$src/rules/minimal/cap.rules" || fail "the rule file was changed"
  # Another file is written as before: five results.
  "$carecap" batch --rules copy.rules caseload.jsonl --out results.jsonl 2> /dev/null || true
  [ "$(wc -l < results.jsonl)" -eq 5 ] || fail "expected 5 results in results.jsonl"
  ;;
generate_ranges)
  # Negative, zero, too large or not a number: refused with the range, status 2, nothing written.
  for bad in "--count -5" "--count 0" "--count 100000001" "--count 5x" "--count 5 --first -1" \
             "--count 5 --seed -1" "--count 5 --first 1000000000001"; do
    status=0
    # shellcheck disable=SC2086
    timeout 10 "$carecap" generate $bad > out.jsonl 2> err.txt || status=$?
    [ "$status" -eq 2 ] || fail "generate $bad: expected status 2, got $status"
    grep -q "must be a whole number from" err.txt || fail "generate $bad: $(cat err.txt)"
    [ ! -s out.jsonl ] || fail "generate $bad wrote something"
  done
  "$carecap" generate --count 1 --seed 18446744073709551615 --first 1000000000000 | grep -q carecap_history ||
    fail "the largest seed and first index are allowed"
  ;;
*) fail "unknown case" ;;
esac
echo "pass $case_name"
