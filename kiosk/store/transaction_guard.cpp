#include "kiosk/store/transaction_guard.h"

#include <utility>

#include "kiosk/core/log.h"

namespace kiosk::store {

Result<TransactionGuard> TransactionGuard::begin(Database& db) {
  if (auto begun = db.exec("BEGIN IMMEDIATE"); !begun) return std::unexpected(begun.error());
  return TransactionGuard(db);
}

TransactionGuard::TransactionGuard(TransactionGuard&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)) {}

TransactionGuard::~TransactionGuard() {
  rollback();
}

void TransactionGuard::rollback() noexcept {
  if (!db_) return;
  // Only fails when SQLite already rolled back itself (after SQLITE_FULL, say).
  if (auto done = std::exchange(db_, nullptr)->exec("ROLLBACK"); !done)
    log::debug("store", "rollback: {}", done.error().message);
}

Status TransactionGuard::commit() {
  if (!db_) return fail(Errc::Internal, "commit without an open transaction");
  auto done = db_->exec("COMMIT");
  if (done) {
    db_ = nullptr;
    return {};
  }
  rollback();
  return done;
}

Result<Savepoint> Savepoint::begin(Database& db) {
  if (auto begun = db.exec("SAVEPOINT item"); !begun) return std::unexpected(begun.error());
  return Savepoint(db);
}

Savepoint::Savepoint(Savepoint&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Savepoint::~Savepoint() {
  if (!db_) return;
  if (auto done = db_->exec("ROLLBACK TO item; RELEASE item"); !done)
    log::debug("store", "rollback to savepoint: {}", done.error().message);
}

Status Savepoint::release() {
  if (!db_) return fail(Errc::Internal, "release without an open savepoint");
  auto done = db_->exec("RELEASE item");
  if (done) db_ = nullptr;
  return done;
}

}  // namespace kiosk::store
