#include "kiosk/store/item_rows.h"

#include <fmt/format.h>

namespace kiosk::store {

ItemState item_state(std::string_view s) {
  if (s == "inflight") return ItemState::Inflight;
  if (s == "delivered") return ItemState::Delivered;
  if (s == "dead") return ItemState::Dead;
  return ItemState::Pending;
}

const std::string_view kSummaryColumns =
    "id, receipt_no, service_id, amount_paise, fee_paise, test, state, attempts, created_at, "
    "coalesce(last_error,''), coalesce(backend_ref,''), next_attempt_ms, body IS NULL, "
    "coalesce(last_error_code,'')";

ItemSummary read_summary(const sql::Query& q) {
  ItemSummary s;
  s.id = q.integer(0);
  s.receipt_no = q.text(1);
  s.service_id = q.text(2);
  s.amount_paise = q.integer(3);
  s.fee_paise = q.integer(4);
  s.test = q.integer(5) != 0;
  s.state = item_state(q.text(6));
  s.attempts = static_cast<int>(q.integer(7));
  s.created_at = q.text(8);
  s.last_error = q.text(9);
  s.backend_ref = q.text(10);
  if (s.state == ItemState::Pending) s.next_attempt_ms = q.integer(11);
  s.purged = q.integer(12) != 0;
  s.last_error_code = failure_code_from(q.text(13));
  return s;
}

Result<std::int64_t> resolve_item_id(Database& db, std::string_view id_or_receipt) {
  auto id = sql::integer(db, "SELECT id FROM outbox WHERE receipt_no=?1 OR CAST(id AS TEXT)=?1",
                         id_or_receipt);
  if (!id) return std::unexpected(id.error());
  if (!*id) return fail(Errc::NotFound, fmt::format("no queue item {}", id_or_receipt));
  return **id;
}

Clock::WallTime from_unix_ms(std::int64_t ms) {
  return Clock::WallTime{
      std::chrono::duration_cast<Clock::WallTime::duration>(std::chrono::milliseconds(ms))};
}

}  // namespace kiosk::store
