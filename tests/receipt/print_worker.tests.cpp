// The print worker against a port that answers as told, on a real SQLite file: a printer
// that never answers leaves the job unknown, a crash mid-job is unknown after restart.
#include "kiosk/receipt/print_worker.h"

#include <catch2/catch.hpp>

#include "kiosk/receipt/receipt.h"
#include "kiosk/store/sql.h"
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
  mutable std::mutex mutex;
  std::vector<devices::PrintImage> images;
  std::optional<devices::PrintOutcome> answer;
  drivers::model::Status status = drivers::model::Status::Online;  // what states() says
  bool served = true;    // false: no driver serves the printer, print() refuses
  bool started = false;  // the printer started the job: withdraw() cannot take it back
  std::vector<std::int64_t> withdrawn;
  std::function<void(const devices::PrintReport&)> listener;
  std::vector<drivers::model::DeviceState> states() const override {
    std::lock_guard lock(mutex);
    drivers::model::DeviceState printer{.name = "receipt_printer"};
    printer.status = status;
    return {printer};
  }
  Status reset(const std::string&) override { return {}; }
  Status print(const std::string&, devices::PrintImage image) override {
    std::optional<devices::PrintOutcome> a;
    {
      std::lock_guard lock(mutex);
      if (!served) return fail(Errc::NoDevice, "the receipt printer is not connected");
      images.push_back(image);
      a = answer;
    }
    if (a && listener)
      listener({image.job_id, *a, *a == devices::PrintOutcome::Done ? "" : "paper out"});
    return {};
  }
  bool withdraw(const std::string&, std::int64_t job_id) override {
    std::lock_guard lock(mutex);
    if (started) return false;
    withdrawn.push_back(job_id);
    return true;
  }
  void set(auto&& change) {
    std::lock_guard lock(mutex);
    change(*this);
  }
  void on_scan(std::function<void(const devices::ScanEvent&)>) override {}
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
  std::string reason(const std::string& receipt_no) {
    return (*store::Outbox::open(outbox, clock)->print_jobs().latest(receipt_no))->reason;
  }
  std::size_t images() {
    std::lock_guard lock(port.mutex);
    return port.images.size();
  }
};

}  // namespace

