#!/usr/bin/env bash
# Photographs every citizen screen from the real window under Xvfb: three panels
# (1366x768 at 96 dpi, 1920x1080 at 96 and 141 dpi), Hindi and English, the standard and
# high-contrast themes and large text. PNGs land in build/<flavour>/artifacts/screens/.
#
#   tools/ui-tour.sh [release|asan]      (default: release; builds first)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$("$repo/tools/bootstrap.sh" "${1:-release}" | tail -n 1)"
"$build/tests/smoke_tests" "[tour]"
ls -d "$build/artifacts/screens/"*
