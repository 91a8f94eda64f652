// The reference backend's own SQLite store: exactly-once on the server side (queue.md D2).
//
//  [X] Durable: kiosk::store::Database (WAL, synchronous=FULL, read back)
//  [X] idem_key UNIQUE; lookup and insert in ONE BEGIN IMMEDIATE transaction per request
//  [X] Same key + same canonical bytes → duplicate with the original backend_ref;
//      same key + other bytes → rejected key_reuse
//  [X] "test": true items in their own table (contract §1), keys unique across both
//  [X] Receipt lookup for GET /v1/transactions/{receipt_no}
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/store/database.h"
#include "tools/backend/batch.h"

namespace kiosk::backend {

// One item of a request, validated before the store sees it.
struct PreparedItem {
  std::string idempotency_key;
  std::string receipt_no;            // empty when the item is invalid
  std::string canonical;             // canonical_bytes(transaction)
  std::string sha256;                // sha256_hex(canonical)
  bool test = false;                 // "test": true → the test table
  std::optional<ItemError> invalid;  // validate_transaction's verdict
};

enum class Outcome { Accepted, Duplicate, Rejected };

struct ItemResult {
  Outcome outcome = Outcome::Rejected;
  std::string backend_ref;  // accepted / duplicate
  ItemError error;          // rejected
};

struct StoredReceipt {
  std::string received_at;
};

struct StoreCounts {
  std::int64_t stored = 0;
  std::int64_t test_stored = 0;
};

class BackendStore {
 public:
  static Result<std::unique_ptr<BackendStore>> open(const std::filesystem::path& file,
                                                    const Clock& clock);

  // All items of one request in one BEGIN IMMEDIATE transaction; results in item order.
  // Nothing is stored when this fails (the answer is then a 5xx and the kiosk resends).
  Result<std::vector<ItemResult>> store_batch(std::string_view kiosk_id,
                                              std::span<const PreparedItem> items);
  Result<std::optional<StoredReceipt>> find_receipt(const std::string& receipt_no);
  Result<StoreCounts> counts();
  Result<std::vector<std::string>> keys();

 private:
  BackendStore(store::Database db, const Clock& clock) : db_(std::move(db)), clock_(clock) {}
  Status prepare_statements();
  Result<ItemResult> store_item(std::string_view kiosk_id, const PreparedItem& item,
                                const std::string& now);
  Result<std::optional<ItemResult>> find_key(const PreparedItem& item);
  Result<ItemResult> insert(std::string_view kiosk_id, const PreparedItem& item,
                            const std::string& now);
  Result<std::int64_t> count(const char* sql);
  Error step_error(std::string_view what) const;

  std::mutex mutex_;  // one connection, one writer: requests are serialised here
  store::Database db_;
  const Clock& clock_;
  // Prepared once (a 500-item batch would otherwise spend more time preparing than
  // inserting); declared after db_ so they are finalised before it closes.
  store::Statement find_key_;
  store::Statement insert_real_;
  store::Statement insert_test_;
};

}  // namespace kiosk::backend
