#include "kiosk/store/intake.h"

#include <fmt/format.h>

#include "kiosk/forms/masks.h"
#include "kiosk/receipt/receipt_data.h"
#include "kiosk/store/print_jobs.h"
#include "kiosk/store/queue_views.h"
#include "kiosk/store/sql.h"

namespace kiosk::store {
namespace {

constexpr std::uint32_t kMaxDailySequence = 999'999;  // six digits on paper

IntentState intent_state(std::string_view s) {
  if (s == "confirmed") return IntentState::Confirmed;
  if (s == "cancelled") return IntentState::Cancelled;
  if (s == "expired") return IntentState::Expired;
  return IntentState::Awaiting;
}

constexpr std::string_view kIntentColumns =
    "txn_id, service_id, amount_paise, fee_paise, state, created_at, updated_ms";

PaymentIntent read_intent(const sql::Query& q) {
  return PaymentIntent{q.text(0), q.text(1),   q.integer(2), q.integer(3), intent_state(q.text(4)),
                       q.text(5), q.integer(6)};
}

}  // namespace

Result<PaymentIntent> Intake::insert_intent(std::string service_id, std::int64_t amount_paise,
                                            std::int64_t fee_paise) {
  const auto now = c_.clock->wall_now();
  PaymentIntent intent{uuid_v7(now),          std::move(service_id), amount_paise, fee_paise,
                       IntentState::Awaiting, rfc3339_ist(now),      unix_ms(now)};
  auto done = sql::run(c_.db,
                       "INSERT INTO payment_intents(txn_id, service_id, amount_paise, fee_paise, "
                       "state, created_at, updated_ms) VALUES(?,?,?,?,'awaiting',?,?)",
                       intent.txn_id, intent.service_id, amount_paise, fee_paise, intent.created_at,
                       unix_ms(now));
  if (!done) return std::unexpected(done.error());
  return intent;
}

Status Intake::set_intent_state(std::string_view txn_id, IntentState state) {
  auto changed = sql::run(c_.db,
                          "UPDATE payment_intents SET state=?, updated_ms=? WHERE txn_id=? "
                          "AND state='awaiting'",
                          to_string(state), unix_ms(c_.clock->wall_now()), txn_id);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 0)
    return fail(Errc::NotFound, fmt::format("no awaiting payment intent {}", txn_id));
  return {};
}

Result<std::optional<PaymentIntent>> Intake::intent(std::string_view txn_id) {
  auto q = sql::Query::make(
      c_.db, fmt::format("SELECT {} FROM payment_intents WHERE txn_id=?", kIntentColumns), txn_id);
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<PaymentIntent>{};
  return std::optional<PaymentIntent>{read_intent(*q)};
}

Result<std::vector<PaymentIntent>> Intake::intents(std::int64_t since_ms) {
  // txn_id is a UUIDv7: it orders intents changed in the same millisecond by their making.
  auto q = sql::Query::make(c_.db,
                            fmt::format("SELECT {} FROM payment_intents WHERE updated_ms >= ? "
                                        "ORDER BY updated_ms DESC, txn_id DESC",
                                        kIntentColumns),
                            since_ms);
  if (!q) return std::unexpected(q.error());
  std::vector<PaymentIntent> out;
  for (;;) {
    auto row = q->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    out.push_back(read_intent(*q));
  }
}

Status Intake::settle_intent(std::string_view txn_id) {
  return move_intent(txn_id, IntentState::Confirmed, "('awaiting','expired','cancelled')");
}

Status Intake::reject_intent(std::string_view txn_id) {
  return move_intent(txn_id, IntentState::Cancelled, "('awaiting','expired')");
}

// `from_states` is a constant SQL list. The refusals are InvalidInput or NotFound because
// the group commit fails only that one write for those (outbox_writer.cpp, per_item);
// any other code would roll back the whole group and stop intake.
Status Intake::move_intent(std::string_view txn_id, IntentState to, std::string_view from_states) {
  auto changed = sql::run(c_.db,
                          fmt::format("UPDATE payment_intents SET state=?, updated_ms=? WHERE "
                                      "txn_id=? AND state IN {}",
                                      from_states),
                          to_string(to), unix_ms(c_.clock->wall_now()), txn_id);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 1) return {};
  auto existing = intent(txn_id);
  if (!existing) return std::unexpected(existing.error());
  if (!*existing) return fail(Errc::NotFound, fmt::format("no payment intent {}", txn_id));
  return fail(Errc::InvalidInput, fmt::format("payment intent {} is already {}", txn_id,
                                              to_string((*existing)->state)));
}

