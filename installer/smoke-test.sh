#!/usr/bin/env bash
# CI smoke test of the installer: builds the app image (Maven profile "installer", jpackage + trimmed
# runtime) and runs its launcher with --self-test under Xvfb: a real JavaFX window, the synthetic set, one
# short training epoch through TrainingRun on a background thread, exit 0. It catches a broken launcher, a
# module missing from the trimmed runtime and a native library that does not load.
#
# Usage: installer/smoke-test.sh [--no-build]      (--no-build: reuse target/installer/image)
# Needs: JDK 17 with jpackage, Maven, xvfb (xvfb-run), xauth, libgtk-3-0, fonts-dejavu-core.
# Time on the 2-core dev machine: build ~40-60 s (warm ~/.m2), self-test ~10-15 s with a fresh native cache.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
[ "${1:-}" = "--no-build" ] && build=0

for tool in xvfb-run timeout; do
  command -v "$tool" >/dev/null || { echo "smoke test: $tool is missing (Debian: apt-get install xvfb coreutils)" >&2; exit 2; }
done

start=$(date +%s)
if [ "$build" = 1 ]; then
  echo "== building the app image (mvn -Pinstaller -DskipTests package)"
  mvn -B -q -Pinstaller -DskipTests package
fi
built=$(date +%s)

launcher=target/installer/image/flatten-explorer/bin/flatten-explorer
if [ ! -x "$launcher" ]; then
  echo "smoke test failed: no launcher at $launcher" >&2
  exit 1
fi
echo "== app image: $(du -sh target/installer/image/flatten-explorer | cut -f1) ($(du -sh target/installer/image/flatten-explorer/lib/runtime | cut -f1) runtime, $(du -sh target/installer/image/flatten-explorer/lib/app/natives 2>/dev/null | cut -f1) natives)"

# A fresh native cache: the first start unpacks ND4J's and JavaFX's natives, as on a user's machine.
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
# No OMP_NUM_THREADS: the installed app has none either (the self-test measures that one thread is used).
echo "== $launcher --self-test (under xvfb-run)"
set +e
env -u OMP_NUM_THREADS timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" \
  "$launcher" --self-test --timeout 240 --native-cache "$cache"
rc=$?
set -e
end=$(date +%s)
# First-start disk use: where the image ships ND4J's natives unpacked (lib/app/natives), nothing of theirs may
# land in the cache (only JavaFX's own, under 1 MB).
echo "== first start wrote $(du -sh "$cache" | cut -f1) into the native cache"
image_natives=target/installer/image/flatten-explorer/lib/app/natives
if [ $rc -eq 0 ] && [ -d "$image_natives" ] && [ -n "$(find "$cache" -name 'libnd4jcpu*' -print -quit)" ]; then
  echo "smoke test failed: ND4J's natives were unpacked into the cache although the image ships them in $image_natives" >&2
  rc=1
fi
if [ $rc -eq 124 ]; then
  echo "smoke test failed: the self-test hung (killed after 300 s)" >&2
elif [ $rc -ne 0 ]; then
  echo "smoke test failed: the self-test exited $rc (reason above)" >&2
else
  echo "smoke test passed: build $((built - start)) s, self-test $((end - built)) s"
fi
exit $rc
