// The durable transaction outbox (issue 6; shared/research/queue.md §1).
//
// A transaction is committed here, with its idempotency key and receipt number, BEFORE the
// citizen sees the number or any device acts on it; the sync worker delivers it later,
// exactly once from the backend's point of view (same key, same bytes on every retry).
//
//  [X] Payment intents (awaiting/confirmed/cancelled/expired), durable before the QR shows
//  [X] Receipt numbers `<kiosk>-YYYYMMDD-NNNNNN` from a per-day counter inside the insert's
//      BEGIN IMMEDIATE: unique per kiosk, never reused, even after a crash
//  [X] Bodies sealed at rest (Sealer); index columns hold no personal data
//  [X] Delivery leases: a row is in flight for one worker until its lease ends or the
//      leasing process is gone (crash, kill -9, power cut)
//  [X] Dead letters with the reason; redrive keeps the key and the bytes
//  [X] Clock floor from the backend's Date; intake refused while the clock is behind it
//  [X] Retention: bodies dropped N days after delivery, index kept, incremental_vacuum
//
// One Outbox is one connection and is not thread-safe; each thread opens its own.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/store/database.h"
#include "kiosk/store/sealer.h"
#include "kiosk/store/transaction.h"

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
  std::string last_error;
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

class Outbox {
 public:
  static Result<Outbox> open(const OutboxOptions& options, const Clock& clock);

  // --- intake (call inside begin()/commit() for group commit, or alone) -----------------
  Status begin();  // BEGIN IMMEDIATE
  Status commit();
  void rollback();
  Status savepoint();
  Status release_savepoint();
  void rollback_to_savepoint();

  // Refuses while the wall clock is below the persisted floor (Errc::Unavailable).
  Status check_clock();
  Result<PaymentIntent> insert_intent(std::string service_id, std::int64_t amount_paise,
                                      std::int64_t fee_paise);
  Status set_intent_state(std::string_view txn_id, IntentState state);
  Result<std::optional<PaymentIntent>> intent(std::string_view txn_id);
  // Allocates the receipt number and key, seals and inserts. Caller commits.
  Result<Committed> insert_transaction(const NewTransaction& t);

  // --- delivery --------------------------------------------------------------------------
  // Leases due items in id order, up to max_items and about max_bytes of bodies.
  // Items with ids above `after_id` only, so one pass never sees an item twice.
  Result<std::vector<LeasedItem>> lease(std::size_t max_items, std::size_t max_bytes,
                                        bool ignore_schedule, std::chrono::seconds lease_for,
                                        std::int64_t after_id = 0);
  Status mark_delivered(std::int64_t id, std::string_view backend_ref);
  Status mark_dead(std::int64_t id, std::string_view reason);
  Status reschedule(std::int64_t id, std::chrono::milliseconds delay, std::string_view reason);
  // The earliest time a pending item becomes due, if any.
  Result<std::optional<Clock::WallTime>> next_due();

  // A harmless one-row write: proves the disk takes writes again after a failure.
  Status write_probe();

  // --- clock floor -----------------------------------------------------------------------
  Status record_server_date(Clock::WallTime date);
  Result<std::optional<Clock::WallTime>> clock_floor();

  // --- operator --------------------------------------------------------------------------
  Result<QueueStats> stats();
  // Why the newest failed delivery of a still-pending item failed ("HTTP 401" …), if any.
  Result<std::optional<std::string>> last_pending_error();
  Result<std::vector<ItemSummary>> list(bool dead_only, std::size_t limit);
  // By row id or receipt number; the body is returned with the name masked.
  Result<std::pair<ItemSummary, std::string>> show(std::string_view id_or_receipt);
  Status redrive(std::string_view id_or_receipt);
  // Drops bodies delivered more than `keep` ago, reclaims space; answers rows purged.
  Result<std::int64_t> apply_retention(std::chrono::days keep);

  Database& database() { return db_; }

 private:
  Outbox(Database db, Sealer sealer, std::string kiosk_id, const Clock& clock)
      : db_(std::move(db)),
        sealer_(std::move(sealer)),
        kiosk_id_(std::move(kiosk_id)),
        clock_(&clock) {}
  struct DueRows {
    std::vector<LeasedItem> items;
    std::vector<std::pair<std::int64_t, std::string>> unreadable;  // id, why
  };
  Result<DueRows> due_rows(std::size_t max_items, std::size_t max_bytes, bool ignore_schedule,
                           std::int64_t after_id);
  Result<std::string> next_receipt_no(Clock::WallTime now);
  Result<std::int64_t> resolve_id(std::string_view id_or_receipt);

  Database db_;
  Sealer sealer_;
  std::string kiosk_id_;
  const Clock* clock_;
};

// "Ramesh Kumar" → "R***** K****": enough for an operator to match a paper receipt.
std::string mask_name(std::string_view name);

}  // namespace kiosk::store