Result<std::string> Intake::next_receipt_no(Clock::WallTime now) {
  const std::string day = ist_date(now);
  auto seq = sql::integer(c_.db,
                          "INSERT INTO receipt_days(day, last_seq) VALUES(?, 1) ON CONFLICT(day) "
                          "DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
                          day);
  if (!seq) return std::unexpected(seq.error());
  if (!*seq || **seq > kMaxDailySequence)
    return fail(Errc::Unavailable, "this kiosk has used all 999,999 receipt numbers for today");
  return fmt::format("{}-{}-{:06d}", c_.kiosk_id, day, **seq);
}

Result<Committed> Intake::insert_transaction(const NewTransaction& t) {
  const auto now = c_.clock->wall_now();
  Committed c;
  c.idempotency_key = uuid_v7(now);
  c.txn_id = t.txn_id.empty() ? uuid_v7(now) : t.txn_id;
  c.created_at = rfc3339_ist(now);
  auto receipt = next_receipt_no(now);
  if (!receipt) return std::unexpected(receipt.error());
  c.receipt_no = std::move(*receipt);
  auto body = serialise(t, c);
  if (!body) return std::unexpected(body.error());
  const auto sealed = c_.sealer.seal(*body);
  auto inserted = sql::run(
      c_.db,
      "INSERT INTO outbox(idem_key, receipt_no, txn_id, service_id, amount_paise, fee_paise, "
      "test, created_at, created_ms, body, body_size, payment_mode, status) "
      "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
      c.idempotency_key, c.receipt_no, c.txn_id, t.service_id, t.amount_paise, t.fee_paise, t.test,
      c.created_at, unix_ms(now), sql::Blob(sealed), static_cast<std::int64_t>(body->size()),
      t.payment_mode, t.completed ? "completed" : "failed");
  if (!inserted) return std::unexpected(inserted.error());
  c.id = sqlite3_last_insert_rowid(c_.db.raw());
  if (t.receipt) {
    if (auto job = insert_print_job(t, c, now); !job) return std::unexpected(job.error());
  }
  return c;
}

// The receipt's fields, masked, beside the transaction in the same SQL transaction.
Status Intake::insert_print_job(const NewTransaction& t, const Committed& c, Clock::WallTime now) {
  const auto& r = *t.receipt;
  receipt::ReceiptData d;
  d.csc_id = r.csc_id;
  d.kiosk_id = r.kiosk_id;
  d.service_hi = r.service_hi;
  d.service_en = r.service_en;
  d.receipt_no = c.receipt_no;
  d.at = now;
  d.amount_paise = t.amount_paise;
  d.fee_paise = t.fee_paise;
  d.payment_mode = t.payment_mode;
  d.payment_ref = t.payment_ref;
  d.applicant_masked = forms::mask_name(t.applicant.name);
  d.mobile_masked = t.applicant.mobile_masked;
  d.aadhaar_masked = t.applicant.aadhaar_masked;
  d.completed = t.completed;
  d.reason_en = t.failure_reason;
  d.reason_hi = t.failure_reason_hi;
  d.bill = r.bill;
  const auto fields = receipt::to_json(d);
  if (auto checked = receipt::receipt_from_json(fields); !checked)
    return std::unexpected(checked.error());  // e.g. a 12-digit number: nothing is stored
  auto job = PrintJobs(c_).insert(c.receipt_no, r.printer, fields.dump());
  if (!job) return std::unexpected(job.error());
  return {};
}

Status Intake::write_probe() {
  auto done = sql::run(c_.db,
                       "INSERT INTO meta(key, value) VALUES('write_probe_ms', ?1) ON "
                       "CONFLICT(key) DO UPDATE SET value = ?1",
                       unix_ms(c_.clock->wall_now()));
  if (!done) return std::unexpected(done.error());
  return {};
}

}  // namespace kiosk::store
