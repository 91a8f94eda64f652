#include "kiosk/store/outbox.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "kiosk/core/log.h"
#include "kiosk/store/outbox_schema.h"
#include "kiosk/store/sql.h"
#include "kiosk/text/utf8.h"

namespace kiosk::store {
namespace {

using std::chrono::milliseconds;

constexpr std::uint32_t kMaxDailySequence = 999'999;  // six digits on paper

Clock::WallTime from_ms(std::int64_t ms) {
  return Clock::WallTime{std::chrono::duration_cast<Clock::WallTime::duration>(milliseconds(ms))};
}

ItemState item_state(std::string_view s) {
  if (s == "inflight") return ItemState::Inflight;
  if (s == "delivered") return ItemState::Delivered;
  if (s == "dead") return ItemState::Dead;
  return ItemState::Pending;
}

IntentState intent_state(std::string_view s) {
  if (s == "confirmed") return IntentState::Confirmed;
  if (s == "cancelled") return IntentState::Cancelled;
  if (s == "expired") return IntentState::Expired;
  return IntentState::Awaiting;
}

// A lease held by a process that no longer exists (killed, crashed, powered off) is free.
bool process_alive(std::int64_t pid) {
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

// kiosk_pid_alive(pid) in SQL, so the lease query can skip live leases itself.
void sql_pid_alive(sqlite3_context* ctx, int, sqlite3_value** argv) {
  sqlite3_result_int(ctx, process_alive(sqlite3_value_int64(argv[0])) ? 1 : 0);
}

constexpr std::string_view kSummaryColumns =
    "id, receipt_no, service_id, amount_paise, fee_paise, test, state, attempts, created_at, "
    "coalesce(last_error,''), coalesce(backend_ref,''), next_attempt_ms, body IS NULL";

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
  return s;
}

}  // namespace

std::string_view to_string(IntentState state) {
  switch (state) {
    case IntentState::Awaiting:
      return "awaiting";
    case IntentState::Confirmed:
      return "confirmed";
    case IntentState::Cancelled:
      return "cancelled";
    case IntentState::Expired:
      return "expired";
  }
  return "awaiting";
}

std::string_view to_string(ItemState state) {
  switch (state) {
    case ItemState::Pending:
      return "pending";
    case ItemState::Inflight:
      return "inflight";
    case ItemState::Delivered:
      return "delivered";
    case ItemState::Dead:
      return "dead";
  }
  return "pending";
}

Result<Outbox> Outbox::open(const OutboxOptions& options, const Clock& clock) {
  auto sealer = Sealer::open_or_create(options.key_file);
  if (!sealer) return std::unexpected(sealer.error());
  auto db = Database::open(options.database);
  if (!db) return std::unexpected(db.error());
  auto version = db->user_version();
  if (!version) return std::unexpected(version.error());
  if (*version == 0) {
    // Retention gives pages back with incremental_vacuum, which needs this mode before the
    // first table; on a file already in WAL the change only takes effect through VACUUM.
    if (auto set = db->exec("PRAGMA auto_vacuum=INCREMENTAL; VACUUM"); !set)
      return std::unexpected(set.error());
  }
  if (auto migrated = db->migrate(outbox_migrations()); !migrated)
    return std::unexpected(migrated.error());
  if (sqlite3_create_function(db->raw(), "kiosk_pid_alive", 1, SQLITE_UTF8, nullptr, sql_pid_alive,
                              nullptr, nullptr) != SQLITE_OK)
    return fail(Errc::Internal, "cannot register kiosk_pid_alive");
  return Outbox(std::move(*db), std::move(*sealer), options.kiosk_id, clock);
}

Status Outbox::begin() {
  return db_.exec("BEGIN IMMEDIATE");
}
Status Outbox::commit() {
  return db_.exec("COMMIT");
}
void Outbox::rollback() {
  (void)db_.exec("ROLLBACK");
}
Status Outbox::savepoint() {
  return db_.exec("SAVEPOINT item");
}
Status Outbox::release_savepoint() {
  return db_.exec("RELEASE item");
}
void Outbox::rollback_to_savepoint() {
  (void)db_.exec("ROLLBACK TO item; RELEASE item");
}

Status Outbox::check_clock() {
  auto floor = clock_floor();
  if (!floor) return std::unexpected(floor.error());
  if (*floor && clock_->wall_now() < **floor) {
    return fail(Errc::Unavailable,
                fmt::format("the kiosk clock ({}) is behind the last time the backend reported "
                            "({}); set the clock before taking transactions",
                            rfc3339_ist(clock_->wall_now()), rfc3339_ist(**floor)));
  }
  return {};
}

Result<PaymentIntent> Outbox::insert_intent(std::string service_id, std::int64_t amount_paise,
                                            std::int64_t fee_paise) {
  const auto now = clock_->wall_now();
  PaymentIntent intent{uuid_v7(now), std::move(service_id), amount_paise,
                       fee_paise,    IntentState::Awaiting, rfc3339_ist(now)};
  auto done = sql::run(db_,
                       "INSERT INTO payment_intents(txn_id, service_id, amount_paise, fee_paise, "
                       "state, created_at, updated_ms) VALUES(?,?,?,?,'awaiting',?,?)",
                       intent.txn_id, intent.service_id, amount_paise, fee_paise, intent.created_at,
                       unix_ms(now));
  if (!done) return std::unexpected(done.error());
  return intent;
}

Status Outbox::set_intent_state(std::string_view txn_id, IntentState state) {
  auto changed = sql::run(db_,
                          "UPDATE payment_intents SET state=?, updated_ms=? WHERE txn_id=? "
                          "AND state='awaiting'",
                          to_string(state), unix_ms(clock_->wall_now()), txn_id);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 0)
    return fail(Errc::NotFound, fmt::format("no awaiting payment intent {}", txn_id));
  return {};
}

