#!/usr/bin/env bash
# THE test command: installs what is missing, then builds and runs every test twice:
# a Release build, and an ASan+UBSan build running the whole suite. .ci/run calls this.
#
#   tools/test.sh [release|asan]...     (default: release asan)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
flavours=("$@")
[[ ${#flavours[@]} -eq 0 ]] && flavours=(release asan)

# The Debian package from the Release tree, shipping the CI's root keys (packaging/README.md);
# tests/package/ unpacks it, checks it and installs it in a throwaway root.
package() {
  local build=$1 keys="$repo/packaging/ci-root-keys.json"
  if ! grep -qx "KIOSK_ROOT_KEYS_FILE:FILEPATH=$keys" "$build/CMakeCache.txt"; then
    cmake -DKIOSK_ROOT_KEYS_FILE="$keys" "$build" >&2
    cmake --build "$build" -j "$(nproc)" >&2  # package_tests knows which keys to expect
  fi
  echo "== release: cpack -G DEB" >&2
  (cd "$build" && cpack -G DEB) >&2
}

for flavour in "${flavours[@]}"; do
  echo "== $flavour: build" >&2
  build="$("$repo/tools/bootstrap.sh" "$flavour" | tail -n 1)"
  [[ $flavour == release ]] && package "$build"
  echo "== $flavour: tests" >&2
  # Three tests per two cores: most of them wait (on child processes, sockets, Xvfb, USB
  # simulations) rather than compute. Two per core took the suite from 3 min to 2 min per
  # build, but one ASan run saw the slowest end-to-end test (the fingerprint privacy
  # check) fail under that load; three per two cores keeps most of the gain.
  ctest --test-dir "$build" --output-on-failure -j "$(( $(nproc) * 3 / 2 ))" --timeout 300
done
