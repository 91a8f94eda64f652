// How an outbox row reads back, shared by the delivery queue and the read-only views.
#pragma once

#include <string_view>

#include "kiosk/core/clock.h"
#include "kiosk/store/database.h"
#include "kiosk/store/queue_types.h"
#include "kiosk/store/sql.h"

namespace kiosk::store {

ItemState item_state(std::string_view s);

// The columns read_summary() expects, in its order.
extern const std::string_view kSummaryColumns;
ItemSummary read_summary(const sql::Query& q);

// A row id ("17") or a receipt number; NotFound otherwise.
Result<std::int64_t> resolve_item_id(Database& db, std::string_view id_or_receipt);

Clock::WallTime from_unix_ms(std::int64_t ms);

}  // namespace kiosk::store
