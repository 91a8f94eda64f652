#include "kiosk/devices/registry.h"

namespace kiosk::devices {

DeviceRegistry::DeviceRegistry(std::vector<drivers::model::DeviceState> initial)
    : states_(std::move(initial)) {}

void DeviceRegistry::update(const drivers::model::DeviceState& state) {
  std::lock_guard lock(mutex_);
  for (auto& s : states_) {
    if (s.name == state.name) {
      s = state;
      return;
    }
  }
  states_.push_back(state);
}

std::vector<drivers::model::DeviceState> DeviceRegistry::states() const {
  std::lock_guard lock(mutex_);
  return states_;
}

}  // namespace kiosk::devices
