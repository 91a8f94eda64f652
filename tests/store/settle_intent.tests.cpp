// Settling payment intents late, on a real SQLite file: the operator confirms a payment
// after the citizen left (the intent expired or was cancelled), or finds none and rejects it.
// A confirmed intent always has exactly one transaction with its id.
#include <catch2/catch.hpp>

#include "kiosk/store/outbox.h"
#include "kiosk/store/outbox_writer.h"
#include "kiosk/store/sql.h"
#include "tests/support/paths.h"
#include "tests/support/samples.h"

using namespace kiosk;
using namespace kiosk::store;
using namespace std::chrono_literals;

namespace {

struct SettleRig {
  ManualClock clock;
  OutboxOptions opts;
  std::unique_ptr<OutboxWriter> writer;
  std::optional<Outbox> reader;  // a second connection, as the operator screen would have

  explicit SettleRig(const std::string& name) {
    const auto dir = testing::scratch_dir(name);
    opts = {dir / "kiosk.db", dir / "outbox.key", "CG-RPR-0042"};
    auto w = OutboxWriter::start(opts, clock, {});
    REQUIRE(w);
    writer = std::move(*w);
    auto r = Outbox::open(opts, clock);
    REQUIRE(r);
    reader.emplace(std::move(*r));
  }
  // A new intent, moved to `state` the way the journey moves it.
  std::string intent(IntentState state) {
    auto made = writer->create_intent("cg.edistrict.income_certificate", 3000, 1000);
    REQUIRE(made);
    if (state != IntentState::Awaiting) REQUIRE(writer->set_intent_state(made->txn_id, state));
    return made->txn_id;
  }
  IntentState state(const std::string& txn_id) {
    auto found = reader->intake().intent(txn_id);
    REQUIRE(found);
    REQUIRE(found->has_value());
    return (*found)->state;
  }
  std::int64_t transactions(const std::string& txn_id) {
    auto n = sql::integer(reader->database(), "SELECT count(*) FROM outbox WHERE txn_id=?", txn_id);
    REQUIRE(n);
    return n->value_or(-1);
  }
  std::int64_t all_transactions() {
    auto n = sql::integer(reader->database(), "SELECT count(*) FROM outbox");
    REQUIRE(n);
    return n->value_or(-1);
  }
};

}  // namespace

TEST_CASE("Settling an expired intent commits one transaction with its id and confirms it",
          "[store][settle]") {
  SettleRig rig("settle-expired");
  const auto txn_id = rig.intent(IntentState::Expired);
  auto committed = rig.writer->settle_and_commit(txn_id, testing::sample_transaction());
  REQUIRE(committed);
  CHECK(committed->txn_id == txn_id);
  CHECK(rig.state(txn_id) == IntentState::Confirmed);
  CHECK(rig.transactions(txn_id) == 1);
  CHECK(rig.all_transactions() == 1);
}

TEST_CASE("Settling twice is refused and the second attempt inserts nothing", "[store][settle]") {
  SettleRig rig("settle-twice");
  const auto txn_id = rig.intent(IntentState::Expired);
  REQUIRE(rig.writer->settle_and_commit(txn_id, testing::sample_transaction()));
  auto again = rig.writer->settle_and_commit(txn_id, testing::sample_transaction());
  REQUIRE_FALSE(again);
  CHECK(again.error().code == Errc::InvalidInput);  // not NotFound: the intent exists
  CHECK(rig.transactions(txn_id) == 1);
  CHECK(rig.all_transactions() == 1);
  CHECK(rig.writer->intake().accepting);  // one refused write does not stop intake
  // One the journey confirmed cannot be settled either.
  const auto paid = rig.intent(IntentState::Awaiting);
  REQUIRE(rig.writer->confirm_and_commit(paid, testing::sample_transaction()));
  auto settled = rig.writer->settle_and_commit(paid, testing::sample_transaction());
  REQUIRE_FALSE(settled);
  CHECK(settled.error().code == Errc::InvalidInput);
  CHECK(rig.transactions(paid) == 1);
}

