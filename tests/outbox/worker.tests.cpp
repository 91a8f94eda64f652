// The background delivery loop as csc-kiosk runs it: a commit nudges it, it delivers, it
// reports its state; without a token it waits for enrolment.
#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "kiosk/store/outbox_writer.h"
#include "kiosk/sync/sync_worker.h"
#include "tests/outbox/fixtures.h"
#include "tests/support/paths.h"

using namespace kiosk;
using namespace kiosk::testing;
using namespace std::chrono_literals;

namespace {

// Polls `done` for up to 10 s (a hang guard, not a timing assertion).
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 200; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

}  // namespace

TEST_CASE("A committed transaction is delivered in the background after a nudge",
          "[sync][worker]") {
  const auto dir = scratch_dir("worker-deliver");
  BackendProcess backend(dir);
  std::ofstream(dir / "token") << kKioskToken << "\n";
  SystemClock clock;
  SeededRng rng(3);
  sync::SyncWorker worker(outbox_in(dir), settings_for(backend.port()), dir / "token", clock, rng);
  auto writer =
      store::OutboxWriter::start(outbox_in(dir), clock, {200ull << 20, [&] { worker.nudge(); }});
  REQUIRE(writer);
  worker.start();
  REQUIRE(eventually([&] { return worker.status().state == sync::DeliveryState::Idle; }));
  REQUIRE((*writer)->commit(sample_transaction()));
  REQUIRE((*writer)->commit(sample_transaction()));
  CHECK(eventually([&] { return backend.stats()["stored"] == 2; }));
  CHECK(eventually([&] { return worker.status().delivered_total == 2; }));
}

TEST_CASE("Without a token the worker waits for enrolment and sends nothing",
          "[sync][worker][enroll]") {
  const auto dir = scratch_dir("worker-unenrolled");
  BackendProcess backend(dir);
  SystemClock clock;
  SeededRng rng(3);
  {
    auto outbox = store::Outbox::open(outbox_in(dir), clock);
    REQUIRE(outbox->intake().insert_transaction(sample_transaction()));
  }
  sync::SyncWorker worker(outbox_in(dir), settings_for(backend.port()), dir / "token", clock, rng);
  worker.start();
  CHECK(eventually([&] { return worker.status().state == sync::DeliveryState::NotEnrolled; }));
  CHECK(worker.status().reason.find("enroll") != std::string::npos);
  CHECK(backend.stats()["requests"] == 0);
}

TEST_CASE("Credentials the backend refuses pause the worker with the reason",
          "[sync][worker][pause]") {
  const auto dir = scratch_dir("worker-paused");
  BackendProcess backend(dir);
  std::ofstream(dir / "token") << "a-token-the-backend-does-not-know\n";
  SystemClock clock;
  SeededRng rng(3);
  {
    auto outbox = store::Outbox::open(outbox_in(dir), clock);
    REQUIRE(outbox->intake().insert_transaction(sample_transaction()));
  }
  sync::SyncWorker worker(outbox_in(dir), settings_for(backend.port()), dir / "token", clock, rng);
  worker.start();
  REQUIRE(eventually([&] { return worker.status().state == sync::DeliveryState::Paused; }));
  CHECK(worker.status().reason.find("401") != std::string::npos);
  CHECK(backend.stats()["stored"] == 0);
}
