// The latest state of every configured device, as drivers and the manager publish it.
//
// It is the only thing a state query touches: a mutex held for a copy, never across USB
// I/O, so `kioskctl devices` answers while a 500 ms control transfer is in flight. Changes
// go on to the listener through the change-only filter (XFS4IoT StatusChangedEvent).
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "drivers/model/device_model.h"
#include "drivers/usb/driver_api.h"

namespace drivers::usb {

class StateBoard final : public StateSink {
 public:
  using Listener = std::function<void(const model::DeviceState&)>;

  // `initial` fixes the order of states(): config order.
  StateBoard(std::vector<model::DeviceState> initial, Listener listener);

  // Thread-safe. The listener runs on the caller's thread, outside the board's lock.
  void publish(const model::DeviceState& state) override;
  std::vector<model::DeviceState> states() const;
  std::optional<model::DeviceState> state(const std::string& name) const;

 private:
  mutable std::mutex mutex_;
  std::vector<model::DeviceState> states_;
  model::ChangeFilter changes_;
};

}  // namespace drivers::usb
