#!/usr/bin/env bash
# Fuzzes every parser target in tests/fuzz/*.fuzz.cpp with AFL++ for N minutes each, then
# adds the new interesting inputs to tests/fuzz/corpus/<target>/ (CI replays them).
#
#   tools/fuzz.sh [MINUTES=5] [TARGET...]
#
# What works on Debian 12: GCC classic instrumentation (AFL_CC_COMPILER=GCC afl-g++; the
# afl-g++-fast plugin refuses GCC 12.2 and clang-14 cannot compile std::expected against
# libstdc++ 12), linked with plain g++ and AFL's driver (libAFLDriver.a), which supplies
# main() around LLVMFuzzerTestOneInput.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes="${1:-5}"
shift || true
work="$repo/build/fuzz"
mkdir -p "$work"

if ! command -v afl-fuzz >/dev/null; then
  sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >&2
fi
build="$("$repo/tools/bootstrap.sh" release | tail -n 1)"

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for f in "$repo"/tests/fuzz/*.fuzz.cpp; do targets+=("$(basename "$f" .fuzz.cpp)"); done
fi

# The kiosk sources a target needs, instrumented too (coverage inside the parsers matters).
flags=(-std=c++23 -O2 -g -I"$repo" -I"$build/generated" -I/usr/include/stb $(pkg-config --cflags libcurl))
libs=(-lfmt -lcurl -lssl -lcrypto -lz -lZXing -lstb -lusb-1.0)
sources=("$repo"/kiosk/qr/*.cpp "$repo"/kiosk/core/result.cpp "$repo"/kiosk/core/log.cpp
         "$repo"/kiosk/core/image.cpp "$repo"/kiosk/text/utf8.cpp)
# The control socket target reaches the verb registry and the handlers behind it.
control_sources=("$repo"/kiosk/control/*.cpp "$repo"/kiosk/devices/*.cpp "$repo"/kiosk/config/*.cpp
                 "$repo"/kiosk/core/thread_guard.cpp "$repo"/kiosk/core/close_on_fork.cpp
                 "$repo"/kiosk/core/file.cpp)

for t in "${targets[@]}"; do
  echo "== $t: building with afl-g++" >&2
  objs=()
  target_sources=("${sources[@]}")
  [[ $t == control_request ]] && target_sources+=("${control_sources[@]}")
  [[ $t == printer_reply ]] && target_sources+=("$repo"/drivers/printer/protocol.cpp "$repo"/drivers/printer/escpos.cpp)
  [[ $t == device_state_json ]] && target_sources+=("$repo/kiosk/devices/device_json.cpp")
  [[ $t == print_test_reply ]] && target_sources+=("$repo/kiosk/receipt/print_test_reply.cpp")
  for s in "${target_sources[@]}" "$repo/tests/fuzz/$t.fuzz.cpp"; do
    o="$work/$t-$(basename "$s").o"
    AFL_CC_COMPILER=GCC AFL_QUIET=1 afl-g++ "${flags[@]}" -c "$s" -o "$o"
    objs+=("$o")
  done
  g++ -o "$work/$t.afl" "${objs[@]}" /usr/lib/afl/afl-compiler-rt.o /usr/lib/afl/libAFLDriver.a "${libs[@]}"
  corpus="$repo/tests/fuzz/corpus/$t"
  out="$work/$t.out"
  rm -rf "$out"
  echo "== $t: fuzzing for $minutes min" >&2
  AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
    timeout --preserve-status "$((minutes * 60 + 30))" \
    afl-fuzz -V "$((minutes * 60))" -i "$corpus" -o "$out" -- "$work/$t.afl" @@ || true
  # Keep what AFL found: the queue (new coverage) and any crashes (to fix, then keep).
  for f in "$out"/default/queue/id:* "$out"/default/crashes/id:*; do
    [[ -f "$f" && "$f" != *orig:* ]] || continue  # orig: entries are the corpus itself
    cp "$f" "$corpus/afl-$(sha1sum "$f" | cut -c1-16)"
  done
  crashes=$(find "$out/default/crashes" -name 'id:*' 2>/dev/null | wc -l)
  echo "== $t: corpus now $(ls "$corpus" | wc -l) files, $crashes crashes" >&2
done
