// The operator's PIN, its lockout and the audit trail, in SQLite (<state_dir>/operator.db):
// what must survive pulling the power. No citizen data is ever written here: the audit
// names who (the operator at the screen, or a uid at the control socket), what and when,
// and at most an id (a transaction id, a print job).
//
//  [X] No default PIN: until one is set, operator mode is refused (NoPin)
//  [X] The PIN's Argon2id hash only; the lockout checked before any hashing
//  [X] The lock state saved before the answer, so a power cut cannot undo a wrong PIN
//  [X] Audit rows for every PIN set, entry and wrong PIN; others add their own
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/core/secret.h"
#include "kiosk/operator/lockout.h"
#include "kiosk/operator/pin.h"
#include "kiosk/store/database.h"

namespace kiosk::op {

struct AuditEntry {
  std::int64_t seq = 0;
  Clock::WallTime at{};
  std::string actor;    // "operator", "citizen" (at the screen), "uid:1000" (the socket), "kiosk"
  std::string action;   // "operator.pin-set", "operator.enter", "operator.pin-wrong", …
  std::string subject;  // an id, never citizen data; may be empty
  std::string outcome;  // "ok", "refused: …"; may be empty
};
nlohmann::json to_json(const AuditEntry& entry);

enum class PinOutcome { Accepted, Wrong, LockedOut, NoPin };
std::string_view to_string(PinOutcome outcome);

struct PinAttempt {
  PinOutcome outcome = PinOutcome::NoPin;
  std::optional<Clock::WallTime> locked_until;  // LockedOut, or Wrong when it now locks
  int failures = 0;
};

class OperatorStore {
 public:
  static Result<OperatorStore> open(const std::filesystem::path& file,
                                    PinCost cost = PinCost::interactive());

  Result<bool> has_pin();
  // The rules, then the (slow) hash, stored; the lockout cleared; audited as `actor`.
  Status set_pin(const Secret& pin, Clock::WallTime now, const std::string& actor);
  // A hash made elsewhere (kioskctl, after checking the rules): stored if is_pin_hash().
  Status set_pin_hash(const std::string& hash, Clock::WallTime now, const std::string& actor);
  // The lockout first (a locked kiosk hashes nothing), then the hash. Audited.
  Result<PinAttempt> try_pin(const Secret& pin, Clock::WallTime now, const std::string& actor);
  Result<LockState> lock_state();

  Status audit(AuditEntry entry);
  // Oldest first, from `since` (all when nullopt), at most `limit`.
  Result<std::vector<AuditEntry>> audit_since(std::optional<Clock::WallTime> since,
                                              std::size_t limit = 1000);

 private:
  OperatorStore(store::Database db, PinCost cost) : db_(std::move(db)), cost_(cost) {}
  Status save_lock(const LockState& state);
  Result<std::optional<std::string>> stored_hash();

  store::Database db_;
  PinCost cost_;
};

}  // namespace kiosk::op
