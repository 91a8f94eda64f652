// A whole citizen journey in the headless harness (the real screens, core and outbox):
//  - the UI thread's CPU time for one journey (welcome → income certificate → consent →
//    every field typed on the keyboards → review → payment → done → finish), frames and
//    taps included; the harness runs the core's steps on the same thread, so this is the
//    UI's and the core's work together, without the outbox writer's fsyncs (another
//    thread, waited for, not counted: CLOCK_THREAD_CPUTIME_ID);
//  - the process's PSS after the 10th session (warm: fonts, atlases, caches filled) and
//    after the last, and the growth between them.
// Figures in docs/benchmarks.md.
//
//   build/release/bench/journey_bench [sessions=1000]
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <vector>

#include "tests/support/journeys.h"
#include "tests/support/ui_harness.h"

using namespace kiosk;

namespace {

long pss_kib() {
  std::ifstream in("/proc/self/smaps_rollup");
  for (std::string line; std::getline(in, line);) {
    long kib = 0;
    if (std::sscanf(line.c_str(), "Pss: %ld kB", &kib) == 1) return kib;
  }
  return -1;
}

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// One citizen, start to finish; false when the journey did not reach its receipt.
bool one_session(testing::UiHarness& h) {
  testing::tap_to_payment(h);
  if (h.snapshot().screen != app::Screen::Payment) return false;
  h.tap("payment.demo_paid");
  if (h.snapshot().screen != app::Screen::Done) return false;
  h.tap("done.finish");
  return h.snapshot().screen == app::Screen::Welcome;
}

}  // namespace

int main(int argc, char** argv) {
  const int sessions = argc > 1 ? std::max(20, std::atoi(argv[1])) : 1000;
  testing::OutboxRig store("journey-bench", "DEMO-0001");
  testing::UiHarness h(
      {.display = ImVec2(1920, 1080), .demo = true, .transactions = store.sink.get()});
  std::vector<double> cpu_ms;
  long warm_kib = 0;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < sessions; ++i) {
    const auto frames_before = h.frame_count();
    const double before = thread_cpu_ms();
    if (!one_session(h)) {
      std::fprintf(stderr, "journey_bench: session %d stopped on screen %d\n", i,
                   static_cast<int>(h.snapshot().screen));
      return 1;
    }
    cpu_ms.push_back(thread_cpu_ms() - before);
    h.clear_records();  // the harness's own records of commands and taps, not the kiosk's
    if (i == 0)
      std::printf("frames in one journey: %llu\n",
                  static_cast<unsigned long long>(h.frame_count() - frames_before));
    if (i == 9) warm_kib = pss_kib();
    if (i == 9 || (i + 1) % 250 == 0)
      std::printf("  after session %d: PSS %.1f MiB, of which SQLite's heap %.2f MiB\n", i + 1,
                  static_cast<double>(pss_kib()) / 1024,
                  static_cast<double>(sqlite3_memory_used()) / (1024 * 1024));
  }
  const long end_kib = pss_kib();
  std::vector<double> sorted(cpu_ms.begin() + 1, cpu_ms.end());  // the first fills caches
  std::ranges::sort(sorted);
  std::printf("UI thread CPU per journey: first %.1f ms, then p50 %.1f ms, p95 %.1f ms\n",
              cpu_ms.front(), sorted[sorted.size() / 2], sorted[sorted.size() * 95 / 100]);
  std::printf("PSS after session 10: %.1f MiB, after session %d: %.1f MiB (%+.2f %%)\n",
              static_cast<double>(warm_kib) / 1024, sessions, static_cast<double>(end_kib) / 1024,
              100.0 * static_cast<double>(end_kib - warm_kib) / static_cast<double>(warm_kib));
  std::printf("wall time: %.0f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return 0;
}
