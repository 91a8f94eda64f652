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

class QueueViews {
 public:
  explicit QueueViews(OutboxConnection& c) : c_(c) {}

  Result<QueueStats> stats();
  // Why the newest failed delivery of a still-pending item failed, if any.
  Result<std::optional<Failure>> last_failure();
  Result<std::vector<ItemSummary>> list(bool dead_only, std::size_t limit);
  // By row id or receipt number; the body is returned with the name masked.
  Result<std::pair<ItemSummary, std::string>> show(std::string_view id_or_receipt);

 private:
  OutboxConnection& c_;
};

}  // namespace kiosk::store
