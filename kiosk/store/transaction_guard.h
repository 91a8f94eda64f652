// The one way the store opens a write transaction. BEGIN IMMEDIATE on construction (through
// begin()); ROLLBACK when the guard goes without a successful commit(); and a COMMIT that
// fails rolls back at once, so a connection is never left inside a transaction whatever
// happened. Savepoint does the same for one item inside it (group commit).
#pragma once

#include "kiosk/core/result.h"
#include "kiosk/store/database.h"

namespace kiosk::store {

class TransactionGuard {
 public:
  static Result<TransactionGuard> begin(Database& db);
  TransactionGuard(TransactionGuard&& other) noexcept;
  TransactionGuard& operator=(TransactionGuard&&) = delete;
  ~TransactionGuard();

  // COMMIT. On failure the transaction is rolled back before this returns.
  Status commit();
  bool open() const { return db_ != nullptr; }

 private:
  explicit TransactionGuard(Database& db) : db_(&db) {}
  void rollback() noexcept;

  Database* db_;  // null once committed or rolled back
};

class Savepoint {
 public:
  static Result<Savepoint> begin(Database& db);
  Savepoint(Savepoint&& other) noexcept;
  Savepoint& operator=(Savepoint&&) = delete;
  ~Savepoint();  // ROLLBACK TO, unless released

  Status release();

 private:
  explicit Savepoint(Database& db) : db_(&db) {}
  Database* db_;
};

}  // namespace kiosk::store
