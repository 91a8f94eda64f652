#include "kiosk/store/outbox_schema.h"

namespace kiosk::store {
namespace {

// Version 1. STRICT tables (SQLite ≥ 3.37) refuse a value of the wrong type instead of
// storing it. Wall times are Unix milliseconds; texts shown to people are RFC 3339.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;

-- One counter per IST day: receipt numbers are <kiosk>-<day>-<seq>, and the counter is
-- bumped inside the same transaction as the insert, so a number is never handed out twice.
CREATE TABLE receipt_days(day TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) STRICT;

CREATE TABLE payment_intents(
  txn_id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL,
  amount_paise INTEGER NOT NULL CHECK(amount_paise >= 0),
  fee_paise INTEGER NOT NULL CHECK(fee_paise >= 0),
  state TEXT NOT NULL CHECK(state IN ('awaiting','confirmed','cancelled','expired')),
  created_at TEXT NOT NULL,
  updated_ms INTEGER NOT NULL) STRICT;

CREATE TABLE outbox(
  id INTEGER PRIMARY KEY,
  idem_key TEXT NOT NULL UNIQUE,
  receipt_no TEXT NOT NULL UNIQUE,
  txn_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  amount_paise INTEGER NOT NULL,
  fee_paise INTEGER NOT NULL,
  test INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  body BLOB,                 -- sealed exact transaction JSON; NULL once retention purged it
  body_size INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK(state IN ('pending','inflight','delivered','dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  lease_until_ms INTEGER,
  lease_pid INTEGER,
  last_error TEXT,
  backend_ref TEXT,
  delivered_ms INTEGER,
  purged_ms INTEGER) STRICT;
-- Delivery walks pending rows in id order from a cursor: (state, id) keeps that a range
-- scan with no sort, however many delivered rows the receipt index holds.
CREATE INDEX outbox_state_id ON outbox(state, id);
)sql";

// Version 2. A delivery failure is stored as a code (failure.h) beside its text, so alerts
// and exit codes never depend on wording. Rows failed before this have NULL: retry_later.
constexpr std::string_view kV2 = R"sql(
ALTER TABLE outbox ADD COLUMN last_error_code TEXT;
)sql";

// Version 3. Print jobs (print_jobs.h), written in the transaction that commits the
// citizen's transaction; `fields` is the masked receipt (kiosk/receipt/receipt_data.h).
constexpr std::string_view kV3 = R"sql(
CREATE TABLE print_jobs(
  id INTEGER PRIMARY KEY,
  receipt_no TEXT NOT NULL,
  printer TEXT NOT NULL,
  fields TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued'
    CHECK(state IN ('queued','sending','done','failed','unknown')),
  reason TEXT,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL) STRICT;
CREATE INDEX print_jobs_receipt ON print_jobs(receipt_no, id);
CREATE INDEX print_jobs_state ON print_jobs(printer, state, id);
)sql";

// Version 4. How each transaction was paid and whether it completed, as columns, for the
// operator's day-end report (day_report.h); the index serves its day range. Rows from before
// v4 keep NULL: those facts are only inside their sealed bodies (and gone once purged).
constexpr std::string_view kV4 = R"sql(
ALTER TABLE outbox ADD COLUMN payment_mode TEXT
  CHECK(payment_mode IN ('UPI','CASH','NONE'));
ALTER TABLE outbox ADD COLUMN status TEXT CHECK(status IN ('completed','failed'));
CREATE INDEX outbox_created_ms ON outbox(created_ms);
-- The operator's list of intents to settle (Intake::intents) reads recent changes only.
CREATE INDEX payment_intents_updated_ms ON payment_intents(updated_ms);
)sql";

constexpr std::string_view kMigrations[] = {kV1, kV2, kV3, kV4};

}  // namespace

std::span<const std::string_view> outbox_migrations() {
  return kMigrations;
}

}  // namespace kiosk::store
