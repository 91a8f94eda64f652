// The clock floor: the latest time the backend reported (its Date header), persisted and
// never lowered. Intake is refused while the kiosk's wall clock is below it, so a kiosk
// whose clock fell back (dead CMOS battery) cannot date receipts in the past.
#pragma once

#include <optional>

#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"
#include "kiosk/store/connection.h"

namespace kiosk::store {

class ClockFloor {
 public:
  explicit ClockFloor(OutboxConnection& c) : c_(c) {}

  Status record_server_date(Clock::WallTime date);
  Result<std::optional<Clock::WallTime>> floor();
  // Errc::Unavailable ("set the clock") while the wall clock is below the floor.
  Status check();

 private:
  OutboxConnection& c_;
};

}  // namespace kiosk::store
