#include "kiosk/store/delivery_queue.h"

#include <fmt/format.h>
#include <unistd.h>

#include "kiosk/core/log.h"
#include "kiosk/store/item_rows.h"
#include "kiosk/store/sql.h"
#include "kiosk/store/transaction.h"
#include "kiosk/store/transaction_guard.h"

namespace kiosk::store {

using std::chrono::milliseconds;

Result<DeliveryQueue::DueRows> DeliveryQueue::due_rows(std::size_t max_items, std::size_t max_bytes,
                                                       bool ignore_schedule,
                                                       std::int64_t after_id) {
  const std::int64_t now = unix_ms(c_.clock->wall_now());
  // Pending rows through the (state, id) index, then the few in flight whose lease is free;
  // both in id order, merged by the ORDER BY of a small result.
  auto q = sql::Query::make(
      c_.db,
      "SELECT id, idem_key, body, attempts FROM (SELECT * FROM outbox WHERE state='pending' AND "
      "id > ?4 AND (?1 OR next_attempt_ms <= ?2) ORDER BY id LIMIT ?3) UNION ALL SELECT id, "
      "idem_key, body, attempts FROM (SELECT * FROM outbox WHERE state='inflight' AND id > ?4 "
      "AND (coalesce(lease_until_ms,0) <= ?2 OR NOT kiosk_pid_alive(coalesce(lease_pid,0))) "
      "ORDER BY id LIMIT ?3) ORDER BY id LIMIT ?3",
      ignore_schedule, now, static_cast<std::int64_t>(max_items), after_id);
  if (!q) return std::unexpected(q.error());
  DueRows due;
  std::size_t bytes = 0;
  while (due.items.size() < max_items) {
    auto row = q->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    const auto blob = q->blob(2);
    const auto size = blob.size() + q->text(1).size() + 64;
    if (!due.items.empty() && bytes + size > max_bytes) break;
    auto body = c_.sealer.open(blob);
    if (!body) {
      due.unreadable.emplace_back(q->integer(0), body.error().message);
      continue;
    }
    bytes += size;
    due.items.push_back(
        {q->integer(0), q->text(1), std::move(*body), static_cast<int>(q->integer(3))});
  }
  return due;
}

Result<std::vector<LeasedItem>> DeliveryQueue::lease(std::size_t max_items, std::size_t max_bytes,
                                                     bool ignore_schedule,
                                                     std::chrono::seconds lease_for,
                                                     std::int64_t after_id) {
  const std::int64_t now = unix_ms(c_.clock->wall_now());
  auto txn = TransactionGuard::begin(c_.db);
  if (!txn) return std::unexpected(txn.error());
  auto due = due_rows(max_items, max_bytes, ignore_schedule, after_id);
  if (!due) return std::unexpected(due.error());
  for (const auto& [id, why] : due->unreadable) {
    log::error("outbox", "item {} cannot be read ({}); dead-lettered for the operator", id, why);
    if (auto dead = mark_dead(id, {FailureCode::Unreadable, why}); !dead)
      return std::unexpected(dead.error());
  }
  for (const auto& item : due->items) {
    auto leased =
        sql::run(c_.db,
                 "UPDATE outbox SET state='inflight', lease_until_ms=?, lease_pid=? "
                 "WHERE id=?",
                 now + lease_for.count() * 1000, static_cast<std::int64_t>(::getpid()), item.id);
    if (!leased) return std::unexpected(leased.error());
  }
  if (auto committed = txn->commit(); !committed) return std::unexpected(committed.error());
  return std::move(due->items);
}

Status DeliveryQueue::mark_delivered(std::int64_t id, std::string_view backend_ref) {
  auto done = sql::run(c_.db,
                       "UPDATE outbox SET state='delivered', backend_ref=?, delivered_ms=?, "
                       "lease_until_ms=NULL, lease_pid=NULL, last_error=NULL, "
                       "last_error_code=NULL WHERE id=? AND state IN ('pending','inflight')",
                       backend_ref, unix_ms(c_.clock->wall_now()), id);
  if (!done) return std::unexpected(done.error());
  return {};
}

Status DeliveryQueue::mark_dead(std::int64_t id, const Failure& why) {
  auto done = sql::run(c_.db,
                       "UPDATE outbox SET state='dead', last_error=?, last_error_code=?, "
                       "lease_until_ms=NULL, lease_pid=NULL WHERE id=? AND state IN "
                       "('pending','inflight')",
                       std::string_view(why.text).substr(0, 500), to_string(why.code), id);
  if (!done) return std::unexpected(done.error());
  return {};
}

Status DeliveryQueue::reschedule(std::int64_t id, std::chrono::milliseconds delay,
                                 const Failure& why) {
  auto done = sql::run(c_.db,
                       "UPDATE outbox SET state='pending', attempts=attempts+1, "
                       "next_attempt_ms=?, last_error=?, last_error_code=?, lease_until_ms=NULL, "
                       "lease_pid=NULL WHERE id=? AND state IN ('pending','inflight')",
                       unix_ms(c_.clock->wall_now()) + delay.count(),
                       std::string_view(why.text).substr(0, 500), to_string(why.code), id);
  if (!done) return std::unexpected(done.error());
  return {};
}

Result<std::optional<Clock::WallTime>> DeliveryQueue::next_due() {
  auto ms = sql::integer(c_.db, "SELECT min(next_attempt_ms) FROM outbox WHERE state='pending'");
  if (!ms) return std::unexpected(ms.error());
  if (!*ms) return std::optional<Clock::WallTime>{};
  return std::optional<Clock::WallTime>{from_unix_ms(**ms)};
}

Status DeliveryQueue::redrive(std::string_view id_or_receipt) {
  auto id = resolve_item_id(c_.db, id_or_receipt);
  if (!id) return std::unexpected(id.error());
  auto changed = sql::run(c_.db,
                          "UPDATE outbox SET state='pending', attempts=0, next_attempt_ms=0, "
                          "last_error=NULL, last_error_code=NULL WHERE id=? AND state='dead'",
                          *id);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 0)
    return fail(Errc::InvalidInput,
                fmt::format("queue item {} is not dead-lettered; only dead items are redriven",
                            id_or_receipt));
  log::info("outbox", "item {} redriven by the operator (same key, same bytes)", *id);
  return {};
}

Result<std::int64_t> DeliveryQueue::apply_retention(std::chrono::days keep) {
  const auto now = unix_ms(c_.clock->wall_now());
  const auto cutoff = now - std::chrono::duration_cast<milliseconds>(keep).count();
  auto purged = sql::run(c_.db,
                         "UPDATE outbox SET body=NULL, purged_ms=? WHERE state='delivered' AND "
                         "delivered_ms < ? AND body IS NOT NULL",
                         now, cutoff);
  if (!purged) return std::unexpected(purged.error());
  auto intents = sql::run(c_.db,
                          "DELETE FROM payment_intents WHERE state <> 'awaiting' AND "
                          "updated_ms < ?",
                          cutoff);
  if (!intents) return std::unexpected(intents.error());
  if (auto vacuum = c_.db.exec("PRAGMA incremental_vacuum"); !vacuum)
    return std::unexpected(vacuum.error());
  return static_cast<std::int64_t>(*purged);
}

}  // namespace kiosk::store
