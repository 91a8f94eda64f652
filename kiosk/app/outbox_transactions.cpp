#include "kiosk/app/outbox_transactions.h"

namespace kiosk::app {

// A citizen must not pay into a kiosk that cannot write: after a disk-full or I/O failure
// no new payment starts until a probe write succeeds again (the operator freed space).
Status OutboxTransactions::check_intake() const {
  if (writer_.intake().accepting) return {};
  return writer_.probe();
}

Result<std::string> OutboxTransactions::create_intent(const std::string& service_id,
                                                      std::int64_t amount_paise,
                                                      std::int64_t fee_paise) {
  if (auto ok = check_intake(); !ok) return std::unexpected(ok.error());
  auto intent = writer_.create_intent(service_id, amount_paise, fee_paise);
  if (!intent) return std::unexpected(intent.error());
  return intent->txn_id;
}

Status OutboxTransactions::cancel_intent(const std::string& txn_id, bool expired) {
  return writer_.set_intent_state(
      txn_id, expired ? store::IntentState::Expired : store::IntentState::Cancelled);
}

Result<store::Committed> OutboxTransactions::commit(const std::string& intent_txn_id,
                                                    const store::NewTransaction& t) {
  if (intent_txn_id.empty()) {
    if (auto ok = check_intake(); !ok) return std::unexpected(ok.error());
    return writer_.commit(t);
  }
  // A payment already taken is always recorded, even while intake is stopped for new ones.
  return writer_.confirm_and_commit(intent_txn_id, t);
}

}  // namespace kiosk::app
