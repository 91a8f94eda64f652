#include "kiosk/operator/operator_store.h"

#include <fmt/format.h>

#include <array>

#include "kiosk/store/sql.h"
#include "kiosk/store/transaction.h"

namespace kiosk::op {

namespace {

namespace sql = store::sql;
using nlohmann::json;

constexpr std::array<std::string_view, 1> kMigrations{R"sql(
  CREATE TABLE operator_pin (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    hash TEXT NOT NULL,
    set_at TEXT NOT NULL);
  CREATE TABLE operator_lock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    failures INTEGER NOT NULL,
    last_failure_unix INTEGER);
  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at_unix INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    outcome TEXT NOT NULL);
)sql"};

std::int64_t unix_seconds(Clock::WallTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

Clock::WallTime from_unix(std::int64_t s) {
  return Clock::WallTime{std::chrono::seconds(s)};
}

}  // namespace

json to_json(const AuditEntry& e) {
  return {{"seq", e.seq},       {"at", store::rfc3339_ist(e.at)}, {"actor", e.actor},
          {"action", e.action}, {"subject", e.subject},           {"outcome", e.outcome}};
}

std::string_view to_string(PinOutcome outcome) {
  switch (outcome) {
    case PinOutcome::Accepted:
      return "accepted";
    case PinOutcome::Wrong:
      return "wrong";
    case PinOutcome::LockedOut:
      return "locked-out";
    case PinOutcome::NoPin:
      return "no-pin";
  }
  return "no-pin";
}

Result<OperatorStore> OperatorStore::open(const std::filesystem::path& file, PinCost cost) {
  auto db = store::Database::open(file);
  if (!db) return std::unexpected(db.error());
  if (auto migrated = db->migrate(kMigrations); !migrated) return std::unexpected(migrated.error());
  return OperatorStore(std::move(*db), cost);
}

Result<std::optional<std::string>> OperatorStore::stored_hash() {
  auto q = sql::Query::make(db_, "SELECT hash FROM operator_pin WHERE id = 1");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(q->text(0));
}

Result<bool> OperatorStore::has_pin() {
  auto hash = stored_hash();
  if (!hash) return std::unexpected(hash.error());
  return hash->has_value();
}

Status OperatorStore::set_pin(const Secret& pin, Clock::WallTime now, const std::string& actor) {
  if (auto rules = check_pin_rules(pin.view()); !rules) {
    (void)audit({0, now, actor, "operator.pin-set", "", "refused: " + rules.error().message});
    return rules;
  }
  auto hash = hash_pin(pin, cost_);
  if (!hash) return std::unexpected(hash.error());
  return set_pin_hash(*hash, now, actor);
}

Status OperatorStore::set_pin_hash(const std::string& hash, Clock::WallTime now,
                                   const std::string& actor) {
  if (!is_pin_hash(hash)) {
    (void)audit({0, now, actor, "operator.pin-set", "", "refused: not an Argon2id hash"});
    return fail(Errc::InvalidInput, "not an Argon2id PIN hash");
  }
  auto saved =
      sql::run(db_,
               "INSERT INTO operator_pin (id, hash, set_at) VALUES (1, ?1, ?2) "
               "ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at",
               hash, store::rfc3339_ist(now));
  if (!saved) return std::unexpected(saved.error());
  if (auto cleared = save_lock({}); !cleared) return cleared;
  return audit({0, now, actor, "operator.pin-set", "", "ok"});
}

Result<LockState> OperatorStore::lock_state() {
  auto q =
      sql::Query::make(db_, "SELECT failures, last_failure_unix FROM operator_lock WHERE id = 1");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  LockState state;
  if (!*row) return state;
  state.failures = static_cast<int>(q->integer(0));
  if (!q->is_null(1)) state.last_failure = from_unix(q->integer(1));
  return state;
}

Status OperatorStore::save_lock(const LockState& state) {
  std::optional<std::int64_t> last;
  if (state.last_failure) last = unix_seconds(*state.last_failure);
  auto saved =
      sql::run(db_,
               "INSERT INTO operator_lock (id, failures, last_failure_unix) VALUES (1, ?1, ?2) "
               "ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, "
               "last_failure_unix = excluded.last_failure_unix",
               state.failures, last);
  if (!saved) return std::unexpected(saved.error());
  return {};
}

Result<PinAttempt> OperatorStore::try_pin(const Secret& pin, Clock::WallTime now,
                                          const std::string& actor) {
  auto hash = stored_hash();
  if (!hash) return std::unexpected(hash.error());
  if (!*hash) return PinAttempt{PinOutcome::NoPin, std::nullopt, 0};
  auto state = lock_state();
  if (!state) return std::unexpected(state.error());
  if (auto until = locked_until(*state, now)) {
    (void)audit({0, now, actor, "operator.enter", "", "refused: locked out"});
    return PinAttempt{PinOutcome::LockedOut, until, state->failures};
  }
  if (pin_matches(**hash, pin)) {
    if (auto cleared = save_lock({}); !cleared) return std::unexpected(cleared.error());
    if (auto logged = audit({0, now, actor, "operator.enter", "", "ok"}); !logged)
      return std::unexpected(logged.error());
    return PinAttempt{PinOutcome::Accepted, std::nullopt, 0};
  }
  const LockState after = after_wrong_pin(*state, now);
  if (auto saved = save_lock(after); !saved) return std::unexpected(saved.error());
  (void)audit({0, now, actor, "operator.pin-wrong", "", fmt::format("failure {}", after.failures)});
  return PinAttempt{PinOutcome::Wrong, locked_until(after, now), after.failures};
}

Status OperatorStore::audit(AuditEntry e) {
  auto saved = sql::run(db_,
                        "INSERT INTO audit (at_unix, actor, action, subject, outcome) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)",
                        unix_seconds(e.at), e.actor, e.action, e.subject, e.outcome);
  if (!saved) return std::unexpected(saved.error());
  return {};
}

Result<std::vector<AuditEntry>> OperatorStore::audit_since(std::optional<Clock::WallTime> since,
                                                           std::size_t limit) {
  auto q = sql::Query::make(db_,
                            "SELECT seq, at_unix, actor, action, subject, outcome FROM audit "
                            "WHERE at_unix >= ?1 ORDER BY seq LIMIT ?2",
                            since ? unix_seconds(*since) : std::int64_t{0},
                            static_cast<std::int64_t>(limit));
  if (!q) return std::unexpected(q.error());
  std::vector<AuditEntry> out;
  for (;;) {
    auto row = q->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(
        {q->integer(0), from_unix(q->integer(1)), q->text(2), q->text(3), q->text(4), q->text(5)});
  }
  return out;
}

}  // namespace kiosk::op
