#include "kiosk/store/clock_floor.h"

#include <fmt/format.h>

#include "kiosk/store/item_rows.h"
#include "kiosk/store/sql.h"
#include "kiosk/store/transaction.h"

namespace kiosk::store {

Status ClockFloor::record_server_date(Clock::WallTime date) {
  auto done = sql::run(c_.db,
                       "INSERT INTO meta(key, value) VALUES('clock_floor_ms', ?1) ON "
                       "CONFLICT(key) DO UPDATE SET value = max(value, ?1)",
                       unix_ms(date));
  if (!done) return std::unexpected(done.error());
  return {};
}

Result<std::optional<Clock::WallTime>> ClockFloor::floor() {
  auto ms = sql::integer(c_.db, "SELECT value FROM meta WHERE key='clock_floor_ms'");
  if (!ms) return std::unexpected(ms.error());
  if (!*ms) return std::optional<Clock::WallTime>{};
  return std::optional<Clock::WallTime>{from_unix_ms(**ms)};
}

Status ClockFloor::check() {
  auto at = floor();
  if (!at) return std::unexpected(at.error());
  const auto now = c_.clock->wall_now();
  if (*at && now < **at) {
    return fail(Errc::Unavailable,
                fmt::format("the kiosk clock ({}) is behind the last time the backend reported "
                            "({}); set the clock before taking transactions",
                            rfc3339_ist(now), rfc3339_ist(**at)));
  }
  return {};
}

}  // namespace kiosk::store
