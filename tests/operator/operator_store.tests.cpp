// The operator's PIN and lockout (kiosk/operator): rules, Argon2id, the lockout's waits on
// an injected clock and across a restart, and the audit trail, with no PIN on disk.
#include "kiosk/operator/operator_store.h"

#include <catch2/catch.hpp>

#include "kiosk/core/file.h"
#include "tests/support/paths.h"

using namespace kiosk;
using namespace kiosk::op;
using namespace std::chrono_literals;

namespace {

Secret pin(std::string_view digits) {
  auto s = Secret::copy_of(digits);
  REQUIRE(s);
  return std::move(*s);
}

const auto kStart = Clock::WallTime{std::chrono::sys_days(std::chrono::year(2026) / 12 / 7)} + 9h;

OperatorStore open_store(const std::filesystem::path& dir) {
  auto store = OperatorStore::open(dir / "operator.db", PinCost::minimum());
  REQUIRE(store);
  return std::move(*store);
}

// The file's bytes; empty when it is absent (a WAL that was checkpointed away).
std::string file_bytes(const std::filesystem::path& file) {
  return kiosk::read_text_file(file).value_or("");
}

}  // namespace

TEST_CASE("A PIN is 6 to 8 digits, not one digit repeated and not a run", "[operator][pin]") {
  CHECK(check_pin_rules("246813"));
  CHECK(check_pin_rules("97531864"));
  for (const char* weak : {"2468", "123456789", "24681a", "000000", "123456", "876543", ""}) {
    INFO(weak);
    CHECK_FALSE(check_pin_rules(weak));
  }
}

TEST_CASE("A PIN is kept as its Argon2id hash and checked against it", "[operator][pin]") {
  const auto hash = hash_pin(pin("246813"), PinCost::interactive());
  REQUIRE(hash);
  CHECK(hash->starts_with("$argon2id$"));
  CHECK(hash->find("246813") == std::string::npos);
  CHECK(is_pin_hash(*hash));
  CHECK(pin_matches(*hash, pin("246813")));
  CHECK_FALSE(pin_matches(*hash, pin("246814")));
  CHECK_FALSE(pin_matches("", pin("246813")));
  // Another salt each time: the same PIN twice gives two hashes.
  CHECK(*hash_pin(pin("246813"), PinCost::minimum()) !=
        *hash_pin(pin("246813"), PinCost::minimum()));
  for (const char* not_hash :
       {"", "246813", "$2y$10$abcdefghijklmnopqrstuv", "$argon2id$garbage"}) {
    INFO(not_hash);
    CHECK_FALSE(is_pin_hash(not_hash));
  }
}

TEST_CASE("With no PIN set, operator mode is refused", "[operator][pin]") {
  auto store = open_store(testing::scratch_dir("operator-no-pin"));
  CHECK_FALSE(store.has_pin().value());
  CHECK(store.try_pin(pin("246813"), kStart, "operator").value().outcome == PinOutcome::NoPin);
}

TEST_CASE("The waits after wrong PINs: 30 s after the third, doubling up to 15 minutes",
          "[operator][lockout]") {
  const std::vector<int> expected{0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900};
  for (int failures = 0; failures < static_cast<int>(expected.size()); ++failures) {
    INFO(failures);
    CHECK(wait_after(failures).count() == expected[static_cast<std::size_t>(failures)]);
  }
  CHECK(wait_after(1000).count() == 900);
}

TEST_CASE(
    "Wrong PINs lock operator mode, the lock survives a restart, and the right PIN "
    "after the wait clears it",
    "[operator][lockout]") {
  const auto dir = testing::scratch_dir("operator-lockout");
  auto now = kStart;
  {
    auto store = open_store(dir);
    REQUIRE(store.set_pin(pin("246813"), now, "uid:0"));
    CHECK(store.try_pin(pin("111112"), now, "operator").value().outcome == PinOutcome::Wrong);
    const auto second = store.try_pin(pin("111113"), now, "operator").value();
    CHECK(second.outcome == PinOutcome::Wrong);
    CHECK_FALSE(second.locked_until);
    const auto third = store.try_pin(pin("111114"), now, "operator").value();
    CHECK(third.outcome == PinOutcome::Wrong);
    REQUIRE(third.locked_until);
    CHECK(*third.locked_until == now + 30s);
    // Locked: even the right PIN is not checked.
    CHECK(store.try_pin(pin("246813"), now + 29s, "operator").value().outcome ==
          PinOutcome::LockedOut);
    now += 31s;
    const auto fourth = store.try_pin(pin("111116"), now, "operator").value();
    CHECK(fourth.outcome == PinOutcome::Wrong);
    REQUIRE(fourth.locked_until);
    CHECK(*fourth.locked_until == now + 60s);
  }
  // The power is pulled: a new process finds the same lock.
  auto store = open_store(dir);
  CHECK(store.lock_state().value().failures == 4);
  CHECK(store.try_pin(pin("246813"), now + 59s, "operator").value().outcome ==
        PinOutcome::LockedOut);
  CHECK(store.try_pin(pin("246813"), now + 61s, "operator").value().outcome ==
        PinOutcome::Accepted);
  CHECK(store.lock_state().value() == LockState{});
}

TEST_CASE("A clock set back does not shorten a lockout", "[operator][lockout]") {
  LockState state;
  for (int i = 0; i < 3; ++i) state = after_wrong_pin(state, kStart);
  CHECK(locked_until(state, kStart + 10s) == kStart + 30s);
  CHECK(locked_until(state, kStart + 31s) == std::nullopt);
  CHECK(locked_until(state, kStart - 24h) == kStart - 24h + 30s);  // set back a day
}

TEST_CASE("Setting the PIN, entries and wrong PINs are audited, and no PIN reaches the disk",
          "[operator][audit][privacy]") {
  const auto dir = testing::scratch_dir("operator-audit");
  auto store = open_store(dir);
  REQUIRE(store.set_pin(pin("246813"), kStart, "uid:1000"));
  CHECK_FALSE(store.set_pin(pin("123456"), kStart + 1s, "uid:1000"));  // refused: a run
  REQUIRE(store.try_pin(pin("975318"), kStart + 2s, "operator"));
  REQUIRE(store.try_pin(pin("246813"), kStart + 3s, "operator"));
  const auto rows = store.audit_since(std::nullopt).value();
  std::vector<std::string> seen;
  for (const auto& r : rows) seen.push_back(r.actor + " " + r.action + " " + r.outcome);
  CHECK(seen == std::vector<std::string>{
                    "uid:1000 operator.pin-set ok",
                    "uid:1000 operator.pin-set refused: the PIN must not be a run of digits",
                    "operator operator.pin-wrong failure 1", "operator operator.enter ok"});
  CHECK(store.audit_since(kStart + 2s).value().size() == 2);
  const std::string db = file_bytes(dir / "operator.db") + file_bytes(dir / "operator.db-wal");
  for (const char* digits : {"246813", "975318", "123456"}) {
    INFO(digits);
    CHECK(db.find(digits) == std::string::npos);
  }
  // Positive control: a string that is written is found by the same search.
  REQUIRE(store.audit({0, kStart + 4s, "operator", "receipt.reprint", "SENTINEL-7731", "ok"}));
  const std::string after = file_bytes(dir / "operator.db") + file_bytes(dir / "operator.db-wal");
  CHECK(after.find("SENTINEL-7731") != std::string::npos);
}
