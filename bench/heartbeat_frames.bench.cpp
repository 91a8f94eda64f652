// Heartbeats never touch the citizen's path: tap to photon (as screens_bench measures it)
// with heartbeats off, then with a heartbeat every second to a backend that accepts
// connections and never answers (each one waits out its 10 s timeout on its own thread).
// Same kiosk build, same taps, one after the other. Figures in docs/benchmarks.md.
//
//   build/release/bench/heartbeat_frames_bench [taps=40]
#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <regex>

#include "bench/tap_times.h"
#include "tests/support/paths.h"
#include "tests/support/ui_tour.h"

using namespace kiosk;
using kiosk::bench::percentile;
using kiosk::bench::tap_times;

namespace {

// Listens and never accepts: the kernel completes each connection, nobody answers.
int black_hole(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::listen(fd, 64);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  port = ntohs(a.sin_port);
  return fd;
}

// One kiosk, `taps` taps between home and a service; the tap-to-photon times.
std::vector<double> run(const std::string& name, const nlohmann::json& patch, int taps,
                        bool enrolled) {
  testing::TourOptions o;
  o.width = 1920;
  o.height = 1080;
  o.scratch = testing::scratch_dir(name);
  o.log_level = "debug";
  o.config_patch = patch;
  std::filesystem::create_directories(o.scratch / "state");
  if (enrolled) std::ofstream(o.scratch / "state" / "token") << "bench-token\n";
  testing::TourKiosk kiosk(o);
  // The listen target appears a frame after voice guidance starts: wait for the settled
  // welcome screen, or the first tap lands where a button was.
  const auto settled = [](const app::ScreenDescription& d) {
    return d.screen == "welcome" &&
           std::ranges::any_of(d.targets, [](const auto& t) { return t.id == "welcome.listen"; });
  };
  if (!kiosk.wait_for(settled, std::chrono::seconds(20)) || !kiosk.tap("welcome.language.hi")) {
    std::fprintf(stderr, "%s: no welcome screen\n%s\n", name.c_str(), kiosk.log().c_str());
    return {};
  }
  for (int i = 0; i < taps / 2; ++i) {
    for (const char* id : {"home.service.cg.edistrict.income_certificate", "nav.back"}) {
      if (auto tapped = kiosk.tap(id); !tapped) {
        std::string seen;
        if (auto d = kiosk.ui()) {
          seen = d->screen + ":";
          for (const auto& t : d->targets) seen += " " + t.id;
        }
        std::fprintf(stderr, "%s: the taps stopped at %s: %s\n%s\n%s\n", name.c_str(), id,
                     tapped.error().message.c_str(), seen.c_str(), kiosk.log().c_str());
        return {};
      }
    }
  }
  return tap_times(kiosk.log());
}

void report(const char* what, const std::vector<double>& t) {
  std::printf("%s: %zu taps, p50 %.1f ms, p95 %.1f ms\n", what, t.size(), percentile(t, 0.5),
              percentile(t, 0.95));
}

}  // namespace

// Rounds alternate (off, never-answered, off, …) so a change in the machine's load between
// runs shows in both.
int main(int argc, char** argv) {
  const int taps = argc > 1 ? std::max(4, std::atoi(argv[1])) : 40;
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 2;
  int port = 0;
  const int hole = black_hole(port);
  std::vector<double> off_p95, hole_p95;
  for (int r = 0; r < rounds; ++r) {
    const auto off = run("heartbeat-bench-off", {{"heartbeat", {{"interval_s", 0}}}}, taps, false);
    const auto holed = run("heartbeat-bench-hole",
                           {{"heartbeat", {{"interval_s", 1}}},
                            {"backend", {{"url", fmt::format("http://127.0.0.1:{}", port)}}}},
                           taps, true);
    if (off.empty() || holed.empty()) {
      std::fprintf(stderr, "heartbeat_frames_bench: a run stopped early\n");
      return 1;
    }
    report("heartbeats off", off);
    report("heartbeat every 1 s to a backend that never answers", holed);
    off_p95.push_back(percentile(off, 0.95));
    hole_p95.push_back(percentile(holed, 0.95));
  }
  ::close(hole);
  std::printf("p95 ratio of the medians: %.2f\n",
              percentile(hole_p95, 0.5) / percentile(off_p95, 0.5));
  return 0;
}
