#include "kiosk/store/sql.h"

#include <fmt/format.h>

namespace kiosk::store::sql {

Query::~Query() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);  // ends any read it was in the middle of
  sqlite3_clear_bindings(stmt_);
}

Result<bool> Query::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const char* text = sqlite3_sql(stmt_);
  return fail(errc_from_sqlite(sqlite3_extended_errcode(db_->raw())),
              fmt::format("{}: {} ({})", db_->file().string(), sqlite3_errmsg(db_->raw()),
                          std::string_view(text ? text : "").substr(0, 60)));
}

std::string Query::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  const int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

std::vector<unsigned char> Query::blob(int col) const {
  const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, col));
  const int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::vector<unsigned char>(p, p + n) : std::vector<unsigned char>();
}

}  // namespace kiosk::store::sql
