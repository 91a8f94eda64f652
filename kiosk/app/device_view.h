// What the screens may know of the devices: a kiosk-owned view of each device's state, and
// the banner the core decides to show. The UI never sees drivers' details (identity,
// matched_by, detail), only what a citizen needs said.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "drivers/model/device_model.h"

namespace kiosk::app {

struct DeviceView {
  std::string name;  // the config table key
  drivers::model::DeviceKind kind = drivers::model::DeviceKind::Printer;
  drivers::model::Status status = drivers::model::Status::Unknown;
  drivers::model::Action action = drivers::model::Action::None;
  bool required = true;  // the entry's "required" (docs/config.md)
  bool operator==(const DeviceView&) const = default;
};

// The header's device banner: i18n keys the screen shows in the citizen's language.
struct DeviceBanner {
  std::string device;  // which device, for tests and the operator
  drivers::model::DeviceKind kind = drivers::model::DeviceKind::Printer;
  std::string kind_key;    // device.kind.<kind>.name
  std::string status_key;  // device.status.<status>
  std::string action_key;  // device.action.<action>; empty when there is nothing to do
  bool operator==(const DeviceBanner&) const = default;
};

// One device's state as the banner words it.
DeviceBanner banner_of(const DeviceView& d);

// The first required device (in config order) that is not online, as a banner; none when
// every required device is online.
std::optional<DeviceBanner> banner_for(const std::vector<DeviceView>& devices);

}  // namespace kiosk::app
