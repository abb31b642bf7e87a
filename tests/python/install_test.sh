#!/usr/bin/env bash
# install_test.sh PYTHON SOURCE LIBRARY WORK: the package's offline install (docs/python.md) in a fresh
# virtual environment, then the installed package used from outside the source tree: with the library
# copied beside it, and with CARECAP_LIBRARY naming a file that is not there (a clear error).
set -euo pipefail
python=$1 source=$2 library=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
# A copy, so that building the wheel writes nothing into the source tree; the library goes beside the
# package's files, where package-data picks it up.
cp -r "$source/python" "$work/python"
rm -rf "$work/python/build" "$work/python"/*.egg-info
cp -L "$library" "$work/python/carecap/libcarecap.so"
cd "$work"
"$python" -m venv --system-site-packages V
V/bin/pip install --no-index --no-build-isolation ./python
cd /
unset CARECAP_LIBRARY PYTHONPATH
"$work/V/bin/python" - "$source" "$work" <<'PY'
import pathlib, sys
import carecap
source, work = sys.argv[1], sys.argv[2]
where = pathlib.Path(carecap.__file__).resolve()
assert str(where).startswith(work + "/V/"), f"imported {where}, not the installed package"
rules = carecap.RuleSet.load(f"{source}/rules/minimal/cap.rules")
account = rules.evaluate(pathlib.Path(f"{source}/examples/minimal/three-periods.json").read_text())
assert account["carecap_result"] == 1 and account["rules"]["hash"] == rules.hash, account["rules"]
print("installed at", where.parent, "library", carecap.version(), "rules", rules.hash)
PY
# CARECAP_LIBRARY, when set, is the only place looked at.
if CARECAP_LIBRARY=/nonexistent/libcarecap.so "$work/V/bin/python" -c \
   'import carecap; carecap.RuleSet.load("x.rules")' 2>"$work/missing.txt"; then
  echo "FAIL: a missing library was not reported"; exit 1
fi
grep -q "CARECAP_LIBRARY is /nonexistent/libcarecap.so, which is not a file" "$work/missing.txt" ||
  { echo "FAIL: unclear message:"; cat "$work/missing.txt"; exit 1; }
echo "python_install: ok"
