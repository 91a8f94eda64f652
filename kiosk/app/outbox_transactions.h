// The journey's TransactionSink on the outbox's group-commit writer.
#pragma once

#include "kiosk/app/app_core.h"
#include "kiosk/store/outbox_writer.h"

namespace kiosk::app {

class OutboxTransactions final : public TransactionSink {
 public:
  explicit OutboxTransactions(store::OutboxWriter& writer) : writer_(writer) {}

  Result<std::string> create_intent(const std::string& service_id, std::int64_t amount_paise,
                                    std::int64_t fee_paise) override;
  Status cancel_intent(const std::string& txn_id, bool expired) override;
  // With an intent: confirms it and inserts the transaction in one SQL transaction.
  Result<store::Committed> commit(const std::string& intent_txn_id,
                                  const store::NewTransaction& t) override;

 private:
  Status check_intake() const;  // probes the disk while intake is stopped
  store::OutboxWriter& writer_;
};

}  // namespace kiosk::app
