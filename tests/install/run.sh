#!/usr/bin/env bash
# Installs the build into a scratch prefix, then MOVES the prefix elsewhere, so
# that neither the build tree's rules nor the configured prefix can be used by
# accident, and checks that every consumer finds the rules of the moved prefix:
#   - a C program built with find_package(sejour61) against the shared library,
#   - a C-only program (project(... C)) linked with sejour61::sejour61_static,
#     configured where Boost and nlohmann/json cannot be found,
#   - a C program built with pkg-config (shared), and one linked statically,
#   - the installed CLI (`sejour61 rules` prints the directory it chose),
#   - the installed Python module (Rules().rules_dir).
# Also: no installed artefact names the build tree's rule directory.
set -euo pipefail
build=$1; src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/first" >/dev/null
mv "$work/first" "$work/moved"
prefix="$work/moved"
rules="$prefix/share/sejour61/rules"
libdir=$(dirname "$(find "$prefix" -name 'libsejour61.so' | head -1)")
unset SEJOUR61_RULES
passed=0
ok() { echo "$1: ok"; passed=$((passed + 1)); }

# No build-tree path compiled in: neither the source rules nor the build tree's.
for f in "$libdir/libsejour61.so" "$libdir/libsejour61.a" "$prefix/bin/sejour61"; do
  if strings -a "$f" | grep -qF -e "$src/rules" -e "$build/share"; then
    echo "$f names the build tree's rules"; exit 1
  fi
done
ok "no build-tree path"

check() {  # name, program
  out=$("$2" "$src/examples/bxl-2026-0042.json" 2026-03-01)
  echo "$out" | grep -q '^until: 2026-05-01$' || { echo "$1: wrong output:"; echo "$out"; exit 1; }
  echo "$out" | grep -q '^state: provisional$' || { echo "$1: wrong state"; exit 1; }
  echo "$out" | grep -qxF "rules: $rules" || { echo "$1: not the moved prefix's rules:"; echo "$out"; exit 1; }
  echo "$out" | grep -qx 'id: consult-prosecutor' || { echo "$1: s61_next:"; echo "$out"; exit 1; }
  echo "$out" | grep -qx 'format: sejour61.compare/1' || { echo "$1: s61_compare:"; echo "$out"; exit 1; }
  echo "$out" | grep -qx 'verdict: accepted' || { echo "$1: s61_check_event:"; echo "$out"; exit 1; }
  printf '{"format": "sejour61.case/1"}' > "$work/bad.json"
  if err=$("$2" "$work/bad.json" 2026-03-01 2>&1); then echo "$1: a bad case was accepted"; exit 1; fi
  echo "$err" | grep -q '"path": "id"' || { echo "$1: error without path: $err"; exit 1; }
  ok "$1"
}
export LD_LIBRARY_PATH="$libdir"
cmake -S "$src/tests/install/consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
check "find_package, shared" "$work/cmake-build/consumer"

# C only, static, with Boost and nlohmann/json out of reach.
cmake -S "$src/tests/install/consumer-static" -B "$work/static-build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON -DCMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=ON >/dev/null
cmake --build "$work/static-build" >/dev/null
if ldd "$work/static-build/consumer_static" | grep -q libsejour61; then echo "static consumer is not static"; exit 1; fi
# The static program read from a copy elsewhere: the rules are found from the
# program's own place only when a prefix lies around it, else the configured
# prefix (gone here): a clear rules error, never the build tree's rules.
cp "$work/static-build/consumer_static" "$prefix/bin/consumer_static"
check "find_package, static (C only)" "$prefix/bin/consumer_static"
cp "$work/static-build/consumer_static" "$work/lonely"
configured="$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")/share/sejour61/rules"
if [ -d "$configured" ]; then  # something is installed in the configured prefix: that is used
  "$work/lonely" "$src/examples/bxl-2026-0042.json" 2026-03-01 | grep -qxF "rules: $(readlink -f "$configured")"
else
  if err=$("$work/lonely" "$src/examples/bxl-2026-0042.json" 2026-03-01 2>&1); then
    echo "a static program outside any prefix found rules: $err"; exit 1
  fi
  echo "$err" | grep -q "no rule directory found" || { echo "lonely static program: $err"; exit 1; }
fi
SEJOUR61_RULES="$rules" "$work/lonely" "$src/examples/bxl-2026-0042.json" 2026-03-01 | grep -qxF "rules: $rules"
ok "static program outside a prefix: rules error, or SEJOUR61_RULES"

export PKG_CONFIG_PATH="$libdir/pkgconfig"
cc -std=c99 -Wall -Wextra -o "$work/evaluate-pc" "$src/examples/c/evaluate.c" $(pkg-config --cflags --libs sejour61)
check "pkg-config, shared" "$work/evaluate-pc"
cc -std=c99 -Wall -Wextra -o "$prefix/bin/evaluate-pc-static" "$src/examples/c/evaluate.c" \
  $(pkg-config --cflags sejour61) "$libdir/libsejour61.a" $(pkg-config --libs-only-other --static sejour61) \
  $(pkg-config --libs-only-l --static sejour61 | sed 's/-lsejour61//') -pthread
check "pkg-config, static" "$prefix/bin/evaluate-pc-static"

# The installed CLI finds and names the moved prefix's rules.
"$prefix/bin/sejour61" status "$src/examples/bxl-2026-0042.json" --on 2026-03-01 | grep -q "valid from 1 February 2026 to 1 May 2026 inclusive"
"$prefix/bin/sejour61" rules > "$work/rules.txt"
head -1 "$work/rules.txt" | grep -qxF "Rule files: $rules"
ok cli

# The installed Python module too.
if [ -d "$prefix/lib/python3/dist-packages" ]; then
  PYTHONPATH="$prefix/lib/python3/dist-packages" /usr/bin/python3 -c "
import json, sejour61
r = sejour61.Rules()
assert r.rules_dir == '$rules', r.rules_dir
s = r.status(json.load(open('$src/examples/bxl-2026-0042.json')), on='2026-03-01')
assert s['document']['until'] == '2026-05-01', s
"
  ok python
fi
echo "$passed passed, 0 failed"
