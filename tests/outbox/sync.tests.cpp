// Every row of the retry table (backend-api.md §1, queue.md D3) against the reference
// backend over real loopback HTTP, with its fault switches.
#include <catch2/catch.hpp>

#include "kiosk/store/outbox_writer.h"
#include "kiosk/store/sql.h"
#include "tests/outbox/fixtures.h"
#include "tests/support/paths.h"

using namespace kiosk;
using namespace kiosk::testing;
namespace sql = kiosk::store::sql;
using namespace std::chrono_literals;

namespace {

struct Rig {
  std::filesystem::path dir;
  BackendProcess backend;
  SystemClock clock;
  SeededRng rng{7};
  store::Outbox outbox;

  explicit Rig(const std::string& name, std::vector<std::string> options = {})
      : dir(scratch_dir(name)),
        backend(dir, options),
        outbox(*store::Outbox::open(outbox_in(dir), clock)) {}

  std::vector<store::Committed> commit(int n, const std::string& name = "Sita Devi") {
    std::vector<store::Committed> out;
    for (int i = 0; i < n; ++i)
      out.push_back(*outbox.intake().insert_transaction(sample_transaction(name)));
    return out;
  }
  sync::PassReport pass(bool forced = false, sync::SyncSettings s = {}) {
    if (s.base_url.empty()) s = settings_for(backend.port());
    sync::Syncer syncer(outbox, s, clock, rng);
    auto report = syncer.run_pass(forced);
    REQUIRE(report);
    return *report;
  }
  store::QueueStats stats() { return *outbox.views().stats(); }
  std::int64_t stored() { return backend.stats()["stored"].get<std::int64_t>(); }
  std::int64_t attempts(std::int64_t id) {
    return sql::integer(outbox.database(), "SELECT attempts FROM outbox WHERE id=?", id)->value();
  }
  std::int64_t due_in_ms(std::int64_t id) {
    return sql::integer(outbox.database(), "SELECT next_attempt_ms FROM outbox WHERE id=?", id)
               ->value() -
           store::unix_ms(clock.wall_now());
  }
};

}  // namespace

TEST_CASE("Accepted items are delivered once and marked with the backend's reference",
          "[sync][delivery]") {
  Rig rig("sync-accepted");
  auto items = rig.commit(3);
  auto report = rig.pass();
  CHECK(report.requests == 1);
  CHECK(report.delivered == 3);
  CHECK(rig.stats().delivered == 3);
  CHECK(rig.stats().pending == 0);
  CHECK(rig.stored() == 3);
  auto shown = rig.outbox.views().show(items[0].receipt_no);
  CHECK_FALSE(shown->first.backend_ref.empty());
  CHECK(rig.pass().requests == 0);  // nothing left to send
}

TEST_CASE("A commit whose answer was lost is resent with the same key and counted as duplicate",
          "[sync][delivery][duplicate]") {
  Rig rig("sync-commit-drop", {"--commit-then-drop-rate", "1"});
  auto items = rig.commit(2);
  auto first = rig.pass();
  CHECK(first.delivered == 0);
  CHECK(first.rescheduled == 2);
  CHECK(rig.stored() == 2);  // the backend has them; the kiosk could not know
  rig.backend.set_faults({{"commit_then_drop_rate", 0.0}});
  auto second = rig.pass(/*forced=*/true);
  CHECK(second.delivered == 2);
  CHECK(rig.stored() == 2);
  CHECK(rig.backend.stats()["duplicates"] == 2);
}

TEST_CASE("A rejected item goes to the dead letters with the backend's reason",
          "[sync][delivery][dead]") {
  Rig rig("sync-rejected");
  auto a = rig.commit(1);
  REQUIRE(rig.pass().delivered == 1);
  auto b = rig.commit(1);
  // Reuse A's key for B's different body: the backend must answer key_reuse.
  REQUIRE(
      sql::run(rig.outbox.database(), "UPDATE outbox SET idem_key='moved' WHERE id=?", a[0].id));
  REQUIRE(sql::run(rig.outbox.database(), "UPDATE outbox SET idem_key=? WHERE id=?",
                   a[0].idempotency_key, b[0].id));
  auto report = rig.pass();
  CHECK(report.dead == 1);
  auto dead = rig.outbox.views().list(true, 10);
  REQUIRE(dead->size() == 1);
  CHECK(dead->front().last_error.find("key_reuse") != std::string::npos);
  CHECK(rig.pass(true).requests == 0);  // never resent on its own
}

TEST_CASE("Server errors and busy answers reschedule with full-jitter backoff",
          "[sync][retry][backoff]") {
  for (const char* fault : {"error_rate", "rate_503"}) {
    Rig rig(std::string("sync-5xx-") + fault);
    rig.backend.set_faults({{fault, 1.0}, {"retry_after_s", -1}});  // no Retry-After
    auto items = rig.commit(2);
    auto report = rig.pass();
    CHECK(report.rescheduled == 2);
    REQUIRE(report.backoff);
    CHECK(rig.attempts(items[0].id) == 1);
    CHECK(rig.due_in_ms(items[0].id) <= 10);  // attempt 0: within [0, base]
    CHECK(rig.pass().requests <= 1);
    rig.backend.set_faults({{fault, 0.0}});
    CHECK(rig.pass(true).delivered == 2);
    CHECK(rig.stored() == 2);
  }
}

