// sd_notify(3) at the edge (libsystemd): READY=1 once the first frame is on screen,
// WATCHDOG=1 from the watchdog pinger, STOPPING=1 on the way out. Outside systemd (no
// NOTIFY_SOCKET) every call does nothing. NotifyAccess=all in the unit: under cage, the
// kiosk is not the service's main process.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace apps {

void notify_systemd(std::string_view state);
// WatchdogSec as systemd passed it (WATCHDOG_USEC, for this process); nullopt: none.
std::optional<std::chrono::microseconds> watchdog_period();

}  // namespace apps
