// The kiosk's SQLite database: one RAII connection with the durability settings the
// outbox depends on, set AND read back (a build whose defaults differ must not silently
// weaken them), user_version migrations, and an integrity check at open that moves a
// corrupt file aside instead of recreating it.
//
//  [X] journal_mode=WAL, synchronous=FULL, busy_timeout, foreign_keys=ON, read back
//  [X] PRAGMA quick_check at open; corrupt or not-a-database → moved aside, Errc::Corrupt
//  [X] Migrations by user_version inside BEGIN IMMEDIATE (several processes may open it)
//  [X] SQLite result codes mapped to kiosk::Errc once, here
//  [ ] The outbox tables, group commit and retention (issue 6)
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kiosk/core/result.h"

namespace kiosk::store {

struct DatabaseDeleter {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DatabaseHandle = std::unique_ptr<sqlite3, DatabaseDeleter>;

struct StatementDeleter {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

// SQLITE_BUSY/LOCKED → Busy, FULL → Unavailable (stop intake, nothing lost), IOERR and
// CANTOPEN → Io, CORRUPT/NOTADB → Corrupt, anything else → Internal.
Errc errc_from_sqlite(int result_code);

class Database {
 public:
  static constexpr int kBusyTimeoutMs = 5000;

  // Opens (creating if absent) and checks the file. A corrupt file is renamed to
  // "<file>.corrupt-<unix seconds>" and reported as Errc::Corrupt naming that path.
  static Result<Database> open(const std::filesystem::path& file);

  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  // A statement prepared once per connection and reused (reset by its user): the outbox
  // runs the same few statements thousands of times a minute while draining a backlog.
  Result<sqlite3_stmt*> prepare_cached(std::string_view sql);
  Result<int> user_version();
  // Applies migrations[user_version ..] in one BEGIN IMMEDIATE transaction each, setting
  // user_version after each. A database newer than the migrations is refused.
  Status migrate(std::span<const std::string_view> migrations);

  sqlite3* raw() const { return db_.get(); }
  const std::filesystem::path& file() const { return file_; }

 private:
  Database(DatabaseHandle db, std::filesystem::path file)
      : db_(std::move(db)), file_(std::move(file)) {}
  Status configure();
  Status exec_retrying_busy(std::string_view sql);
  Result<std::string> pragma_text(std::string_view pragma);
  Error error(std::string_view what) const;

  DatabaseHandle db_;
  std::filesystem::path file_;
  // After db_, so the statements are finalised before the connection closes.
  std::unordered_map<std::string, Statement> statements_;
};

}  // namespace kiosk::store
