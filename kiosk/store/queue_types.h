// The outbox's value types, shared by its parts (intake, delivery queue, views).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/store/failure.h"

namespace kiosk::store {

struct OutboxOptions {
  std::filesystem::path database;  // <state_dir>/kiosk.db
  std::filesystem::path key_file;  // <state_dir>/outbox.key
  std::string kiosk_id;
};

enum class IntentState { Awaiting, Confirmed, Cancelled, Expired };
std::string_view to_string(IntentState state);

struct PaymentIntent {
  std::string txn_id;
  std::string service_id;
  std::int64_t amount_paise = 0;
  std::int64_t fee_paise = 0;
  IntentState state = IntentState::Awaiting;
  std::string created_at;
  std::int64_t updated_ms = 0;  // Unix ms of the last change of state (or of creation)
};

enum class ItemState { Pending, Inflight, Delivered, Dead };
std::string_view to_string(ItemState state);

// An item leased for one delivery attempt: the exact bytes to send.
struct LeasedItem {
  std::int64_t id = 0;
  std::string idempotency_key;
  std::string transaction_json;
  int attempts = 0;
};

struct ItemSummary {
  std::int64_t id = 0;
  std::string receipt_no;
  std::string service_id;
  std::int64_t amount_paise = 0;
  std::int64_t fee_paise = 0;
  bool test = false;
  ItemState state = ItemState::Pending;
  int attempts = 0;
  std::string created_at;
  std::string last_error;                      // for people
  std::optional<FailureCode> last_error_code;  // for alerts and exit codes
  std::string backend_ref;
  std::optional<std::int64_t> next_attempt_ms;
  bool purged = false;
};

struct QueueStats {
  std::int64_t pending = 0;  // includes in flight
  std::int64_t inflight = 0;
  std::int64_t delivered = 0;
  std::int64_t dead = 0;
  std::int64_t purged = 0;
  std::optional<std::chrono::seconds> oldest_pending_age;
};

}  // namespace kiosk::store
