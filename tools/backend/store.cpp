#include "tools/backend/store.h"

#include <fmt/format.h>

#include <array>

#include "tools/backend/http_date.h"

namespace kiosk::backend {
namespace {

// backend_ref is derived from the row id (BK- real, BT- test), so it is unique, stable and
// needs no second statement per item.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE transactions(
  id INTEGER PRIMARY KEY,
  idem_key TEXT NOT NULL UNIQUE,
  kiosk_id TEXT NOT NULL,
  receipt_no TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  body TEXT NOT NULL,
  backend_ref TEXT GENERATED ALWAYS AS ('BK-' || printf('%09d', id)) VIRTUAL,
  received_at TEXT NOT NULL);
CREATE INDEX transactions_by_receipt ON transactions(receipt_no);
CREATE TABLE test_transactions(
  id INTEGER PRIMARY KEY,
  idem_key TEXT NOT NULL UNIQUE,
  kiosk_id TEXT NOT NULL,
  receipt_no TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  body TEXT NOT NULL,
  backend_ref TEXT GENERATED ALWAYS AS ('BT-' || printf('%09d', id)) VIRTUAL,
  received_at TEXT NOT NULL);
)sql";

constexpr std::array<std::string_view, 1> kMigrations = {kSchemaV1};

// The key may sit in either table: a key is unique across real and test items.
constexpr std::string_view kFindKey =
    "SELECT body_sha256, backend_ref FROM transactions WHERE idem_key = ?1 "
    "UNION ALL SELECT body_sha256, backend_ref FROM test_transactions WHERE idem_key = ?1";
constexpr std::string_view kInsertReal =
    "INSERT INTO transactions(idem_key, kiosk_id, receipt_no, body_sha256, body, received_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING backend_ref";
constexpr std::string_view kInsertTest =
    "INSERT INTO test_transactions(idem_key, kiosk_id, receipt_no, body_sha256, body, "
    "received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING backend_ref";

