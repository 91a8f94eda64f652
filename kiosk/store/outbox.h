// The durable transaction outbox (issue 6; shared/research/queue.md §1).
//
// A transaction is committed here, with its idempotency key and receipt number, BEFORE the
// citizen sees the number or any device acts on it; the sync worker delivers it later,
// exactly once from the backend's point of view (same key, same bytes on every retry).
//
// One Outbox is one connection (not thread-safe; each thread opens its own) with four
// parts, each with one job:
//
//  [X] intake()       payment intents, transactions and receipt numbers      (intake.h)
//  [X] queue()        leases, batch results, dead letters, redrive, retention (delivery_queue.h)
//  [X] views()        read-only figures, listings, one item, the last failure (queue_views.h)
//  [X] print_jobs()   receipts to print, committed with their transactions   (print_jobs.h)
//  [X] clock_floor()  the backend's Date, persisted; intake refused below it  (clock_floor.h)
//  [X] day_report()   the operator's day-end figures for one IST day      (day_report.h)
//  [X] begin()        the one public transaction guard (transaction_guard.h)
//
// Bodies are sealed at rest (Sealer); index columns hold no personal data.
#pragma once

#include <memory>

#include "kiosk/core/clock.h"
#include "kiosk/store/clock_floor.h"
#include "kiosk/store/connection.h"
#include "kiosk/store/day_report.h"
#include "kiosk/store/delivery_queue.h"
#include "kiosk/store/intake.h"
#include "kiosk/store/print_jobs.h"
#include "kiosk/store/queue_types.h"
#include "kiosk/store/queue_views.h"
#include "kiosk/store/transaction_guard.h"

namespace kiosk::store {

class Outbox {
 public:
  // Creates the database's folder (mode 0700) when it is missing, then opens and migrates.
  static Result<Outbox> open(const OutboxOptions& options, const Clock& clock);

  Intake intake() { return Intake(*c_); }
  DeliveryQueue queue() { return DeliveryQueue(*c_); }
  QueueViews views() { return QueueViews(*c_); }
  PrintJobs print_jobs() { return PrintJobs(*c_); }
  ClockFloor clock_floor() { return ClockFloor(*c_); }
  Result<DayReport> day_report(std::string_view ist_day) { return store::day_report(*c_, ist_day); }
  // BEGIN IMMEDIATE; rolled back unless committed (a failed COMMIT rolls back too).
  Result<TransactionGuard> begin() { return TransactionGuard::begin(c_->db); }
  Result<Savepoint> savepoint() { return Savepoint::begin(c_->db); }

  Database& database() { return c_->db; }

 private:
  explicit Outbox(std::unique_ptr<OutboxConnection> c) : c_(std::move(c)) {}
  std::unique_ptr<OutboxConnection> c_;  // stable address: the parts refer to it
};

}  // namespace kiosk::store
