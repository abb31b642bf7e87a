#!/usr/bin/env bash
# consumer.sh: installs carecap into a fresh prefix, builds the separate project in consumer/ against it
# with find_package(carecap), and checks that its C host, its C++ host and the installed command line all
# print what the build tree's command line prints.
#   consumer.sh CMAKE GENERATOR CC CXX BUILD_DIR CONSUMER_SOURCE WORK_PARENT CLI RULES HISTORY
# Each run works in a fresh directory under WORK_PARENT, so that two ctest runs of one build tree never
# share a prefix; it is removed when the test passes and kept, for a look, when it fails.
# The consumer's compile and link flags come from CARECAP_CONSUMER_{C,CXX,EXE_LINKER}_FLAGS (the build's
# own, passed on by tests/embedding/CMakeLists.txt).
set -euo pipefail
cmake=$1 generator=$2 cc=$3 cxx=$4 build=$5 source=$6 parent=$7 cli=$8 rules=$9 history=${10}

mkdir -p "$parent"
work=$(mktemp -d "$parent/run.XXXXXX")
trap 'status=$?; if [ $status -eq 0 ]; then rm -rf "$work"; else echo "(kept $work)"; fi' EXIT
prefix=$work/prefix
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log"

# The layout docs/embedding.md promises.
for f in bin/carecap lib/libcarecap.so lib/libcarecap_core.a include/carecap/carecap.h \
         include/carecap/carecap.hpp lib/cmake/carecap/carecapConfig.cmake \
         lib/cmake/carecap/carecapConfigVersion.cmake; do
  [ -e "$prefix/$f" ] || { echo "FAIL: the install has no $f"; exit 1; }
done
# PEGTL stays out of the installed headers.
if grep -rlq pegtl "$prefix/include"; then
  echo "FAIL: an installed header mentions PEGTL:"; grep -rl pegtl "$prefix/include"; exit 1
fi

# Only the prefix is offered to find_package, so the build tree cannot be found by accident.
"$cmake" -S "$source" -B "$work/build" -G "$generator" -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
         -DCMAKE_C_FLAGS="${CARECAP_CONSUMER_C_FLAGS:-}" -DCMAKE_CXX_FLAGS="${CARECAP_CONSUMER_CXX_FLAGS:-}" \
         -DCMAKE_EXE_LINKER_FLAGS="${CARECAP_CONSUMER_EXE_LINKER_FLAGS:-}" \
         -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$work/configure.log" \
  || { cat "$work/configure.log"; exit 1; }
grep -q "carecap .* found in $prefix/" "$work/configure.log" \
  || { echo "FAIL: find_package(carecap) did not find the prefix:"; cat "$work/configure.log"; exit 1; }
"$cmake" --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
# The C host runs on the installed shared library, not the build tree's.
# (ldd is read whole first: grep -q would stop early, and pipefail would count ldd's broken pipe.)
libraries=$(ldd "$work/build/consumer_c")
grep -q "$prefix/lib/libcarecap.so" <<<"$libraries" \
  || { echo "FAIL: consumer_c does not use $prefix/lib/libcarecap.so:"; echo "$libraries"; exit 1; }

"$cli" eval --rules "$rules" "$history" >"$work/expected.json"
failed=0
check() { # NAME COMMAND...
  local name=$1; shift
  if ! "$@" >"$work/$name.json"; then
    echo "FAIL: $name exited non-zero"; failed=1
  elif ! cmp -s "$work/expected.json" "$work/$name.json"; then
    echo "FAIL: $name differs from carecap eval:"; { diff "$work/expected.json" "$work/$name.json" | head -n 20 || true; }; failed=1
  else
    echo "$name: same output as carecap eval"
  fi
}
check consumer_c "$work/build/consumer_c" "$rules" "$history"
check consumer_cpp "$work/build/consumer_cpp" "$rules" "$history"
check installed_cli "$prefix/bin/carecap" eval --rules "$rules" "$history"
exit $failed
