// The service manager's watchdog (systemd WatchdogSec): pinged only while every watched
// loop is alive. The UI loop and the core thread each beat a Liveness at least once a
// second; the pinger looks every third of the watchdog period and pings only when all of
// them moved since its last look. An idle kiosk keeps being pinged; a frozen loop (a hung
// driver call, a deadlock) stops the pings and systemd restarts the kiosk.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "kiosk/core/liveness.h"

namespace kiosk {

// Pure: have all the counters moved since the last call?
class LivenessWatch {
 public:
  explicit LivenessWatch(std::vector<const Liveness*> watched);
  bool all_moved();

 private:
  std::vector<const Liveness*> watched_;
  std::vector<std::uint64_t> last_;
};

// How often to look for a watchdog period: a third of it, but never more often than the
// loops beat (twice their period), so a healthy loop is never missed.
std::chrono::milliseconds watchdog_look_every(std::chrono::microseconds period);

class WatchdogPinger {
 public:
  using Notify = std::function<void(std::string_view state)>;  // sd_notify in the app
  WatchdogPinger(std::vector<const Liveness*> watched, std::chrono::microseconds period,
                 Notify notify);
  ~WatchdogPinger();  // stops and joins
  WatchdogPinger(const WatchdogPinger&) = delete;
  WatchdogPinger& operator=(const WatchdogPinger&) = delete;
  std::uint64_t pings() const;

 private:
  void loop(std::stop_token stop);
  LivenessWatch watch_;
  std::chrono::milliseconds every_;
  Notify notify_;
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  std::uint64_t pings_ = 0;
  std::jthread thread_;
};

}  // namespace kiosk
