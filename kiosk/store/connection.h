// What every part of the outbox shares: one SQLite connection, the sealing key, the kiosk
// id and the clock. One Outbox owns it; Intake, DeliveryQueue, QueueViews and ClockFloor are
// views onto it that live no longer than the Outbox. Not thread-safe: one per thread.
#pragma once

#include <string>

#include "kiosk/core/clock.h"
#include "kiosk/store/database.h"
#include "kiosk/store/sealer.h"

namespace kiosk::store {

struct OutboxConnection {
  Database db;
  Sealer sealer;
  std::string kiosk_id;
  const Clock* clock;
};

}  // namespace kiosk::store
