// Intake: what a citizen's journey writes. Payment intents (durable before the UPI QR
// shows), transactions with their receipt numbers (<kiosk>-YYYYMMDD-NNNNNN from a per-day
// counter bumped inside the insert's transaction: never handed out twice, even after a
// crash), and the write probe that tells a recovered disk from a full one. Callers hold a
// TransactionGuard (Outbox::begin) around writes that must commit together.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/store/connection.h"
#include "kiosk/store/queue_types.h"
#include "kiosk/store/transaction.h"

namespace kiosk::store {

class Intake {
 public:
  explicit Intake(OutboxConnection& c) : c_(c) {}

  Result<PaymentIntent> insert_intent(std::string service_id, std::int64_t amount_paise,
                                      std::int64_t fee_paise);
  // NotFound unless the intent exists and is still awaiting.
  Status set_intent_state(std::string_view txn_id, IntentState state);
  Result<std::optional<PaymentIntent>> intent(std::string_view txn_id);
  // Every intent whose state changed (or that was made) at or after `since_ms`, newest first:
  // what the operator looks through to settle payments late.
  Result<std::vector<PaymentIntent>> intents(std::int64_t since_ms);
  // The operator confirms a payment after the citizen left: awaiting, expired or cancelled
  // becomes confirmed. NotFound when there is no such intent, InvalidInput when it is
  // already confirmed. The caller inserts its transaction in the same SQL transaction.
  Status settle_intent(std::string_view txn_id);
  // The operator found no payment: awaiting or expired becomes cancelled. NotFound when
  // there is no such intent, InvalidInput when it is confirmed or already cancelled.
  Status reject_intent(std::string_view txn_id);
  // Allocates the receipt number and key, seals and inserts. The caller commits.
  Result<Committed> insert_transaction(const NewTransaction& t);
  // A harmless one-row write: proves the disk takes writes again after a failure.
  Status write_probe();

 private:
  Result<std::string> next_receipt_no(Clock::WallTime now);
  Status move_intent(std::string_view txn_id, IntentState to, std::string_view from_states);
  Status insert_print_job(const NewTransaction& t, const Committed& c, Clock::WallTime now);

  OutboxConnection& c_;
};

}  // namespace kiosk::store
