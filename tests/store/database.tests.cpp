#include "kiosk/store/database.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "tests/support/paths.h"

using namespace kiosk;
using namespace kiosk::store;

namespace {

std::string pragma(Database& db, const char* sql) {
  auto stmt = db.prepare(sql);
  REQUIRE(stmt);
  REQUIRE(sqlite3_step(stmt->get()) == SQLITE_ROW);
  return reinterpret_cast<const char*>(sqlite3_column_text(stmt->get(), 0));
}

const std::string_view kMigrations[] = {
    "CREATE TABLE receipt(id INTEGER PRIMARY KEY, no TEXT UNIQUE NOT NULL)",
    "ALTER TABLE receipt ADD COLUMN printed INTEGER NOT NULL DEFAULT 0",
};

}  // namespace

TEST_CASE("A new database runs in WAL with synchronous FULL, foreign keys and a busy timeout",
          "[store][sqlite][durability]") {
  const auto file = testing::scratch_dir("db-pragmas") / "kiosk.db";
  auto db = Database::open(file);
  REQUIRE(db);
  CHECK(pragma(*db, "PRAGMA journal_mode") == "wal");
  CHECK(pragma(*db, "PRAGMA synchronous") == "2");
  CHECK(pragma(*db, "PRAGMA foreign_keys") == "1");
  CHECK(pragma(*db, "PRAGMA busy_timeout") == "5000");
  CHECK(std::filesystem::exists(file));
}

TEST_CASE("Migrations run once each and survive reopening", "[store][sqlite][migrations]") {
  const auto file = testing::scratch_dir("db-migrate") / "kiosk.db";
  {
    auto db = Database::open(file);
    REQUIRE(db);
    REQUIRE(db->migrate(std::span(kMigrations).first(1)));
    CHECK(*db->user_version() == 1);
    REQUIRE(db->exec("INSERT INTO receipt(no) VALUES ('CG-RPR-0042-20261128-000001')"));
  }
  auto db = Database::open(file);
  REQUIRE(db);
  REQUIRE(db->migrate(kMigrations));
  REQUIRE(db->migrate(kMigrations));  // nothing left to do
  CHECK(*db->user_version() == 2);
  CHECK(pragma(*db, "SELECT printed FROM receipt") == "0");
  const std::string_view older[] = {kMigrations[0]};
  const auto refused = db->migrate(older);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::Config);
}

TEST_CASE("A connection that waited for another's migration does not migrate again",
          "[store][sqlite][migrations][processes]") {
  const auto file = testing::scratch_dir("db-migrate-race") / "kiosk.db";
  auto first = Database::open(file);
  auto second = Database::open(file);
  REQUIRE(first);
  REQUIRE(second);
  // The first holds the write lock while the second reads version 0 and waits for it.
  REQUIRE(first->exec("BEGIN IMMEDIATE"));
  std::thread waiting([&] { CHECK(second->migrate(kMigrations)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  REQUIRE(first->exec(kMigrations[0]));
  REQUIRE(first->exec(kMigrations[1]));
  REQUIRE(first->exec("PRAGMA user_version=2"));
  REQUIRE(first->exec("COMMIT"));
  waiting.join();  // before the fix: "duplicate column name: printed"
  CHECK(*second->user_version() == 2);
}

TEST_CASE("A damaged database is moved aside and reported, never silently recreated",
          "[store][sqlite][corrupt]") {
  const auto dir = testing::scratch_dir("db-corrupt");
  const auto file = dir / "kiosk.db";
  std::ofstream(file) << std::string(8192, 'x');  // not a database at all
  const auto db = Database::open(file);
  REQUIRE_FALSE(db);
  CHECK(db.error().code == Errc::Corrupt);
  CHECK_FALSE(std::filesystem::exists(file));
  int aside = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    aside += entry.path().filename().string().starts_with("kiosk.db.corrupt-") ? 1 : 0;
  }
  CHECK(aside == 1);
  CHECK(db.error().message.find(".corrupt-") != std::string::npos);
}

TEST_CASE("SQLite result codes map onto the kiosk's error vocabulary", "[store][sqlite][errors]") {
  CHECK(errc_from_sqlite(SQLITE_BUSY) == Errc::Busy);
  CHECK(errc_from_sqlite(SQLITE_FULL) == Errc::Unavailable);
  CHECK(errc_from_sqlite(SQLITE_IOERR_FSYNC) == Errc::Io);
  CHECK(errc_from_sqlite(SQLITE_NOTADB) == Errc::Corrupt);
  CHECK(errc_from_sqlite(SQLITE_MISMATCH) == Errc::Internal);
}