TEST_CASE("429 with Retry-After waits at least that long", "[sync][retry][retry-after]") {
  Rig rig("sync-429");
  rig.backend.set_faults({{"rate_429", 1.0}, {"retry_after_s", 120}});
  auto items = rig.commit(1);
  auto report = rig.pass();
  REQUIRE(report.backoff);
  CHECK(report.backoff->retry_after == std::chrono::seconds(120));
  CHECK(rig.due_in_ms(items[0].id) >= 119'000);
  CHECK(rig.pass().requests == 0);      // not due yet
  CHECK(rig.pass(true).requests == 1);  // sync --once ignores the schedule
}

TEST_CASE("Timeouts and dropped connections are outcome-unknown and retried with the same key",
          "[sync][retry][timeout]") {
  Rig rig("sync-timeout");
  auto items = rig.commit(1);
  rig.backend.set_faults({{"slow_ms", 5000}});  // total timeout is 3 s
  auto slow = rig.pass();
  CHECK(slow.rescheduled == 1);
  REQUIRE(slow.backoff);
  rig.backend.set_faults({{"slow_ms", 0}, {"drop_rate", 1.0}});
  auto dropped = rig.pass(true);
  CHECK(dropped.rescheduled == 1);
  rig.backend.set_faults({{"drop_rate", 0.0}});
  CHECK(rig.pass(true).delivered == 1);
  CHECK(rig.stored() == 1);
  CHECK(rig.attempts(items[0].id) == 2);
}

TEST_CASE("401 and 403 pause all delivery and keep every item", "[sync][pause][auth]") {
  for (const char* fault : {"unauthorized", "deny"}) {
    Rig rig(std::string("sync-auth-") + fault);
    rig.backend.set_faults({{fault, true}});
    rig.commit(3);
    auto report = rig.pass();
    REQUIRE(report.paused);
    CHECK(report.requests == 1);
    CHECK(rig.stats().pending == 3);
    rig.backend.set_faults({{fault, false}});
    CHECK(rig.pass(true).delivered == 3);
  }
}

TEST_CASE("404 and 405 mean a wrong endpoint: pause and keep every item", "[sync][pause]") {
  for (int status : {404, 405}) {
    Rig rig("sync-endpoint-" + std::to_string(status));
    rig.backend.set_faults({{"status_override", status}});
    rig.commit(2);
    auto report = rig.pass();
    REQUIRE(report.paused);
    CHECK(report.paused->reason.find(std::to_string(status)) != std::string::npos);
    CHECK(rig.stats().pending == 2);
    CHECK(rig.stats().dead == 0);
  }
}

TEST_CASE("A 400 is bisected down to the malformed item, the rest are delivered",
          "[sync][bisect]") {
  Rig rig("sync-bisect");
  auto items = rig.commit(8);
  // Item 6's stored transaction becomes a JSON array: the backend answers the whole
  // request 400 (malformed), as it would for a kiosk bug.
  auto sealer = store::Sealer::open_or_create(outbox_in(rig.dir).key_file);
  const auto bad = sealer->seal("[]");
  REQUIRE(sql::run(rig.outbox.database(), "UPDATE outbox SET body=? WHERE id=?", sql::Blob(bad),
                   items[5].id));
  auto report = rig.pass();
  CHECK(report.delivered == 7);
  CHECK(report.dead == 1);
  CHECK(report.requests > 2);
  auto dead = rig.outbox.views().list(true, 10);
  REQUIRE(dead->size() == 1);
  CHECK(dead->front().id == items[5].id);
  CHECK(dead->front().last_error.find("400") != std::string::npos);
  CHECK(rig.stored() == 7);
}

TEST_CASE("A 413 splits the batch until every part fits", "[sync][split]") {
  Rig rig("sync-split");
  auto big = sample_transaction();
  big.fields["attachment"] = std::string(300'000, 'a');
  for (int i = 0; i < 5; ++i) REQUIRE(rig.outbox.intake().insert_transaction(big));
  auto settings = settings_for(rig.backend.port());
  settings.max_bytes = 8u << 20;  // let the kiosk overfill a request on purpose
  auto report = rig.pass(false, settings);
  CHECK(report.delivered == 5);
  CHECK(report.dead == 0);
  CHECK(report.requests >= 3);
  CHECK(rig.stored() == 5);
}

TEST_CASE("A lone item the backend calls too large is dead-lettered", "[sync][split]") {
  Rig rig("sync-413-one");
  rig.backend.set_faults({{"status_override", 413}});
  rig.commit(2);
  auto report = rig.pass();
  CHECK(report.dead == 2);
  CHECK(rig.outbox.views().list(true, 10)->front().last_error.find("413") != std::string::npos);
}

TEST_CASE("Plain HTTP to a non-loopback address is refused without sending, items kept",
          "[sync][pause][tls]") {
  Rig rig("sync-not-loopback");
  rig.commit(1);
  auto settings = settings_for(rig.backend.port());
  settings.base_url = "http://192.0.2.10:8080";  // TEST-NET-1: nothing listens there
  auto report = rig.pass(false, settings);
  REQUIRE(report.paused);
  CHECK(rig.stats().pending == 1);
  CHECK(rig.backend.stats()["requests"] == 0);
}

TEST_CASE("The backend's Date raises the clock floor and a clock behind it stops intake",
          "[sync][clock]") {
  Rig rig("sync-clock", {"--date-offset-s", "7200"});
  rig.commit(1);
  rig.pass();
  auto floor = rig.outbox.clock_floor().floor();
  REQUIRE(floor);
  REQUIRE(floor->has_value());
  CHECK(**floor > rig.clock.wall_now() + 1h);
  auto writer = store::OutboxWriter::start(outbox_in(rig.dir), rig.clock, {});
  REQUIRE(writer);
  auto refused = (*writer)->commit(sample_transaction());
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("set the clock") != std::string::npos);
}
