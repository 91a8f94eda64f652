#!/bin/sh
# csc-kiosk-simusb end to end, as the demo uses it: it re-executes itself under
# umockdev-wrapper, its child's libusb (kioskctl) sees the simulated printer, and fault
# commands on the control FIFO unplug and replug it.
#   simusb_faults.sh SIMUSB KIOSKCTL CONFIG FIFO
set -eu
simusb=$1 kioskctl=$2 config=$3 fifo=$4
exec "$simusb" --printer --control "$fifo" -- sh -c '
  set -eu
  status() { "$1" --config "$2" devices --json | grep "\"status\":" | head -n 1; }
  expect() {
    got=$(status "$1" "$2")
    case "$got" in *"\"$4\""*) echo "ok: $3 -> $4" ;; *) echo "FAIL: $3: got $got"; exit 1 ;; esac
  }
  expect "$1" "$2" plugged online
  echo "unplug printer" > "$3"; sleep 0.5
  expect "$1" "$2" unplugged no-device
  echo "replug printer" > "$3"; sleep 0.5
  expect "$1" "$2" replugged online
' simusb_faults "$kioskctl" "$config" "$fifo"
