// Small typed helpers over prepared statements, so outbox code reads as SQL plus values.
// Binding is by position (?1, ?2 …); every call maps SQLite codes through errc_from_sqlite.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/store/database.h"

namespace kiosk::store::sql {

using Blob = std::span<const unsigned char>;

inline int bind_one(sqlite3_stmt* s, int i, std::int64_t v) {
  return sqlite3_bind_int64(s, i, v);
}
inline int bind_one(sqlite3_stmt* s, int i, int v) {
  return sqlite3_bind_int64(s, i, v);
}
inline int bind_one(sqlite3_stmt* s, int i, bool v) {
  return sqlite3_bind_int64(s, i, v ? 1 : 0);
}
inline int bind_one(sqlite3_stmt* s, int i, std::string_view v) {
  return sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}
inline int bind_one(sqlite3_stmt* s, int i, const std::string& v) {
  return bind_one(s, i, std::string_view(v));
}
inline int bind_one(sqlite3_stmt* s, int i, const char* v) {
  return bind_one(s, i, std::string_view(v));
}
inline int bind_one(sqlite3_stmt* s, int i, Blob v) {
  return sqlite3_bind_blob(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}
inline int bind_one(sqlite3_stmt* s, int i, std::nullptr_t) {
  return sqlite3_bind_null(s, i);
}
template <class T>
int bind_one(sqlite3_stmt* s, int i, const std::optional<T>& v) {
  return v ? bind_one(s, i, *v) : sqlite3_bind_null(s, i);
}

// A prepared statement with its arguments bound; step() until it answers false.
class Query {
 public:
  // Uses the connection's cached statement for `text`; reset when the Query ends.
  template <class... Args>
  static Result<Query> make(Database& db, std::string_view text, const Args&... args) {
    auto stmt = db.prepare_cached(text);
    if (!stmt) return std::unexpected(stmt.error());
    Query q(db, *stmt);
    int i = 0;
    int rc = SQLITE_OK;
    ((rc = rc == SQLITE_OK ? bind_one(q.stmt_, ++i, args) : rc), ...);
    if (rc != SQLITE_OK) return fail(errc_from_sqlite(rc), "bind: " + std::string(text));
    return q;
  }
  Query(Query&& other) noexcept : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  ~Query();
  // True with a row to read, false when done.
  Result<bool> step();
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string text(int col) const;
  std::vector<unsigned char> blob(int col) const;

 private:
  Query(Database& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {}
  Database* db_;
  sqlite3_stmt* stmt_;  // owned by the Database's cache
};

// Runs a statement that returns no rows; answers the number of rows it changed.
template <class... Args>
Result<int> run(Database& db, std::string_view text, const Args&... args) {
  auto q = Query::make(db, text, args...);
  if (!q) return std::unexpected(q.error());
  auto more = q->step();
  if (!more) return std::unexpected(more.error());
  return sqlite3_changes(db.raw());
}

// The first column of the first row, or nullopt when there is no row.
template <class... Args>
Result<std::optional<std::int64_t>> integer(Database& db, std::string_view text,
                                            const Args&... args) {
  auto q = Query::make(db, text, args...);
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row || q->is_null(0)) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{q->integer(0)};
}

}  // namespace kiosk::store::sql
