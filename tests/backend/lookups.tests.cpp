// The lookup worker against the reference backend (a real process on loopback): a seeded
// bill and status, an unknown number, a refused token, a closed port, and the receipt index
// answering for this kiosk's own receipts when the backend cannot.
#include <catch2/catch.hpp>
#include <condition_variable>
#include <fstream>
#include <mutex>

#include "kiosk/app/lookup_worker.h"
#include "kiosk/core/clock.h"
#include "tests/backend/backend_process.h"
#include "tests/support/journeys.h"
#include "tests/support/paths.h"
#include "tests/support/samples.h"

using namespace kiosk;
using namespace kiosk::testing;
using namespace std::chrono_literals;

namespace {

// The worker's answers, as the core would get them.
struct LookupAnswers {
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<app::Command> got;
  app::Command next() {
    std::unique_lock lock(mutex);
    REQUIRE(arrived.wait_for(lock, 20s, [&] { return !got.empty(); }));
    auto c = std::move(got.front());
    got.erase(got.begin());
    return c;
  }
};

struct LookupRig {
  std::filesystem::path dir;
  LookupAnswers answers;
  SystemClock clock;
  std::unique_ptr<app::LookupWorker> worker;
  LookupRig(const std::string& name, const std::string& backend_url,
            store::OutboxOptions outbox = {})
      : dir(scratch_dir(name)) {
    std::ofstream(dir / "token") << kKioskToken << "\n";
    net::HttpOptions http;
    http.connect_timeout = 2s;
    worker = std::make_unique<app::LookupWorker>(
        app::LookupWorkerSettings{backend_url, dir / "token", http, std::move(outbox)}, clock,
        [this](app::Command c) {
          std::lock_guard lock(answers.mutex);
          answers.got.push_back(std::move(c));
          answers.arrived.notify_all();
        });
  }
};

std::string url_of(const BackendProcess& backend) {
  return "http://127.0.0.1:" + std::to_string(backend.port());
}

}  // namespace

TEST_CASE("A seeded bill comes back with the consumer's name masked, an unknown one as not found",
          "[lookup][bill][backend]") {
  BackendProcess backend(scratch_dir("lookup-bill-backend"));
  LookupRig rig("lookup-bill", url_of(backend));
  REQUIRE(rig.worker->fetch_bill(7, "CSPDCL", "1000987654"));
  const auto answer = std::get<app::BillAnswered>(rig.answers.next());
  CHECK(answer.job == 7);
  REQUIRE(answer.bill);
  CHECK(answer.bill->bill_no == "CSPDCL-2026-11-0043");
  CHECK(answer.bill->amount_paise == 31200);
  CHECK(answer.bill->consumer_name.find("Verma") == std::string::npos);  // masked here
  CHECK(answer.bill->consumer_name.starts_with("S"));
  REQUIRE(rig.worker->fetch_bill(8, "CSPDCL", "1000000000"));
  const auto unknown = std::get<app::BillAnswered>(rig.answers.next());
  CHECK_FALSE(unknown.bill);
  CHECK(unknown.failure == "not-found");
}

TEST_CASE("A backend that refuses the token or is not there gives unreachable, never a bill",
          "[lookup][bill][failure]") {
  SECTION("refused") {
    BackendProcess backend(scratch_dir("lookup-deny-backend"), {"--deny-all"});
    LookupRig rig("lookup-deny", url_of(backend));
    REQUIRE(rig.worker->fetch_bill(1, "CSPDCL", "1000987654"));
    const auto answer = std::get<app::BillAnswered>(rig.answers.next());
    CHECK_FALSE(answer.bill);
    CHECK(answer.failure == "unreachable");
  }
  SECTION("a closed port") {
    LookupRig rig("lookup-closed", "http://127.0.0.1:9");
    REQUIRE(rig.worker->fetch_bill(2, "CSPDCL", "1000987654"));
    CHECK(std::get<app::BillAnswered>(rig.answers.next()).failure == "unreachable");
  }
}

TEST_CASE("A status comes from the backend, or from this kiosk's receipts when it cannot tell",
          "[lookup][status][backend]") {
  OutboxRig outbox("lookup-status-outbox");
  auto committed = outbox.writer->commit(sample_transaction("Sita Devi"));
  REQUIRE(committed);
  SECTION("the backend knows it") {
    BackendProcess backend(scratch_dir("lookup-status-backend"));
    LookupRig rig("lookup-status", url_of(backend), outbox.options);
    REQUIRE(rig.worker->look_up_status(3, "CG-RPR-0042-20261120-000007"));
    const auto answer = std::get<app::StatusAnswered>(rig.answers.next());
    REQUIRE(answer.status);
    CHECK(answer.status->status == "in_process");
    // Not yet delivered from here: the backend does not know it, the index does.
    REQUIRE(rig.worker->look_up_status(4, committed->receipt_no));
    const auto local = std::get<app::StatusAnswered>(rig.answers.next());
    CHECK_FALSE(local.status);
    CHECK(local.failure == "not-found");
    REQUIRE(local.local);
    CHECK(local.local->receipt_no == committed->receipt_no);
    CHECK_FALSE(local.local->delivered_at);
  }
  SECTION("the backend is down") {
    LookupRig rig("lookup-status-down", "http://127.0.0.1:9", outbox.options);
    REQUIRE(rig.worker->look_up_status(5, committed->receipt_no));
    const auto local = std::get<app::StatusAnswered>(rig.answers.next());
    CHECK(local.failure == "unreachable");
    REQUIRE(local.local);
    REQUIRE(rig.worker->look_up_status(6, "CG-RPR-0042-20990101-000001"));
    CHECK_FALSE(std::get<app::StatusAnswered>(rig.answers.next()).local);
  }
}
