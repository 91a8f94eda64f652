// The print worker against a port that answers as told, on a real SQLite file: a printer
// that never answers leaves the job unknown, a crash mid-job is unknown after restart.
#include "kiosk/receipt/print_worker.h"

#include <catch2/catch.hpp>

#include "tests/support/eventually.h"
#include "tests/support/fonts.h"
#include "tests/support/paths.h"
#include "tests/support/samples.h"

using namespace kiosk;
using namespace std::chrono_literals;
using store::JobState;

namespace {

// Takes images; answers only when `answer` is set (otherwise the printer is silent).
struct ScriptedPort final : devices::DevicePort {
  std::mutex mutex;
  std::vector<devices::PrintImage> images;
  std::optional<devices::PrintOutcome> answer;
  std::function<void(const devices::PrintReport&)> listener;
  std::vector<drivers::model::DeviceState> states() const override { return {}; }
  Status reset(const std::string&) override { return {}; }
  Status print(const std::string&, devices::PrintImage image) override {
    std::optional<devices::PrintOutcome> a;
    {
      std::lock_guard lock(mutex);
      images.push_back(image);
      a = answer;
    }
    if (a && listener)
      listener({image.job_id, *a, *a == devices::PrintOutcome::Done ? "" : "paper out"});
    return {};
  }
  void on_printed(std::function<void(const devices::PrintReport&)> l) override {
    listener = std::move(l);
  }
};

struct WorkerRig {
  SystemClock clock;
  store::OutboxOptions outbox;
  ScriptedPort port;
  std::mutex mutex;
  std::vector<receipt::ReceiptStatus> told;
  std::unique_ptr<receipt::PrintWorker> worker;
  explicit WorkerRig(const std::string& name) {
    const auto dir = testing::scratch_dir(name);
    outbox = {dir / "kiosk.db", dir / "outbox.key", "CG-RPR-0042"};
  }
  void start(std::chrono::milliseconds job_timeout = 10s) {
    worker = std::make_unique<receipt::PrintWorker>(
        receipt::PrintWorkerOptions{outbox, "receipt_printer", 576, job_timeout, 100ms}, clock,
        testing::shared_engine(), port, [this](const receipt::ReceiptStatus& s) {
          std::lock_guard lock(mutex);
          told.push_back(s);
        });
    worker->start();
  }
  std::string commit() {
    auto db = store::Outbox::open(outbox, clock);
    auto t = testing::sample_transaction();
    t.receipt = store::ReceiptRequest{"receipt_printer", "", "CG-RPR-0042", "आय", "Income"};
    return db->intake().insert_transaction(t)->receipt_no;
  }
  JobState stored(const std::string& receipt_no) {
    return (*store::Outbox::open(outbox, clock)->print_jobs().latest(receipt_no))->state;
  }
};

}  // namespace

TEST_CASE("A printer that never answers leaves the receipt unknown, never done",
          "[receipt][worker][timeout]") {
  WorkerRig rig("print-worker-silent");
  const auto receipt_no = rig.commit();
  rig.start(/*job_timeout=*/300ms);
  REQUIRE(testing::eventually([&] { return rig.stored(receipt_no) == JobState::Unknown; }, 5s));
  std::lock_guard lock(rig.port.mutex);
  REQUIRE(rig.port.images.size() == 1);
  CHECK(rig.port.images[0].width_dots == 576);  // the entry's width, 80 mm
}

TEST_CASE("Outcomes the printer reports are stored, and done is told to the listener",
          "[receipt][worker]") {
  WorkerRig rig("print-worker-answers");
  rig.port.answer = devices::PrintOutcome::Failed;
  const auto first = rig.commit();
  rig.start();
  REQUIRE(testing::eventually([&] { return rig.stored(first) == JobState::Failed; }, 5s));
  rig.port.answer = devices::PrintOutcome::Done;
  const auto second = rig.commit();
  rig.worker->nudge();
  REQUIRE(testing::eventually([&] { return rig.stored(second) == JobState::Done; }, 5s));
  CHECK(rig.stored(first) == JobState::Failed);  // the failed one stays failed
  std::lock_guard lock(rig.mutex);
  CHECK(std::ranges::any_of(rig.told, [&](const auto& s) {
    return s.receipt_no == second && s.state == JobState::Done;
  }));
}

TEST_CASE("A receipt left sending by a crash is unknown when the worker starts again",
          "[receipt][worker][crash]") {
  WorkerRig rig("print-worker-crash");
  const auto receipt_no = rig.commit();
  {
    auto db = store::Outbox::open(rig.outbox, rig.clock);
    auto jobs = db->print_jobs();
    REQUIRE(jobs.set_state((*jobs.next_queued("receipt_printer"))->id, JobState::Sending));
  }
  rig.port.answer = devices::PrintOutcome::Done;
  rig.start();
  REQUIRE(testing::eventually([&] { return rig.stored(receipt_no) == JobState::Unknown; }, 5s));
  std::this_thread::sleep_for(300ms);
  std::lock_guard lock(rig.port.mutex);
  CHECK(rig.port.images.empty());  // not printed again by itself
}
