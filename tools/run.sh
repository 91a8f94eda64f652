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
mkdir -p "$repo/.demo/state"

# The local reference backend (tools/backend) on 127.0.0.1:8787, with the demo kiosk's
# token: transactions committed in the demo are delivered to it for real.
token_file="$repo/.demo/state/token"
if [[ ! -s "$token_file" ]]; then
  (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$token_file")
fi
"$build/tools/backend/csc-kiosk-backend" --port 8787 --token "$(cat "$token_file")" \
  --db "$repo/.demo/backend.db" >"$repo/.demo/backend.out" 2>"$repo/.demo/backend.log" &
backend_pid=$!
# The fingerprint reader's RD Service, simulated (tools/rdsim) on the demo's own port
# (uidai.rd_ports in config/demo.json), so a real RD Service on 11100-11120 is left alone.
# Scenarios: write e.g. "status NOTREADY" or "capture 700" into .demo/rdsim.fifo.
"$build/tools/rdsim/csc-kiosk-rdsim" --port 11190 --control "$repo/.demo/rdsim.fifo" \
  >"$repo/.demo/rdsim.out" 2>"$repo/.demo/rdsim.log" &
rdsim_pid=$!
trap 'kill "$backend_pid" "$rdsim_pid" 2>/dev/null || true' EXIT

# The kiosk runs under the USB simulator (docs/usb.md): a receipt printer, a barcode
# scanner and a fingerprint reader (2c0f:1005) on umockdev, driven by the kiosk's real
# libusb code. Faults: write e.g. "unplug printer" or "unplug fingerprint" into
# .demo/simusb.fifo.
# Each receipt the simulated printer cuts is written to .demo/receipts/ as a PNG.
simusb=("$build/tools/simusb/csc-kiosk-simusb" --printer --receipts "$repo/.demo/receipts" --scanner
        --fingerprint --control "$repo/.demo/simusb.fifo" --)
kiosk=("${simusb[@]}" "$build/apps/csc-kiosk/csc-kiosk" --demo --config "$repo/config/demo.json"
       "$@")
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "run: no display found; starting the demo inside Xvfb (1920x1080)" >&2
  xvfb-run -a -s "-screen 0 1920x1080x24" "${kiosk[@]}"
  exit $?
fi
"${kiosk[@]}"
