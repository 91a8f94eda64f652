// The real csc-kiosk (--demo) in a 1920x1080 window under Xvfb on llvmpipe, driven by X
// clicks through its `ui` verb (tests/support/ui_tour.h):
//  - tap to photon: from a tap's release event to the swap of the first frame drawn from
//    the snapshot it changed (the kiosk's own "tap to photon" debug log line), p50 and p95
//    over N taps between the home and a service screen;
//  - PSS of the kiosk process after every screen of a service was visited.
// Figures in docs/benchmarks.md.
//
//   build/release/bench/screens_bench [taps=40]
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "bench/tap_times.h"
#include "tests/support/paths.h"
#include "tests/support/ui_tour.h"

using namespace kiosk;
using kiosk::bench::percentile;
using kiosk::bench::tap_times;

namespace {

long pss_kib(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/smaps_rollup", pid));
  for (std::string line; std::getline(in, line);) {  // the first line is the address range
    long kib = 0;
    if (std::sscanf(line.c_str(), "Pss: %ld kB", &kib) == 1) return kib;
  }
  return -1;
}

int fail(const std::string& what) {
  std::fprintf(stderr, "screens_bench: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const int taps = argc > 1 ? std::max(4, std::atoi(argv[1])) : 40;
  testing::TourOptions o;
  o.width = 1920;
  o.height = 1080;
  o.scratch = testing::scratch_dir("screens-bench");
  o.log_level = "debug";
  testing::TourKiosk kiosk(o);
  // Settled: the voice guide, started after the first frame, has added the listen target
  // (a tap before it lands while the screen still changes, and is taken for its effect).
  if (!kiosk.wait_for(
          [](const auto& d) {
            return d.screen == "welcome" && std::ranges::any_of(d.targets, [](const auto& t) {
                     return t.id == "welcome.listen";
                   });
          },
          std::chrono::seconds(20)))
    return fail("no welcome screen\n" + kiosk.log());
  if (!kiosk.tap("welcome.language.hi")) return fail("no language button");
  for (int i = 0; i < taps / 2; ++i) {  // home → service → home …
    for (const char* id : {"home.service.cg.edistrict.income_certificate", "nav.back"})
      if (auto tapped = kiosk.tap(id); !tapped) {
        std::string shown;
        if (auto d = kiosk.ui())
          for (const auto& t : d->targets) shown += " " + t.id;
        return fail(
            fmt::format("the tap round stopped at {} ({}):{}", i, tapped.error().message, shown));
      }
  }
  const auto times = tap_times(kiosk.log());
  std::printf("tap to photon, 1920x1080 llvmpipe, %zu taps: p50 %.1f ms, p95 %.1f ms\n",
              times.size(), percentile(times, 0.5), percentile(times, 0.95));
  if (!kiosk.tap("nav.start_over")) return fail("no start over");
  if (auto walked = testing::visit_every_screen(kiosk, "en"); !walked)
    return fail(walked.error().message);
  std::printf("PSS after every screen: %.1f MiB\n",
              static_cast<double>(pss_kib(kiosk.pid())) / 1024);
  return 0;
}