void bind_text(sqlite3_stmt* stmt, int index, std::string_view text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

std::string column_text(sqlite3_stmt* stmt, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
  return text != nullptr ? text : "";
}

// Leaves a statement ready for its next use whatever happened.
struct ResetOnExit {
  sqlite3_stmt* stmt;
  ~ResetOnExit() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

// Rolls back unless committed: a failed request stores nothing.
class WriteTransaction {
 public:
  explicit WriteTransaction(store::Database& db) : db_(db) {}
  ~WriteTransaction() {
    if (open_) (void)db_.exec("ROLLBACK");
  }
  Status begin() {
    auto begun = db_.exec("BEGIN IMMEDIATE");
    open_ = begun.has_value();
    return begun;
  }
  Status commit() {
    auto committed = db_.exec("COMMIT");
    if (committed) open_ = false;
    return committed;
  }

 private:
  store::Database& db_;
  bool open_ = false;
};

}  // namespace

Result<std::unique_ptr<BackendStore>> BackendStore::open(const std::filesystem::path& file,
                                                         const Clock& clock) {
  auto db = store::Database::open(file);
  if (!db) return std::unexpected(db.error());
  if (auto migrated = db->migrate(kMigrations); !migrated) {
    return std::unexpected(migrated.error());
  }
  std::unique_ptr<BackendStore> store(new BackendStore(std::move(*db), clock));
  if (auto prepared = store->prepare_statements(); !prepared) {
    return std::unexpected(prepared.error());
  }
  return store;
}

Status BackendStore::prepare_statements() {
  const std::pair<std::string_view, store::Statement*> wanted[] = {
      {kFindKey, &find_key_}, {kInsertReal, &insert_real_}, {kInsertTest, &insert_test_}};
  for (const auto& [sql, slot] : wanted) {
    auto stmt = db_.prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    *slot = std::move(*stmt);
  }
  return {};
}

Error BackendStore::step_error(std::string_view what) const {
  const int rc = sqlite3_extended_errcode(db_.raw());
  return Error{store::errc_from_sqlite(rc),
               fmt::format("{}: {}: {}", db_.file().string(), what, sqlite3_errmsg(db_.raw()))};
}

Result<std::vector<ItemResult>> BackendStore::store_batch(std::string_view kiosk_id,
                                                          std::span<const PreparedItem> items) {
  std::lock_guard lock(mutex_);
  WriteTransaction txn(db_);
  if (auto begun = txn.begin(); !begun) return std::unexpected(begun.error());
  const std::string now = rfc3339_ist(clock_.wall_now());
  std::vector<ItemResult> results;
  results.reserve(items.size());
  for (const PreparedItem& item : items) {
    auto result = store_item(kiosk_id, item, now);
    if (!result) return std::unexpected(result.error());
    results.push_back(std::move(*result));
  }
  // Only a successful COMMIT makes "accepted" true (queue.md Q2, server side).
  if (auto committed = txn.commit(); !committed) return std::unexpected(committed.error());
  return results;
}

// An earlier row with the key decides first: a resend of a stored item is a duplicate even
// if it would fail today's validation.
Result<ItemResult> BackendStore::store_item(std::string_view kiosk_id, const PreparedItem& item,
                                            const std::string& now) {
  auto earlier = find_key(item);
  if (!earlier) return std::unexpected(earlier.error());
  if (*earlier) return std::move(**earlier);
  if (item.invalid) return ItemResult{Outcome::Rejected, "", *item.invalid};
  return insert(kiosk_id, item, now);
}

Result<std::optional<ItemResult>> BackendStore::find_key(const PreparedItem& item) {
  sqlite3_stmt* stmt = find_key_.get();
  ResetOnExit reset{stmt};
  bind_text(stmt, 1, item.idempotency_key);
  const int rc = sqlite3_step(stmt);
  if (rc == SQLITE_DONE) return std::optional<ItemResult>();
  if (rc != SQLITE_ROW) return std::unexpected(step_error("find key"));
  if (column_text(stmt, 0) == item.sha256) {
    return std::optional<ItemResult>(ItemResult{Outcome::Duplicate, column_text(stmt, 1), {}});
  }
  return std::optional<ItemResult>(ItemResult{
      Outcome::Rejected,
      "",
      {"key_reuse", "this idempotency_key was stored earlier with a different transaction"}});
}

Result<ItemResult> BackendStore::insert(std::string_view kiosk_id, const PreparedItem& item,
                                        const std::string& now) {
  sqlite3_stmt* stmt = item.test ? insert_test_.get() : insert_real_.get();
  ResetOnExit reset{stmt};
  bind_text(stmt, 1, item.idempotency_key);
  bind_text(stmt, 2, kiosk_id);
  bind_text(stmt, 3, item.receipt_no);
  bind_text(stmt, 4, item.sha256);
  bind_text(stmt, 5, item.canonical);
  bind_text(stmt, 6, now);
  if (sqlite3_step(stmt) != SQLITE_ROW) return std::unexpected(step_error("insert"));
  std::string ref = column_text(stmt, 0);
  // RETURNING rows are produced before the statement finishes; step to completion.
  if (sqlite3_step(stmt) != SQLITE_DONE) return std::unexpected(step_error("insert"));
  return ItemResult{Outcome::Accepted, std::move(ref), {}};
}

Result<std::optional<StoredReceipt>> BackendStore::find_receipt(const std::string& receipt_no) {
  std::lock_guard lock(mutex_);
  auto stmt =
      db_.prepare("SELECT received_at FROM transactions WHERE receipt_no = ?1 ORDER BY id LIMIT 1");
  if (!stmt) return std::unexpected(stmt.error());
  bind_text(stmt->get(), 1, receipt_no);
  const int rc = sqlite3_step(stmt->get());
  if (rc == SQLITE_DONE) return std::optional<StoredReceipt>();
  if (rc != SQLITE_ROW) return std::unexpected(step_error("find receipt"));
  return std::optional<StoredReceipt>(StoredReceipt{column_text(stmt->get(), 0)});
}

Result<std::int64_t> BackendStore::count(const char* sql) {
  auto stmt = db_.prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  if (sqlite3_step(stmt->get()) != SQLITE_ROW) return std::unexpected(step_error(sql));
  return sqlite3_column_int64(stmt->get(), 0);
}

Result<StoreCounts> BackendStore::counts() {
  std::lock_guard lock(mutex_);
  auto real = count("SELECT COUNT(*) FROM transactions");
  if (!real) return std::unexpected(real.error());
  auto test = count("SELECT COUNT(*) FROM test_transactions");
  if (!test) return std::unexpected(test.error());
  return StoreCounts{*real, *test};
}

Result<std::vector<std::string>> BackendStore::keys() {
  std::lock_guard lock(mutex_);
  auto stmt = db_.prepare(
      "SELECT idem_key FROM transactions UNION ALL SELECT idem_key FROM test_transactions");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<std::string> keys;
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW)
    keys.push_back(column_text(stmt->get(), 0));
  if (rc != SQLITE_DONE) return std::unexpected(step_error("list keys"));
  return keys;
}

}  // namespace kiosk::backend
