#!/usr/bin/env bash
# Installs the Debian 12 packages csc-kiosk needs (tools/debian-packages.txt) when any is
# missing, then configures and builds one build tree. Quick when nothing changed:
# one dpkg-query, and cmake/ninja rebuild only what changed.
#
#   tools/bootstrap.sh [release|asan]     (default: release)
#
# Prints the build directory on its last line.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
flavour="${1:-release}"

install_missing_packages() {
  local wanted missing=()
  mapfile -t wanted < <(grep -Ev '^\s*(#|$)' "$repo/tools/debian-packages.txt")
  for pkg in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$pkg")
    fi
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  echo "bootstrap: installing ${missing[*]}" >&2
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
}

configure_and_build() {
  local build="$repo/build/$flavour" type sanitize extra=()
  case "$flavour" in
    release) type=Release sanitize=OFF ;;
    # -O1 -g1 (line tables): what ASan's docs suggest, and half the compile time of
    # -O2 -g on this code. Benchmarks are built (and measured) in the release tree only.
    asan) type=RelWithDebInfo sanitize=ON
      extra=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DKIOSK_BENCH=OFF) ;;
    *) echo "bootstrap: unknown flavour '$flavour' (release|asan)" >&2; exit 2 ;;
  esac
  if [[ ! -f "$build/build.ninja" ]]; then
    cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="$type" \
      -DKIOSK_SANITIZE="$sanitize" "${extra[@]}" >&2
  fi
  cmake --build "$build" -j "$(nproc)" >&2
  echo "$build"
}

install_missing_packages
configure_and_build