Result<std::optional<PaymentIntent>> Outbox::intent(std::string_view txn_id) {
  auto q = sql::Query::make(db_,
                            "SELECT txn_id, service_id, amount_paise, fee_paise, state, created_at "
                            "FROM payment_intents WHERE txn_id=?",
                            txn_id);
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<PaymentIntent>{};
  return std::optional<PaymentIntent>{PaymentIntent{
      q->text(0), q->text(1), q->integer(2), q->integer(3), intent_state(q->text(4)), q->text(5)}};
}

Result<std::string> Outbox::next_receipt_no(Clock::WallTime now) {
  const std::string day = ist_date(now);
  auto seq = sql::integer(db_,
                          "INSERT INTO receipt_days(day, last_seq) VALUES(?, 1) ON CONFLICT(day) "
                          "DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
                          day);
  if (!seq) return std::unexpected(seq.error());
  if (!*seq || **seq > kMaxDailySequence)
    return fail(Errc::Unavailable, "this kiosk has used all 999,999 receipt numbers for today");
  return fmt::format("{}-{}-{:06d}", kiosk_id_, day, **seq);
}

Result<Committed> Outbox::insert_transaction(const NewTransaction& t) {
  const auto now = clock_->wall_now();
  Committed c;
  c.idempotency_key = uuid_v7(now);
  c.txn_id = t.txn_id.empty() ? uuid_v7(now) : t.txn_id;
  c.created_at = rfc3339_ist(now);
  auto receipt = next_receipt_no(now);
  if (!receipt) return std::unexpected(receipt.error());
  c.receipt_no = std::move(*receipt);
  auto body = serialise(t, c);
  if (!body) return std::unexpected(body.error());
  const auto sealed = sealer_.seal(*body);
  auto inserted = sql::run(
      db_,
      "INSERT INTO outbox(idem_key, receipt_no, txn_id, service_id, amount_paise, fee_paise, "
      "test, created_at, created_ms, body, body_size) VALUES(?,?,?,?,?,?,?,?,?,?,?)",
      c.idempotency_key, c.receipt_no, c.txn_id, t.service_id, t.amount_paise, t.fee_paise, t.test,
      c.created_at, unix_ms(now), sql::Blob(sealed), static_cast<std::int64_t>(body->size()));
  if (!inserted) return std::unexpected(inserted.error());
  c.id = sqlite3_last_insert_rowid(db_.raw());
  return c;
}

// Rolls back an open transaction unless commit() was reached.
class TransactionGuard {
 public:
  explicit TransactionGuard(Outbox& outbox) : outbox_(outbox) {}
  ~TransactionGuard() {
    if (!committed_) outbox_.rollback();
  }
  Status commit() {
    auto done = outbox_.commit();
    committed_ = done.has_value();
    return done;
  }

 private:
  Outbox& outbox_;
  bool committed_ = false;
};

