#include "kiosk/store/database.h"

#include <fmt/format.h>

#include <chrono>
#include <string>
#include <thread>

#include "kiosk/core/log.h"

namespace kiosk::store {
namespace {

// Reads one text column of a one-row statement.
Result<std::string> single_text(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  Statement stmt(raw);
  if (rc == SQLITE_OK) rc = sqlite3_step(stmt.get());
  if (rc != SQLITE_ROW) {
    return fail(errc_from_sqlite(rc), fmt::format("{}: {}", sql, sqlite3_errstr(rc)));
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
  return std::string(text != nullptr ? text : "");
}

Error move_aside(const std::filesystem::path& file, std::string_view why) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  const auto aside = std::filesystem::path(fmt::format("{}.corrupt-{}", file.string(), seconds));
  std::error_code ec;
  std::filesystem::rename(file, aside, ec);
  for (const char* suffix : {"-wal", "-shm"}) {  // the journal belongs to the corrupt copy
    std::filesystem::rename(file.string() + suffix, aside.string() + suffix, ec);
  }
  log::error("store", "database {} failed its integrity check ({}); moved to {}", file.string(),
             why, aside.string());
  return Error{Errc::Corrupt,
               fmt::format("the database {} was damaged ({}) and has been moved to {}; restore it "
                           "from a backup or ask for maintenance",
                           file.string(), why, aside.string())};
}

}  // namespace

Errc errc_from_sqlite(int result_code) {
  switch (result_code & 0xFF) {  // primary code of an extended one
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Errc::Busy;
    case SQLITE_FULL:
      return Errc::Unavailable;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
      return Errc::Io;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Errc::Corrupt;
    default:
      return Errc::Internal;
  }
}

Result<Database> Database::open(const std::filesystem::path& file) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  DatabaseHandle handle(raw);  // closed on every path, even when open failed
  if (rc != SQLITE_OK) {
    return fail(errc_from_sqlite(rc),
                fmt::format("{}: cannot open: {}", file.string(), sqlite3_errstr(rc)));
  }
  Database db(std::move(handle), file);
  // Wait for other processes (kioskctl while csc-kiosk runs) instead of failing at once:
  // a database that is merely busy must never be mistaken for a damaged one.
  sqlite3_busy_timeout(db.raw(), kBusyTimeoutMs);
  auto check = single_text(db.raw(), "PRAGMA quick_check");
  if (!check && check.error().code != Errc::Corrupt) return std::unexpected(check.error());
  if (!check || *check != "ok") {
    const std::string why = check ? *check : check.error().message;
    db.db_.reset();  // close before renaming
    return std::unexpected(move_aside(file, why));
  }
  if (auto configured = db.configure(); !configured) return std::unexpected(configured.error());
  return db;
}

// Sets each durability setting and reads it back: refusing to run beats losing payments.
Status Database::configure() {
  sqlite3_busy_timeout(raw(), kBusyTimeoutMs);
  struct Expect {
    const char* set;
    const char* read;
    const char* want;
  };
  const Expect settings[] = {
      {"PRAGMA journal_mode=WAL", "PRAGMA journal_mode", "wal"},
      {"PRAGMA synchronous=FULL", "PRAGMA synchronous", "2"},
      {"PRAGMA foreign_keys=ON", "PRAGMA foreign_keys", "1"},
      {"PRAGMA busy_timeout=5000", "PRAGMA busy_timeout", "5000"},
  };
  for (const Expect& e : settings) {
    if (auto set = exec_retrying_busy(e.set); !set) return set;  // some answer a row, some not
    auto got = pragma_text(e.read);
    if (!got) return std::unexpected(got.error());
    if (*got != e.want) {
      return fail(Errc::Config, fmt::format("{}: {} reads back {} instead of {}; refusing to run "
                                            "without durable commits",
                                            file_.string(), e.read, *got, e.want));
    }
  }
  return {};
}

// Switching a new file to WAL needs a moment of exclusive access, and SQLite answers BUSY
// at once there instead of calling the busy handler when two processes create the database
// together (kioskctl and csc-kiosk on a fresh kiosk): retry within the busy timeout.
Status Database::exec_retrying_busy(std::string_view sql) {
  Status done = exec(sql);
  for (int waited_ms = 0; !done && done.error().code == Errc::Busy && waited_ms < kBusyTimeoutMs;
       waited_ms += 10) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    done = exec(sql);
  }
  return done;
}

Result<std::string> Database::pragma_text(std::string_view pragma) {
  return single_text(raw(), pragma);
}

Error Database::error(std::string_view what) const {
  const int rc = sqlite3_extended_errcode(raw());
  return Error{errc_from_sqlite(rc),
               fmt::format("{}: {}: {}", file_.string(), what, sqlite3_errmsg(raw()))};
}

Status Database::exec(std::string_view sql) {
  const std::string text(sql);
  if (sqlite3_exec(raw(), text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return std::unexpected(error(sql.substr(0, 60)));
  }
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* raw_stmt = nullptr;
  if (sqlite3_prepare_v2(raw(), sql.data(), static_cast<int>(sql.size()), &raw_stmt, nullptr) !=
      SQLITE_OK) {
    return std::unexpected(error(sql.substr(0, 60)));
  }
  return Statement(raw_stmt);
}

Result<sqlite3_stmt*> Database::prepare_cached(std::string_view sql) {
  auto found = statements_.find(std::string(sql));
  if (found != statements_.end()) return found->second.get();
  auto stmt = prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  sqlite3_stmt* raw_stmt = stmt->get();
  statements_.emplace(std::string(sql), std::move(*stmt));
  return raw_stmt;
}

Result<int> Database::user_version() {
  auto text = pragma_text("PRAGMA user_version");
  if (!text) return std::unexpected(text.error());
  return std::stoi(*text);
}

Status Database::migrate(std::span<const std::string_view> migrations) {
  auto version = user_version();
  if (!version) return std::unexpected(version.error());
  if (*version > static_cast<int>(migrations.size())) {
    return fail(Errc::Config, fmt::format("{}: schema version {} is newer than this program ({}); "
                                          "install the newer csc-kiosk",
                                          file_.string(), *version, migrations.size()));
  }
  for (auto v = static_cast<std::size_t>(*version); v < migrations.size(); ++v) {
    // BEGIN IMMEDIATE takes the write lock first: two processes never both migrate. The
    // version is read again under the lock: the other process may have migrated while
    // this one waited for it (two kioskctl commands on a new database did).
    if (auto begun = exec("BEGIN IMMEDIATE"); !begun) return begun;
    auto now = user_version();
    if (!now) {
      (void)exec("ROLLBACK");
      return std::unexpected(now.error());
    }
    if (static_cast<std::size_t>(*now) > v) {
      (void)exec("ROLLBACK");
      v = static_cast<std::size_t>(*now) - 1;  // the loop's ++v resumes after its work
      continue;
    }
    auto applied = exec(migrations[v]);
    if (applied) applied = exec(fmt::format("PRAGMA user_version={}", v + 1));
    if (applied) applied = exec("COMMIT");
    if (!applied) {
      (void)exec("ROLLBACK");
      return applied;
    }
    log::info("store", "{}: schema migrated to version {}", file_.string(), v + 1);
  }
  return {};
}

}  // namespace kiosk::store
