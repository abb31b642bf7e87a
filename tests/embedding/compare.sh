#!/usr/bin/env bash
# compare.sh: runs the carecap command line and an embedding host on the same rules and history, and
# fails unless both write the same bytes to standard output and to standard error and exit with the
# same, expected, status.
#
#   compare.sh CLI COMMAND RULES HISTORY STATUS STDERR_REGEX [RULE_OPTION...] -- HOST [HOST_ARG...]
#
# COMMAND is eval or explain. The command line runs as `CLI RULE_OPTION... COMMAND --rules RULES HISTORY`,
# the host as `HOST HOST_ARG... RULE_OPTION... [--explain] --rules RULES HISTORY`. STDERR_REGEX, when not
# empty, is an extended regular expression the standard error must match as well.
set -uo pipefail
if (($# < 8)); then
  echo "usage: compare.sh CLI COMMAND RULES HISTORY STATUS STDERR_REGEX [RULE_OPTION...] -- HOST [ARG...]" >&2
  exit 2
fi
cli=$1 command=$2 rules=$3 history=$4 want_status=$5 want_stderr=$6
shift 6
rule_options=()
while (($#)) && [ "$1" != "--" ]; do rule_options+=("$1"); shift; done
shift # the --
host=("$@")
explain=()
[ "$command" = explain ] && explain=(--explain)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$cli" "${rule_options[@]}" "$command" --rules "$rules" "$history" >"$work/cli.out" 2>"$work/cli.err"
cli_status=$?
"${host[@]}" "${rule_options[@]}" "${explain[@]}" --rules "$rules" "$history" >"$work/host.out" 2>"$work/host.err"
host_status=$?

failed=0
fail() { echo "FAIL: $*"; failed=1; }
[ "$cli_status" = "$want_status" ] || fail "carecap $command exited $cli_status, expected $want_status"
[ "$host_status" = "$want_status" ] || fail "the host exited $host_status, expected $want_status"
if ! cmp -s "$work/cli.out" "$work/host.out"; then
  fail "standard output differs from carecap $command (< carecap, > host):"
  diff "$work/cli.out" "$work/host.out" | head -n 40
fi
if ! cmp -s "$work/cli.err" "$work/host.err"; then
  fail "standard error differs from carecap $command (< carecap, > host):"
  diff "$work/cli.err" "$work/host.err" | head -n 40
fi
if [ -n "$want_stderr" ] && ! grep -Eq -- "$want_stderr" "$work/host.err"; then
  fail "standard error does not match /$want_stderr/"
fi
if ((failed)); then
  echo "--- the host's standard error:"
  head -n 40 "$work/host.err"
  exit 1
fi
echo "same output as carecap $command ($(wc -c <"$work/host.out") bytes out, $(wc -c <"$work/host.err") bytes of errors, status $host_status)"
