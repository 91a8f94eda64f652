#!/usr/bin/env bash
# CPU used by `csc-kiosk --demo` sitting idle for N seconds, event-driven versus
# --render-continuously, in a 1920x1080 Xvfb screen on Mesa llvmpipe; the same on the
# attract screen (the demo with ui.attract_after_s = 5), with the frames it drew; and the
# start-to-first-frame time the app logs (median of R starts).
#
#   bench/idle_cpu.sh [build-dir] [seconds=10] [starts=10]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$repo/build/release}"
seconds="${2:-10}"
starts="${3:-10}"
kiosk="$build/apps/csc-kiosk/csc-kiosk"
config="$repo/config/demo.json"
tick=$(getconf CLK_TCK)
log=$(mktemp)

Xvfb :97 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -f "$log"' EXIT
sleep 1
export DISPLAY=:97

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Prints "<kiosk cpu %> <xvfb cpu %>" over $seconds of idling.
measure_idle() {
  "$kiosk" --demo --config "$config" "$@" >"$log" 2>&1 &
  local pid=$!
  until grep -q "first frame presented" "$log"; do sleep 0.1; done
  sleep 2  # let the settle frames finish
  local k0 x0 k1 x1
  k0=$(cpu_ticks $pid); x0=$(cpu_ticks $xvfb)
  sleep "$seconds"
  k1=$(cpu_ticks $pid); x1=$(cpu_ticks $xvfb)
  kill -TERM $pid; wait $pid || true
  awk -v k=$((k1 - k0)) -v x=$((x1 - x0)) -v t="$tick" -v s="$seconds" \
    'BEGIN { printf "%.2f %.2f\n", 100 * k / t / s, 100 * x / t / s }'
}

read -r idle_k idle_x < <(measure_idle)
read -r cont_k cont_x < <(measure_idle --render-continuously)

# The attract screen: the demo's config with absolute paths in a scratch folder and the
# attract screen after 5 s. Frames are counted by the `ui` verb's frame counter.
scratch=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -f "$log"; rm -rf "$scratch"' EXIT
python3 - "$config" "$scratch" "$repo" <<'EOF'
import json, sys
config, scratch, repo = sys.argv[1:]
c = json.load(open(config))
c["paths"] = {"state_dir": f"{scratch}/state", "log_dir": f"{scratch}/log",
              "assets_dir": f"{repo}/assets", "control_socket": f"{scratch}/state/ctl.sock"}
c["backend"]["token_file"] = f"{scratch}/state/token"
c["trust"]["root_keys_file"] = f"{repo}/config/keys/demo-root-keys.json"
c["uidai"]["cert_path"] = f"{repo}/config/keys/uidai_demo_sign.cer"
c["ui"]["attract_after_s"] = 5
json.dump(c, open(f"{scratch}/config.json", "w"))
EOF
ui_frame() {
  python3 - "$scratch/state/ctl.sock" <<'EOF'
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b'{"verb": "ui"}\n')
data = b""
while not data.endswith(b"\n"):
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
print(json.loads(data)["frame"])
EOF
}
"$kiosk" --demo --config "$scratch/config.json" >"$log" 2>&1 &
pid=$!
until grep -q "the attract screen" "$log" || ! kill -0 $pid 2>/dev/null; do sleep 0.2; done
sleep 2
f0=$(ui_frame); k0=$(cpu_ticks $pid); x0=$(cpu_ticks $xvfb)
sleep "$seconds"
f1=$(ui_frame); k1=$(cpu_ticks $pid); x1=$(cpu_ticks $xvfb)
kill -TERM $pid; wait $pid || true
read -r attract_k attract_x attract_fps < <(awk -v k=$((k1 - k0)) -v x=$((x1 - x0)) \
  -v f=$((f1 - f0)) -v t="$tick" -v s="$seconds" \
  'BEGIN { printf "%.2f %.2f %.2f\n", 100 * k / t / s, 100 * x / t / s, f / s }')

first_frames=()
for _ in $(seq "$starts"); do
  "$kiosk" --demo --config "$config" >"$log" 2>&1 &
  pid=$!
  until grep -q "first frame presented" "$log"; do sleep 0.05; done
  first_frames+=("$(sed -n 's/.*first frame presented \([0-9.]*\) ms.*/\1/p' "$log")")
  kill -TERM $pid; wait $pid || true
done
median=$(printf '%s\n' "${first_frames[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

echo "idle ${seconds}s, event-driven:        csc-kiosk ${idle_k}% CPU, Xvfb ${idle_x}%"
echo "idle ${seconds}s, render-continuously: csc-kiosk ${cont_k}% CPU, Xvfb ${cont_x}%"
echo "attract screen ${seconds}s:             csc-kiosk ${attract_k}% CPU, Xvfb ${attract_x}%, ${attract_fps} frames/s"
echo "start to first frame, median of ${starts}: ${median} ms (all: ${first_frames[*]})"
