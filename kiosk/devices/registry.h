// The app's latest state of every configured device. Device threads update it (through
// the USB manager's change-only listener); the control socket and, later, the core and
// screens read copies. Thread-safe; never does I/O.
#pragma once

#include <mutex>
#include <vector>

#include "drivers/model/device_model.h"

namespace kiosk::devices {

class DeviceRegistry {
 public:
  explicit DeviceRegistry(std::vector<drivers::model::DeviceState> initial);
  void update(const drivers::model::DeviceState& state);
  std::vector<drivers::model::DeviceState> states() const;

 private:
  mutable std::mutex mutex_;
  std::vector<drivers::model::DeviceState> states_;  // config order
};

}  // namespace kiosk::devices
