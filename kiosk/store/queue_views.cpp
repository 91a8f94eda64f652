#include "kiosk/store/queue_views.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "kiosk/forms/masks.h"
#include "kiosk/store/item_rows.h"
#include "kiosk/store/sql.h"
#include "kiosk/store/transaction.h"
#include "kiosk/text/utf8.h"

namespace kiosk::store {

Result<QueueStats> QueueViews::stats() {
  auto q = sql::Query::make(c_.db,
                            "SELECT state, count(*), min(created_ms), sum(body IS NULL) FROM "
                            "outbox GROUP BY state");
  if (!q) return std::unexpected(q.error());
  QueueStats s;
  std::optional<std::int64_t> oldest;
  for (;;) {
    auto row = q->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    const auto state = item_state(q->text(0));
    const auto n = q->integer(1);
    if (state == ItemState::Pending || state == ItemState::Inflight) {
      s.pending += n;
      if (state == ItemState::Inflight) s.inflight = n;
      oldest = oldest ? std::min(*oldest, q->integer(2)) : q->integer(2);
    }
    if (state == ItemState::Delivered) s.delivered = n;
    if (state == ItemState::Dead) s.dead = n;
    s.purged += q->integer(3);
  }
  if (oldest) {
    const auto age = unix_ms(c_.clock->wall_now()) - *oldest;
    s.oldest_pending_age = std::chrono::seconds(std::max<std::int64_t>(0, age / 1000));
  }
  return s;
}

Result<std::optional<Failure>> QueueViews::last_failure() {
  auto q = sql::Query::make(c_.db,
                            "SELECT coalesce(last_error_code,''), last_error FROM outbox WHERE "
                            "state IN ('pending','inflight') AND last_error IS NOT NULL ORDER BY "
                            "id DESC LIMIT 1");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Failure>{};
  return std::optional<Failure>{
      Failure{failure_code_from(q->text(0)).value_or(FailureCode::RetryLater), q->text(1)}};
}

Result<std::vector<ItemSummary>> QueueViews::list(bool dead_only, std::size_t limit) {
  auto q = sql::Query::make(c_.db,
                            fmt::format("SELECT {} FROM outbox WHERE ?1 = 0 OR state='dead' "
                                        "ORDER BY id DESC LIMIT ?2",
                                        kSummaryColumns),
                            dead_only, static_cast<std::int64_t>(limit));
  if (!q) return std::unexpected(q.error());
  std::vector<ItemSummary> items;
  for (;;) {
    auto row = q->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    items.push_back(read_summary(*q));
  }
  return items;
}

Result<std::pair<ItemSummary, std::string>> QueueViews::show(std::string_view id_or_receipt) {
  auto id = resolve_item_id(c_.db, id_or_receipt);
  if (!id) return std::unexpected(id.error());
  auto q = sql::Query::make(
      c_.db, fmt::format("SELECT {}, body FROM outbox WHERE id=?", kSummaryColumns), *id);
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(Errc::NotFound, fmt::format("no queue item {}", id_or_receipt));
  auto summary = read_summary(*q);
  if (summary.purged) return std::pair{summary, std::string()};
  auto body = c_.sealer.open(q->blob(14));
  if (!body) return std::unexpected(body.error());
  auto json = nlohmann::ordered_json::parse(*body, nullptr, false);
  if (json.is_discarded()) return fail(Errc::Corrupt, "stored body is not JSON");
  if (json.contains("applicant") && json["applicant"].contains("name"))
    json["applicant"]["name"] = forms::mask_name(json["applicant"]["name"].get<std::string>());
  return std::pair{summary, json.dump(2)};
}

Result<std::optional<LocalReceipt>> QueueViews::receipt(std::string_view receipt_no) {
  auto q = sql::Query::make(c_.db,
                            "SELECT receipt_no, service_id, created_at, state, delivered_ms "
                            "FROM outbox WHERE receipt_no=?",
                            receipt_no);
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<LocalReceipt>{};
  LocalReceipt r{q->text(0), q->text(1), q->text(2), item_state(q->text(3)), std::nullopt};
  if (!q->is_null(4)) r.delivered_at = rfc3339_ist(from_unix_ms(q->integer(4)));
  return std::optional<LocalReceipt>{std::move(r)};
}

}  // namespace kiosk::store
