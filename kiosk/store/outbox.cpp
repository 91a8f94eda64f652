#include "kiosk/store/outbox.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "kiosk/core/log.h"
#include "kiosk/store/outbox_schema.h"
#include "kiosk/store/sql.h"

namespace kiosk::store {
namespace {

// A lease held by a process that no longer exists (killed, crashed, powered off) is free.
bool process_alive(std::int64_t pid) {
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

// kiosk_pid_alive(pid) in SQL, so the lease query can skip live leases itself.
void sql_pid_alive(sqlite3_context* ctx, int, sqlite3_value** argv) {
  sqlite3_result_int(ctx, process_alive(sqlite3_value_int64(argv[0])) ? 1 : 0);
}

// The state folder holds the key and the database: only the kiosk's user may look inside.
Status ensure_folder(const std::filesystem::path& folder) {
  if (folder.empty()) return {};
  std::error_code ec;
  if (std::filesystem::is_directory(folder, ec)) return {};
  std::filesystem::create_directories(folder, ec);
  if (!ec) std::filesystem::permissions(folder, std::filesystem::perms::owner_all, ec);
  if (ec)
    return fail(Errc::Io, fmt::format("the state folder {} is missing and cannot be created ({}); "
                                      "create it, owned by the kiosk's user, mode 0700",
                                      folder.string(), ec.message()));
  return {};
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
  if (auto folder = ensure_folder(options.database.parent_path()); !folder)
    return std::unexpected(folder.error());
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
  return Outbox(std::make_unique<OutboxConnection>(
      OutboxConnection{std::move(*db), std::move(*sealer), options.kiosk_id, &clock}));
}

}  // namespace kiosk::store
