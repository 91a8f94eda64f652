// The delivery queue: leases for one delivery attempt, the batch results, dead letters,
// redrive and retention.
//
//  - A lease puts a row in flight for this process until `lease_for` passes or the leasing
//    process is gone (crash, kill -9, power cut): then it is due again, same key, same bytes.
//  - A failure is stored as a code (failure.h) with its text beside it.
//  - Redrive keeps the key and the bytes; retention drops bodies N days after delivery and
//    keeps the index row (receipt number, amounts, state) for reports.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/store/connection.h"
#include "kiosk/store/queue_types.h"

namespace kiosk::store {

class DeliveryQueue {
 public:
  explicit DeliveryQueue(OutboxConnection& c) : c_(c) {}

  // Leases due items in id order, up to max_items and about max_bytes of bodies, ids above
  // `after_id` only (one pass never sees an item twice). Its own transaction.
  Result<std::vector<LeasedItem>> lease(std::size_t max_items, std::size_t max_bytes,
                                        bool ignore_schedule, std::chrono::seconds lease_for,
                                        std::int64_t after_id = 0);
  Status mark_delivered(std::int64_t id, std::string_view backend_ref);
  Status mark_dead(std::int64_t id, const Failure& why);
  Status reschedule(std::int64_t id, std::chrono::milliseconds delay, const Failure& why);
  // The earliest time a pending item becomes due, if any.
  Result<std::optional<Clock::WallTime>> next_due();
  // A dead letter back to pending, with the same key and bytes. By row id or receipt number.
  Status redrive(std::string_view id_or_receipt);
  // Drops bodies delivered more than `keep` ago, reclaims space; answers rows purged.
  Result<std::int64_t> apply_retention(std::chrono::days keep);

 private:
  struct DueRows {
    std::vector<LeasedItem> items;
    std::vector<std::pair<std::int64_t, std::string>> unreadable;  // id, why
  };
  Result<DueRows> due_rows(std::size_t max_items, std::size_t max_bytes, bool ignore_schedule,
                           std::int64_t after_id);

  OutboxConnection& c_;
};

}  // namespace kiosk::store