TEST_CASE("A printer that never answers leaves the receipt unknown, never done",
          "[receipt][worker][timeout]") {
  WorkerRig rig("print-worker-silent");
  rig.port.started = true;  // it took the job and then said nothing
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

TEST_CASE("A receipt the printer never started is taken back and failed, so it never prints later",
          "[receipt][worker][timeout]") {
  WorkerRig rig("print-worker-withdrawn");
  const auto receipt_no = rig.commit();
  rig.start(/*job_timeout=*/300ms);
  REQUIRE(testing::eventually([&] { return rig.stored(receipt_no) == JobState::Failed; }, 5s));
  CHECK(rig.reason(receipt_no) == "the printer did not start the receipt in time");
  std::lock_guard lock(rig.port.mutex);
  REQUIRE(rig.port.withdrawn.size() == 1);
  CHECK(rig.port.withdrawn[0] == rig.port.images.at(0).job_id);
}

TEST_CASE("A printer no driver serves fails the receipt at once, and a replug prints nothing",
          "[receipt][worker][unplug]") {
  WorkerRig rig("print-worker-unserved");
  rig.port.set([](ScriptedPort& p) {
    p.served = false;
    p.status = drivers::model::Status::NoDevice;
  });
  const auto receipt_no = rig.commit();
  rig.start(/*job_timeout=*/10s);
  REQUIRE(testing::eventually([&] { return rig.stored(receipt_no) == JobState::Failed; }, 3s));
  CHECK(rig.reason(receipt_no) == "the receipt printer is not connected");
  rig.port.set([](ScriptedPort& p) {  // plugged back in
    p.served = true;
    p.status = drivers::model::Status::Online;
    p.answer = devices::PrintOutcome::Done;
  });
  rig.worker->nudge();
  std::this_thread::sleep_for(500ms);  // several of the worker's 100 ms rechecks
  CHECK(rig.images() == 0);
  CHECK(rig.stored(receipt_no) == JobState::Failed);
}

TEST_CASE("At start, a receipt waits for the first device pass instead of failing",
          "[receipt][worker][start]") {
  WorkerRig rig("print-worker-start");
  rig.port.set([](ScriptedPort& p) {
    p.status = drivers::model::Status::Unknown;  // not looked for yet
    p.served = false;
    p.answer = devices::PrintOutcome::Done;
  });
  const auto receipt_no = rig.commit();
  rig.start();
  std::this_thread::sleep_for(400ms);
  CHECK(rig.stored(receipt_no) == JobState::Queued);  // neither failed nor sent
  rig.port.set([](ScriptedPort& p) {                  // the device thread found and claimed it
    p.status = drivers::model::Status::Online;
    p.served = true;
  });
  REQUIRE(testing::eventually([&] { return rig.stored(receipt_no) == JobState::Done; }, 3s));
  CHECK(rig.images() == 1);
}

TEST_CASE("Two reprints asked at once queue one copy, and the refused one is told the real state",
          "[receipt][worker][reprint]") {
  WorkerRig rig("print-worker-reprint");
  rig.port.answer = devices::PrintOutcome::Failed;
  const auto receipt_no = rig.commit();
  rig.start();
  REQUIRE(testing::eventually([&] { return rig.stored(receipt_no) == JobState::Failed; }, 5s));
  rig.port.set([](ScriptedPort& p) { p.answer.reset(); });  // silent: the copy stays sending
  {
    std::lock_guard lock(rig.mutex);
    rig.told.clear();
  }
  rig.worker->reprint(receipt_no);
  rig.worker->reprint(receipt_no);
  REQUIRE(testing::eventually([&] { return rig.stored(receipt_no) == JobState::Sending; }, 3s));
  auto db = store::Database::open(rig.outbox.database);
  REQUIRE(db);
  auto count = store::sql::Query::make(*db, "SELECT count(*) FROM print_jobs WHERE receipt_no = ?",
                                       receipt_no);
  REQUIRE(count);
  REQUIRE(*count->step());
  CHECK(count->integer(0) == 2);  // the first receipt and one copy
  std::lock_guard lock(rig.mutex);
  const auto queued = std::ranges::count_if(rig.told, [&](const receipt::ReceiptStatus& s) {
    return s.receipt_no == receipt_no && s.state == JobState::Queued;
  });
  CHECK(queued == 2);  // one accepted, one refused and told what the store holds
}

TEST_CASE("A document of text lines prints between jobs, is never stored, and its outcome is told",
          "[receipt][worker][document]") {
  WorkerRig rig("print-worker-document");
  rig.port.answer = devices::PrintOutcome::Done;
  rig.start();
  const std::vector<std::string> lines{"दिन का हिसाब", "Day-end report", "Total: ₹30.00"};
  auto printed = rig.worker->print_lines(lines, 5s);
  REQUIRE(printed);
  REQUIRE(printed->has_value());
  CHECK((*printed)->outcome == devices::PrintOutcome::Done);
  {
    std::lock_guard lock(rig.port.mutex);
    REQUIRE(rig.port.images.size() == 1);
    const auto& image = rig.port.images[0];
    CHECK(image.job_id < 0);  // never a stored job's id
    CHECK(image.qr_payload.empty());
    // The lines as laid out, at the entry's width: not a receipt, no QR.
    auto expected = receipt::layout_lines(testing::shared_engine(), lines, 576);
    REQUIRE(expected);
    CHECK(image.width_dots == 576);
    CHECK(image.height == expected->height);
    CHECK(image.bits == expected->bits);
  }
  auto db = store::Database::open(rig.outbox.database);
  REQUIRE(db);
  auto jobs = store::sql::integer(*db, "SELECT count(*) FROM print_jobs");
  REQUIRE(jobs);
  CHECK(jobs->value_or(-1) == 0);
  rig.port.set([](ScriptedPort& p) { p.answer = devices::PrintOutcome::Failed; });
  auto failed = rig.worker->print_lines(lines, 5s);
  REQUIRE(failed);
  REQUIRE(failed->has_value());
  CHECK((*failed)->outcome == devices::PrintOutcome::Failed);
  CHECK((*failed)->reason == "paper out");
}

TEST_CASE("A document for a printer that is not connected is refused at once",
          "[receipt][worker][document]") {
  WorkerRig rig("print-worker-document-absent");
  rig.port.status = drivers::model::Status::NoDevice;
  rig.start();
  auto printed = rig.worker->print_lines({"Day-end report"}, 5s);
  REQUIRE_FALSE(printed);
  CHECK(printed.error().code == Errc::NoDevice);
  CHECK(rig.images() == 0);
}
