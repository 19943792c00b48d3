#!/usr/bin/env bash
# Builds the Debian package with cpack, checks its metadata, unpacks it into a
# scratch root and runs what it installed there: the CLI finds the packaged
# rules next to itself, the C library links, the Python module imports.
# (Installing with dpkg -i would change this machine; the unpacked tree is what
# dpkg would lay out under /.)
set -euo pipefail
build=$1; src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/sejour61_*.deb)
dpkg-deb --info "$deb" > "$work/info"
grep -q '^ Package: sejour61$' "$work/info" || { echo "no package name"; cat "$work/info"; exit 1; }
grep -q '^ Depends:.*libc6' "$work/info" || { echo "no shared-library dependencies"; cat "$work/info"; exit 1; }
dpkg-deb --contents "$deb" > "$work/contents"
for f in ./usr/bin/sejour61 ./usr/share/sejour61/rules/manifest.json ./usr/share/sejour61/schemas/status.schema.json \
         ./usr/include/sejour61/sejour61.h ./usr/lib/libsejour61.so.0.1.0; do
  grep -q " $f\$" "$work/contents" || { echo "missing in the package: $f"; exit 1; }
done
dpkg-deb -x "$deb" "$work/root"
unset SEJOUR61_RULES
"$work/root/usr/bin/sejour61" status "$src/examples/bxl-2026-0042.json" --on 2026-03-01 | grep -q "valid from 1 February 2026 to 1 May 2026 inclusive"
"$work/root/usr/bin/sejour61" rules > "$work/rules.txt"
head -1 "$work/rules.txt" | grep -qxF "Rule files: $work/root/usr/share/sejour61/rules"
py=$(find "$work/root" -name 'sejour61*.so' -path '*python3*' | head -1)
if [ -n "$py" ]; then
  PYTHONPATH=$(dirname "$py") /usr/bin/python3 -c "import sejour61; print(sejour61.Rules().rules_dir)" \
    | grep -qxF "$work/root/usr/share/sejour61/rules"
fi
echo "$(basename "$deb"): ok"
echo "1 passed, 0 failed"
