#include "drivers/usb/state_board.h"

namespace drivers::usb {

StateBoard::StateBoard(std::vector<model::DeviceState> initial, Listener listener)
    : states_(std::move(initial)), changes_(std::move(listener)) {}

void StateBoard::publish(const model::DeviceState& state) {
  {
    std::lock_guard lock(mutex_);
    bool known = false;
    for (auto& s : states_) {
      if (s.name != state.name) continue;
      s = state;
      known = true;
    }
    if (!known) states_.push_back(state);
  }
  changes_.publish(state);
}

std::vector<model::DeviceState> StateBoard::states() const {
  std::lock_guard lock(mutex_);
  return states_;
}

std::optional<model::DeviceState> StateBoard::state(const std::string& name) const {
  std::lock_guard lock(mutex_);
  for (const auto& s : states_) {
    if (s.name == name) return s;
  }
  return std::nullopt;
}

}  // namespace drivers::usb
