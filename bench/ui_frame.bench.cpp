// CPU cost of one kiosk frame on the UI thread, headless (ImGui widget code and draw-list
// building, no rasterisation): what every drawn frame pays before the GPU/llvmpipe part.
//
//   build/release/bench/ui_frame_bench
#include <benchmark/benchmark.h>

#include "tests/support/ui_harness.h"

namespace {

using kiosk::testing::UiHarness;

void BM_WelcomeFrame(benchmark::State& state) {
  UiHarness h({.display = ImVec2(1920, 1080)});
  for (auto _ : state) h.frame();
}
BENCHMARK(BM_WelcomeFrame);

void BM_HomeFrame(benchmark::State& state, const char* language) {
  UiHarness h({.display = ImVec2(1920, 1080)});
  h.tap(std::string("welcome.language.") + language);
  for (auto _ : state) h.frame();
}
BENCHMARK_CAPTURE(BM_HomeFrame, hindi, "hi");
BENCHMARK_CAPTURE(BM_HomeFrame, english, "en");

}  // namespace
