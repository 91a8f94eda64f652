// QR decoding on camera-like frames: ZXing-cpp 1.4 (+ one retry with the global-histogram
// binarizer) and zbar 0.23 side by side, and the kiosk's decoder, which asks zbar about
// the frames ZXing reads nothing in, on one generated corpus (tests/support/qr_frames.h).
//
//   build/release/bench/qr_bench
//
// Corpus (generated here, deterministic seed): receipt (~40 chars), UPI (~120 chars) and
// Aadhaar-like 2,500-digit payloads; 2, 3, 4 and 6 px per module; 640x480 and 1280x720
// frames (the 2,500-digit payload at 1280x720 only: it cannot get 4 px modules in
// 640x480); distortions: none, rotation (15°), perspective (a true homography: the top
// edge 20 % narrower, the bottom 20 % wider), blur, noise, low contrast, a lighting
// gradient, and all of them combined.
#include <benchmark/benchmark.h>
#include <zbar.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "kiosk/qr/image_decode.h"
#include "kiosk/qr/qr_generate.h"
#include "tests/support/qr_frames.h"

namespace {

using kiosk::testing::qrframes::corpus;
using kiosk::testing::qrframes::Frame;

const std::vector<Frame>& frames() {
  static const std::vector<Frame> all = corpus();
  return all;
}

bool zxing_decodes(const Frame& f) {
  kiosk::qr::DecodeOptions opts;
  opts.code128 = opts.pdf417 = false;
  opts.zbar_fallback = false;  // ZXing alone
  auto r = kiosk::qr::decode_grey(f.grey, f.width, f.height, f.width, opts);
  return r &&
         std::any_of(r->begin(), r->end(), [&](const auto& s) { return s.text == f.expected; });
}

// What the kiosk runs: ZXing, its retry, then zbar on a frame ZXing read nothing in.
bool kiosk_decodes(const Frame& f) {
  kiosk::qr::DecodeOptions opts;
  opts.code128 = opts.pdf417 = false;
  auto r = kiosk::qr::decode_grey(f.grey, f.width, f.height, f.width, opts);
  return r &&
         std::any_of(r->begin(), r->end(), [&](const auto& s) { return s.text == f.expected; });
}

bool zbar_decodes(const Frame& f) {
  zbar::zbar_image_scanner_t* scanner = zbar::zbar_image_scanner_create();
  zbar::zbar_image_scanner_set_config(scanner, zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
  zbar::zbar_image_scanner_set_config(scanner, zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
  zbar::zbar_image_t* image = zbar::zbar_image_create();
  zbar::zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
  zbar::zbar_image_set_size(image, f.width, f.height);
  zbar::zbar_image_set_data(image, f.grey.data(), f.grey.size(), nullptr);
  bool ok = false;
  if (zbar::zbar_scan_image(scanner, image) > 0) {
    for (auto* s = zbar::zbar_image_first_symbol(image); s != nullptr;
         s = zbar::zbar_symbol_next(s)) {
      ok = ok || f.expected == zbar::zbar_symbol_get_data(s);
    }
  }
  zbar::zbar_image_destroy(image);
  zbar::zbar_image_scanner_destroy(scanner);
  return ok;
}

// One pass over the frames of one resolution; time per frame is the median of the
// per-frame wall times, reported as the benchmark's manual time.
template <bool (*Decode)(const Frame&)>
void BM_Decode(benchmark::State& state) {
  const int width = static_cast<int>(state.range(0));
  std::vector<double> ms;
  int decoded = 0, total = 0;
  for (auto _ : state) {
    ms.clear();
    decoded = total = 0;
    for (const Frame& f : frames()) {
      if (f.width != width) continue;
      const auto t0 = std::chrono::steady_clock::now();
      decoded += Decode(f) ? 1 : 0;
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      ++total;
    }
    std::sort(ms.begin(), ms.end());
    state.SetIterationTime(ms[ms.size() / 2] / 1000.0);
  }
  state.counters["frames"] = total;
  state.counters["decoded_pct"] = 100.0 * decoded / std::max(1, total);
  state.counters["median_ms"] = ms[ms.size() / 2];
  state.counters["p95_ms"] = ms[ms.size() * 95 / 100];
}

// Which conditions each decoder misses (printed once to stderr), to see where the rates differ.
void BM_MissTable(benchmark::State& state) {
  static const char* names[] = {"none",  "rotate",       "perspective", "blur",
                                "noise", "low-contrast", "gradient",    "all"};
  for (auto _ : state) {
    for (const Frame& f : frames()) {
      const bool z = zxing_decodes(f), b = zbar_decodes(f);
      if (z && b) continue;
      std::fprintf(stderr, "%4dx%-4d %-8s %dpx %-12s zxing %s zbar %s\n", f.width, f.height,
                   f.aadhaar ? "aadhaar" : (f.expected.size() < 60 ? "receipt" : "upi"), f.module,
                   names[f.distortion], z ? "ok  " : "MISS", b ? "ok" : "MISS");
    }
  }
}
BENCHMARK(BM_MissTable)->Iterations(1)->Unit(benchmark::kSecond);

// The kiosk against the union of both libraries: every frame either reads, it must read.
void BM_KioskCoversEither(benchmark::State& state) {
  int either = 0, kiosk_read = 0, kiosk_of_either = 0;
  for (auto _ : state) {
    either = kiosk_read = kiosk_of_either = 0;
    for (const Frame& f : frames()) {
      const bool e = zxing_decodes(f) || zbar_decodes(f), k = kiosk_decodes(f);
      either += e;
      kiosk_read += k;
      kiosk_of_either += e && k;
    }
  }
  state.counters["frames"] = static_cast<double>(frames().size());
  state.counters["either"] = either;
  state.counters["kiosk"] = kiosk_read;
  state.counters["kiosk_of_either"] = kiosk_of_either;
}
BENCHMARK(BM_KioskCoversEither)->Iterations(1)->Unit(benchmark::kSecond);

BENCHMARK_TEMPLATE(BM_Decode, zxing_decodes)
    ->Arg(640)
    ->Arg(1280)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Decode, kiosk_decodes)
    ->Arg(640)
    ->Arg(1280)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Decode, zbar_decodes)
    ->Arg(640)
    ->Arg(1280)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