TEST_CASE("Cancelled and awaiting intents can be settled too", "[store][settle]") {
  SettleRig rig("settle-cancelled");
  for (const auto state : {IntentState::Cancelled, IntentState::Awaiting}) {
    const auto txn_id = rig.intent(state);
    REQUIRE(rig.writer->settle_and_commit(txn_id, testing::sample_transaction()));
    CHECK(rig.state(txn_id) == IntentState::Confirmed);
    CHECK(rig.transactions(txn_id) == 1);
  }
}

TEST_CASE("Rejecting cancels an awaiting or expired intent and refuses a confirmed one",
          "[store][settle]") {
  SettleRig rig("settle-reject");
  const auto awaiting = rig.intent(IntentState::Awaiting);
  const auto expired = rig.intent(IntentState::Expired);
  REQUIRE(rig.writer->reject_intent(awaiting));
  REQUIRE(rig.writer->reject_intent(expired));
  CHECK(rig.state(awaiting) == IntentState::Cancelled);
  CHECK(rig.state(expired) == IntentState::Cancelled);
  const auto twice = rig.writer->reject_intent(expired);
  REQUIRE_FALSE(twice);
  CHECK(twice.error().code == Errc::InvalidInput);

  const auto paid = rig.intent(IntentState::Expired);
  REQUIRE(rig.writer->settle_and_commit(paid, testing::sample_transaction()));
  const auto refused = rig.writer->reject_intent(paid);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::InvalidInput);
  CHECK(rig.state(paid) == IntentState::Confirmed);  // its money stays recorded
  CHECK(rig.all_transactions() == 1);
}

TEST_CASE("Settling or rejecting an unknown intent is NotFound and writes nothing",
          "[store][settle]") {
  SettleRig rig("settle-unknown");
  const std::string unknown = "0190a0b0-0000-7000-8000-000000000000";
  auto settled = rig.writer->settle_and_commit(unknown, testing::sample_transaction());
  REQUIRE_FALSE(settled);
  CHECK(settled.error().code == Errc::NotFound);
  const auto rejected = rig.writer->reject_intent(unknown);
  REQUIRE_FALSE(rejected);
  CHECK(rejected.error().code == Errc::NotFound);
  CHECK(rig.all_transactions() == 0);
  auto intents = rig.reader->intake().intents(0);
  REQUIRE(intents);
  CHECK(intents->empty());
}

TEST_CASE("Intents changed since a moment are listed newest first with when they changed",
          "[store][settle]") {
  SettleRig rig("settle-list");
  const auto start_ms = unix_ms(rig.clock.wall_now());
  const auto first = rig.intent(IntentState::Awaiting);
  rig.clock.advance(1min);
  const auto second = rig.intent(IntentState::Awaiting);
  rig.clock.advance(1min);
  const auto third = rig.intent(IntentState::Awaiting);
  rig.clock.advance(1min);
  REQUIRE(rig.writer->set_intent_state(first, IntentState::Expired));  // changed last

  auto all = rig.reader->intake().intents(start_ms);
  REQUIRE(all);
  REQUIRE(all->size() == 3);
  CHECK((*all)[0].txn_id == first);
  CHECK((*all)[0].state == IntentState::Expired);
  CHECK((*all)[0].updated_ms == start_ms + 3 * 60'000);
  CHECK((*all)[1].txn_id == third);
  CHECK((*all)[1].updated_ms == start_ms + 2 * 60'000);
  CHECK((*all)[2].txn_id == second);
  CHECK((*all)[2].amount_paise == 3000);

  auto recent = rig.reader->intake().intents(start_ms + 2 * 60'000);
  REQUIRE(recent);
  REQUIRE(recent->size() == 2);
  CHECK((*recent)[0].txn_id == first);
  CHECK((*recent)[1].txn_id == third);
}
