// A COMMIT that fails never leaves the connection inside a transaction (the store's one
// TransactionGuard), here at the worst moment: the backend has accepted a batch and the
// disk fails as the kiosk records that.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/store/sql.h"
#include "tests/net/loopback.h"
#include "tests/outbox/fixtures.h"
#include "tests/support/fault_vfs.h"
#include "tests/support/paths.h"

using namespace kiosk;
using namespace kiosk::testing;
using nlohmann::json;

namespace {

bool in_transaction(store::Outbox& outbox) {
  return sqlite3_get_autocommit(outbox.database().raw()) == 0;
}

// Accepts every item of a batch, and makes the kiosk's disk fail before the answer leaves.
std::unique_ptr<httplib::Server> accepting_backend(FaultVfs& vfs) {
  auto server = std::make_unique<httplib::Server>();
  server->Post("/v1/transactions:batch",
               [&vfs](const httplib::Request& req, httplib::Response& res) {
                 const json batch = json::parse(req.body);
                 json results = json::array();
                 for (const auto& item : batch["items"])
                   results.push_back({{"idempotency_key", item["idempotency_key"]},
                                      {"status", "accepted"},
                                      {"backend_ref", "B-1"}});
                 vfs.fail_syncs_busy = true;
                 res.set_content(json{{"results", results}}.dump(), "application/json");
               });
  return server;
}

}  // namespace

TEST_CASE("A failed COMMIT while recording delivered items leaves no open transaction",
          "[sync][store][fault][commit]") {
  auto& vfs = FaultVfs::install();
  vfs.fail_syncs_busy = false;
  const auto dir = scratch_dir("sync-commit-fails");
  SystemClock clock;
  SeededRng rng{3};
  auto outbox = store::Outbox::open(outbox_in(dir), clock);
  REQUIRE(outbox);
  for (int i = 0; i < 3; ++i) REQUIRE(outbox->intake().insert_transaction(sample_transaction()));

  LoopbackServer backend(accepting_backend(vfs));
  auto settings = settings_for(backend.port());
  sync::Syncer syncer(*outbox, settings, clock, rng);
  auto report = syncer.run_pass(false);
  vfs.fail_syncs_busy = false;
  REQUIRE_FALSE(report);  // the pass failed where it recorded the results
  CHECK(report.error().code == Errc::Busy);
  CHECK_FALSE(in_transaction(*outbox));
  // The same connection takes the next write at once, and nothing was marked delivered.
  CHECK(outbox->intake().insert_transaction(sample_transaction()));
  CHECK(outbox->views().stats()->delivered == 0);
  CHECK(outbox->views().stats()->pending == 4);
}

TEST_CASE("A bare COMMIT that fails can leave the transaction open, the guard never does",
          "[store][fault][commit]") {
  auto& vfs = FaultVfs::install();
  vfs.fail_writes_io = false;
  SystemClock clock;
  auto outbox = store::Outbox::open(outbox_in(scratch_dir("bare-commit-fails")), clock);
  REQUIRE(outbox);
  REQUIRE(outbox->intake().insert_transaction(sample_transaction()));
  const auto fill = [&] {  // enough rows that the COMMIT has pages to write
    for (int i = 0; i < 20; ++i) REQUIRE(outbox->intake().insert_transaction(sample_transaction()));
  };
  {  // The positive control: a hand-written BEGIN/COMMIT whose COMMIT fails.
    REQUIRE(outbox->database().exec("BEGIN IMMEDIATE"));
    fill();
    vfs.fail_syncs_busy = true;
    const auto committed = outbox->database().exec("COMMIT");
    vfs.fail_syncs_busy = false;
    CHECK_FALSE(committed);
    CHECK(in_transaction(*outbox));  // without a rollback the connection stays in it
    REQUIRE(outbox->database().exec("ROLLBACK"));
  }
  auto txn = outbox->begin();
  REQUIRE(txn);
  fill();
  vfs.fail_syncs_busy = true;
  const auto committed = txn->commit();
  vfs.fail_syncs_busy = false;
  CHECK_FALSE(committed);
  CHECK_FALSE(in_transaction(*outbox));
  CHECK(outbox->views().stats()->pending == 1);  // the failed group left nothing behind
}
