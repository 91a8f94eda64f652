#!/usr/bin/env bash
# THE run command: installs what is missing, builds, and starts the kiosk demo
# (simulated devices and the local reference backend are added here as they land).
#
#   tools/run.sh [--windowed] [other csc-kiosk options]
#
# Starts fully offline. Without a display (no $DISPLAY / $WAYLAND_DISPLAY) it runs the
# demo inside Xvfb so the command still works on a headless machine.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$("$repo/tools/bootstrap.sh" release | tail -n 1)"
mkdir -p "$repo/.demo"

kiosk=("$build/apps/csc-kiosk/csc-kiosk" --demo --config "$repo/config/demo.json" "$@")
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "run: no display found; starting the demo inside Xvfb (1920x1080)" >&2
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "${kiosk[@]}"
fi
exec "${kiosk[@]}"
