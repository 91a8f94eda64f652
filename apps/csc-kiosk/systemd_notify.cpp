#include "apps/csc-kiosk/systemd_notify.h"

#include <systemd/sd-daemon.h>

#include <string>

#include "kiosk/core/log.h"

namespace apps {

void notify_systemd(std::string_view state) {
  const std::string text(state);
  if (const int r = sd_notify(0, text.c_str()); r < 0)
    kiosk::log::warn("systemd", "sd_notify({}) failed: error {}", text, -r);
}

std::optional<std::chrono::microseconds> watchdog_period() {
  std::uint64_t usec = 0;
  // 0: WatchdogSec is not set (or WATCHDOG_PID names another process); < 0: malformed.
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec);
}

}  // namespace apps
