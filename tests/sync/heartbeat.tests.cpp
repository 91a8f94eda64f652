// The heartbeat's body (contract §4), its jittered schedule on injected dice, and its
// best-effort sending: against a backend that accepts connections and never answers, a
// heartbeat gives up within its timeout, is counted as failed, queues nothing, and the
// worker still stops promptly.
#include "kiosk/fleet/heartbeat.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "tests/support/eventually.h"

using namespace kiosk;
using namespace std::chrono_literals;

TEST_CASE("A heartbeat names the kiosk, its queue, devices and alerts as the contract says",
          "[fleet][heartbeat]") {
  fleet::HeartbeatFacts f;
  f.kiosk_id = "CG-RPR-0042";
  f.at = Clock::WallTime{std::chrono::sys_days(std::chrono::year(2026) / 12 / 7)} + 11h;
  f.app_version = "0.1.0";
  f.config_version = 17;
  f.uptime_s = 3600;
  store::QueueStats queue;
  queue.pending = 3;
  queue.dead = 1;
  queue.oldest_pending_age = 120s;
  f.queue = queue;
  drivers::model::DeviceState printer{.name = "receipt_printer",
                                      .status = drivers::model::Status::Online,
                                      .supplies = {{"paper", drivers::model::SupplyLevel::Low}},
                                      .action = drivers::model::Action::LoadPaper};
  printer.identity = drivers::model::DeviceIdentity{"0416:5011", "Winbond", "POS58", "", ""};
  f.devices = {printer};
  f.alerts = {{{"device.receipt_printer", alerts::Severity::Warning, "paper low", "load paper", 0},
               f.at - 20min}};
  const auto j = fleet::heartbeat_json(f);
  CHECK(j["kiosk_id"] == "CG-RPR-0042");
  CHECK(j["at"] == "2026-12-07T16:30:00+05:30");
  CHECK(j["config_version"] == 17);
  CHECK(j["uptime_s"] == 3600);
  CHECK(j["queue"] == nlohmann::json{{"pending", 3}, {"dead", 1}, {"oldest_pending_age_s", 120}});
  CHECK(j["devices"][0] == nlohmann::json{{"kind", "printer"},
                                          {"model", "POS58"},
                                          {"status", "online"},
                                          {"supply", "low"},
                                          {"action", "clear"}});
  CHECK(j["alerts"][0] == nlohmann::json{{"code", "device.receipt_printer"},
                                         {"severity", "warning"},
                                         {"since", "2026-12-07T16:10:00+05:30"}});
}

TEST_CASE("Heartbeats are spread over the interval plus or minus a tenth", "[fleet][heartbeat]") {
  SeededRng rng(7);
  std::chrono::milliseconds lowest = 1h, highest = 0ms;
  for (int i = 0; i < 2000; ++i) {
    const auto d = fleet::next_delay(300s, rng);
    lowest = std::min(lowest, d);
    highest = std::max(highest, d);
  }
  CHECK(lowest >= 270s);
  CHECK(highest < 330s);
  CHECK(highest - lowest > 50s);  // really spread, not one value
}

namespace {

// Accepts connections and never answers: a backend behind a broken proxy.
struct BlackHole {
  BlackHole() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(fd, 16) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~BlackHole() { ::close(fd); }
  int fd = -1;
  int port = 0;
};

}  // namespace

TEST_CASE("A backend that never answers costs one timeout per heartbeat and nothing else",
          "[fleet][heartbeat][timeout]") {
  BlackHole hole;
  SeededRng rng(1);
  int gathered = 0;
  const auto started = std::chrono::steady_clock::now();
  auto worker = std::make_unique<fleet::HeartbeatWorker>(
      [&] {
        return fleet::HeartbeatSettings{fmt::format("http://127.0.0.1:{}", hole.port), "token", 1s,
                                        400ms, ""};
      },
      [&] {
        ++gathered;
        return fleet::HeartbeatFacts{.kiosk_id = "CG-RPR-0042"};
      },
      rng);
  worker->start();
  REQUIRE(testing::eventually([&] { return worker->failed() >= 2; }, 8s));
  CHECK(worker->sent() == 0);
  CHECK(gathered == static_cast<int>(worker->failed()));  // one try each: nothing kept to resend
  const auto stop_began = std::chrono::steady_clock::now();
  worker.reset();
  CHECK(std::chrono::steady_clock::now() - stop_began < 1500ms);  // at most one timeout
  CHECK(std::chrono::steady_clock::now() - started < 10s);
}

TEST_CASE("A kiosk that is not enrolled sends no heartbeat", "[fleet][heartbeat]") {
  BlackHole hole;
  SeededRng rng(1);
  int gathered = 0;
  fleet::HeartbeatWorker worker(
      [&] {
        return fleet::HeartbeatSettings{fmt::format("http://127.0.0.1:{}", hole.port), "", 1s,
                                        400ms, ""};
      },
      [&] {
        ++gathered;
        return fleet::HeartbeatFacts{};
      },
      rng);
  worker.start();
  std::this_thread::sleep_for(2500ms);
  CHECK(gathered == 0);
  CHECK(worker.failed() == 0);
}
