// Read-only views of the outbox for `kioskctl queue` and the operator screens: queue
// figures, listings, one item (its body with the name masked), the last failure.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/store/connection.h"
#include "kiosk/store/queue_types.h"

namespace kiosk::store {

// What this kiosk knows of a receipt it issued: the status lookup's answer when the
// backend does not know the number yet or cannot be reached. Past retention the row keeps
// these (its body is purged), so "sent on …" works for old receipts.
struct LocalReceipt {
  std::string receipt_no;
  std::string service_id;
  std::string created_at;  // RFC 3339, IST
  ItemState state = ItemState::Pending;
  std::optional<std::string> delivered_at;  // RFC 3339, IST; once delivered
  bool operator==(const LocalReceipt&) const = default;
};

class QueueViews {
 public:
  explicit QueueViews(OutboxConnection& c) : c_(c) {}

  Result<QueueStats> stats();
  // Why the newest failed delivery of a still-pending item failed, if any.
  Result<std::optional<Failure>> last_failure();
  Result<std::vector<ItemSummary>> list(bool dead_only, std::size_t limit);
  // By row id or receipt number; the body is returned with the name masked.
  Result<std::pair<ItemSummary, std::string>> show(std::string_view id_or_receipt);
  // This kiosk's own record of a receipt number; nullopt when it issued no such receipt.
  Result<std::optional<LocalReceipt>> receipt(std::string_view receipt_no);

 private:
  OutboxConnection& c_;
};

}  // namespace kiosk::store