Result<Outbox::DueRows> Outbox::due_rows(std::size_t max_items, std::size_t max_bytes,
                                         bool ignore_schedule, std::int64_t after_id) {
  const std::int64_t now = unix_ms(clock_->wall_now());
  // Pending rows through the (state, id) index, then the few in flight whose lease is free;
  // both in id order, merged by the ORDER BY of a small result.
  auto q = sql::Query::make(
      db_,
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
    auto body = sealer_.open(blob);
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

Result<std::vector<LeasedItem>> Outbox::lease(std::size_t max_items, std::size_t max_bytes,
                                              bool ignore_schedule, std::chrono::seconds lease_for,
                                              std::int64_t after_id) {
  const std::int64_t now = unix_ms(clock_->wall_now());
  if (auto begun = begin(); !begun) return std::unexpected(begun.error());
  TransactionGuard txn(*this);
  auto due = due_rows(max_items, max_bytes, ignore_schedule, after_id);
  if (!due) return std::unexpected(due.error());
  for (const auto& [id, why] : due->unreadable) {
    log::error("outbox", "item {} cannot be read ({}); dead-lettered for the operator", id, why);
    if (auto dead = mark_dead(id, why); !dead) return std::unexpected(dead.error());
  }
  for (const auto& item : due->items) {
    auto leased =
        sql::run(db_,
                 "UPDATE outbox SET state='inflight', lease_until_ms=?, lease_pid=? "
                 "WHERE id=?",
                 now + lease_for.count() * 1000, static_cast<std::int64_t>(::getpid()), item.id);
    if (!leased) return std::unexpected(leased.error());
  }
  if (auto committed = txn.commit(); !committed) return std::unexpected(committed.error());
  return std::move(due->items);
}

Status Outbox::mark_delivered(std::int64_t id, std::string_view backend_ref) {
  auto done = sql::run(db_,
                       "UPDATE outbox SET state='delivered', backend_ref=?, delivered_ms=?, "
                       "lease_until_ms=NULL, lease_pid=NULL, last_error=NULL WHERE id=? AND "
                       "state IN ('pending','inflight')",
                       backend_ref, unix_ms(clock_->wall_now()), id);
  if (!done) return std::unexpected(done.error());
  return {};
}

Status Outbox::mark_dead(std::int64_t id, std::string_view reason) {
  auto done = sql::run(db_,
                       "UPDATE outbox SET state='dead', last_error=?, lease_until_ms=NULL, "
                       "lease_pid=NULL WHERE id=? AND state IN ('pending','inflight')",
                       reason.substr(0, 500), id);
  if (!done) return std::unexpected(done.error());
  return {};
}

Status Outbox::reschedule(std::int64_t id, std::chrono::milliseconds delay,
                          std::string_view reason) {
  auto done = sql::run(db_,
                       "UPDATE outbox SET state='pending', attempts=attempts+1, "
                       "next_attempt_ms=?, last_error=?, lease_until_ms=NULL, lease_pid=NULL "
                       "WHERE id=? AND state IN ('pending','inflight')",
                       unix_ms(clock_->wall_now()) + delay.count(), reason.substr(0, 500), id);
  if (!done) return std::unexpected(done.error());
  return {};
}

Result<std::optional<Clock::WallTime>> Outbox::next_due() {
  auto ms = sql::integer(db_, "SELECT min(next_attempt_ms) FROM outbox WHERE state='pending'");
  if (!ms) return std::unexpected(ms.error());
  if (!*ms) return std::optional<Clock::WallTime>{};
  return std::optional<Clock::WallTime>{from_ms(**ms)};
}

Status Outbox::write_probe() {
  auto done = sql::run(db_,
                       "INSERT INTO meta(key, value) VALUES('write_probe_ms', ?1) ON "
                       "CONFLICT(key) DO UPDATE SET value = ?1",
                       unix_ms(clock_->wall_now()));
  if (!done) return std::unexpected(done.error());
  return {};
}

Status Outbox::record_server_date(Clock::WallTime date) {
  auto done = sql::run(db_,
                       "INSERT INTO meta(key, value) VALUES('clock_floor_ms', ?1) ON "
                       "CONFLICT(key) DO UPDATE SET value = max(value, ?1)",
                       unix_ms(date));
  if (!done) return std::unexpected(done.error());
  return {};
}

Result<std::optional<Clock::WallTime>> Outbox::clock_floor() {
  auto ms = sql::integer(db_, "SELECT value FROM meta WHERE key='clock_floor_ms'");
  if (!ms) return std::unexpected(ms.error());
  if (!*ms) return std::optional<Clock::WallTime>{};
  return std::optional<Clock::WallTime>{from_ms(**ms)};
}

Result<QueueStats> Outbox::stats() {
  auto q = sql::Query::make(db_,
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
    const auto age = unix_ms(clock_->wall_now()) - *oldest;
    s.oldest_pending_age = std::chrono::seconds(std::max<std::int64_t>(0, age / 1000));
  }
  return s;
}

Result<std::optional<std::string>> Outbox::last_pending_error() {
  auto q = sql::Query::make(db_,
                            "SELECT last_error FROM outbox WHERE state IN ('pending','inflight') "
                            "AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{q->text(0)};
}

Result<std::vector<ItemSummary>> Outbox::list(bool dead_only, std::size_t limit) {
  auto q = sql::Query::make(db_,
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

Result<std::int64_t> Outbox::resolve_id(std::string_view id_or_receipt) {
  auto id = sql::integer(db_, "SELECT id FROM outbox WHERE receipt_no=?1 OR CAST(id AS TEXT)=?1",
                         id_or_receipt);
  if (!id) return std::unexpected(id.error());
  if (!*id) return fail(Errc::NotFound, fmt::format("no queue item {}", id_or_receipt));
  return **id;
}

Result<std::pair<ItemSummary, std::string>> Outbox::show(std::string_view id_or_receipt) {
  auto id = resolve_id(id_or_receipt);
  if (!id) return std::unexpected(id.error());
  auto q = sql::Query::make(
      db_, fmt::format("SELECT {}, body FROM outbox WHERE id=?", kSummaryColumns), *id);
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(Errc::NotFound, fmt::format("no queue item {}", id_or_receipt));
  auto summary = read_summary(*q);
  if (summary.purged) return std::pair{summary, std::string()};
  auto body = sealer_.open(q->blob(13));
  if (!body) return std::unexpected(body.error());
  auto json = nlohmann::ordered_json::parse(*body, nullptr, false);
  if (json.is_discarded()) return fail(Errc::Corrupt, "stored body is not JSON");
  if (json.contains("applicant") && json["applicant"].contains("name"))
    json["applicant"]["name"] = mask_name(json["applicant"]["name"].get<std::string>());
  return std::pair{summary, json.dump(2)};
}

Status Outbox::redrive(std::string_view id_or_receipt) {
  auto id = resolve_id(id_or_receipt);
  if (!id) return std::unexpected(id.error());
  auto changed = sql::run(db_,
                          "UPDATE outbox SET state='pending', attempts=0, next_attempt_ms=0, "
                          "last_error=NULL WHERE id=? AND state='dead'",
                          *id);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 0)
    return fail(Errc::InvalidInput,
                fmt::format("queue item {} is not dead-lettered; only dead items are redriven",
                            id_or_receipt));
  log::info("outbox", "item {} redriven by the operator (same key, same bytes)", *id);
  return {};
}

Result<std::int64_t> Outbox::apply_retention(std::chrono::days keep) {
  const auto now = unix_ms(clock_->wall_now());
  const auto cutoff = now - std::chrono::duration_cast<milliseconds>(keep).count();
  auto purged = sql::run(db_,
                         "UPDATE outbox SET body=NULL, purged_ms=? WHERE state='delivered' AND "
                         "delivered_ms < ? AND body IS NOT NULL",
                         now, cutoff);
  if (!purged) return std::unexpected(purged.error());
  auto intents = sql::run(db_,
                          "DELETE FROM payment_intents WHERE state <> 'awaiting' AND "
                          "updated_ms < ?",
                          cutoff);
  if (!intents) return std::unexpected(intents.error());
  if (auto vacuum = db_.exec("PRAGMA incremental_vacuum"); !vacuum)
    return std::unexpected(vacuum.error());
  return static_cast<std::int64_t>(*purged);
}

std::string mask_name(std::string_view name) {
  auto cps = text::decode_utf8(name);
  if (!cps) return "***";
  std::string out;
  bool word_start = true;
  for (char32_t cp : *cps) {
    const bool space = cp == U' ';
    if (space || word_start) {
      text::append_utf8(out, cp);
    } else {
      out += '*';
    }
    word_start = space;
  }
  return out;
}

}  // namespace kiosk::store
