// The scans the running kiosk's scanners deliver, for whoever waits for the next one (the
// control socket's `scan-test`). Holds one scan at a time, in memory only, and drops it as
// soon as the next comes: scans are citizen data.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>

#include "kiosk/devices/device_port.h"

namespace kiosk::devices {

class ScanBoard {
 public:
  // Keeps whole scans only; "reading" events pass by.
  void deliver(const ScanEvent& event);
  // The first whole scan delivered after this call began; nullopt at the timeout.
  std::optional<ScanEvent> wait_next(std::chrono::milliseconds timeout);

 private:
  std::mutex mutex_;
  std::condition_variable delivered_;
  std::uint64_t count_ = 0;
  std::optional<ScanEvent> last_;
};

}  // namespace kiosk::devices
