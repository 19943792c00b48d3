#!/usr/bin/env bash
# Installs the build into a scratch prefix and builds the C example against it
# twice: with find_package(sejour61) and with pkg-config. Both must run, find
# the installed rules without being told where, and handle a bad case.
set -euo pipefail
build=$1; src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name 'libsejour61.so' | head -1)")
export LD_LIBRARY_PATH="$libdir"
unset SEJOUR61_RULES
check() {  # name, program
  out=$("$2" "$src/examples/bxl-2026-0042.json" 2026-03-01)
  echo "$out" | grep -q '^until: 2026-05-01$' || { echo "$1: wrong output:"; echo "$out"; exit 1; }
  echo "$out" | grep -q '^state: provisional$' || { echo "$1: wrong state"; exit 1; }
  printf '{"format": "sejour61.case/1"}' > "$work/bad.json"
  if err=$("$2" "$work/bad.json" 2026-03-01 2>&1); then echo "$1: a bad case was accepted"; exit 1; fi
  echo "$err" | grep -q '"path": "id"' || { echo "$1: error without path: $err"; exit 1; }
  echo "$1: ok"
}
cmake -S "$src/tests/install/consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
check find_package "$work/cmake-build/consumer"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
cc -std=c99 -Wall -Wextra -o "$work/evaluate-pc" "$src/examples/c/evaluate.c" $(pkg-config --cflags --libs sejour61)
check pkg-config "$work/evaluate-pc"
# The installed CLI finds the installed rules too.
"$prefix/bin/sejour61" status "$src/examples/bxl-2026-0042.json" --on 2026-03-01 | grep -q "valid 2026-02-01 to 2026-05-01"
echo cli: ok
# The installed Python module finds the installed rules too.
if [ -d "$prefix/lib/python3/dist-packages" ]; then
  PYTHONPATH="$prefix/lib/python3/dist-packages" /usr/bin/python3 -c "
import json, sejour61
s = sejour61.Rules().status(json.load(open('$src/examples/bxl-2026-0042.json')), on='2026-03-01')
assert s['document']['until'] == '2026-05-01', s
"
  echo python: ok
fi
echo "4 passed, 0 failed"
