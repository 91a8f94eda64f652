// Where `kioskctl devices` and `kioskctl status` get device states from:
//   1. the running kiosk's control socket (the app owns the devices while it runs);
//   2. otherwise the devices themselves, through the probe the caller hands in (kioskctl's
//      libusb probe; kiosk/ cannot include drivers/usb);
//   3. otherwise the configured list with status "unknown".
// A kiosk that holds the instance lock but does not answer is an error (Busy): opening the
// devices behind its back would fight it for them.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "drivers/model/device_model.h"
#include "kiosk/config/config.h"
#include "kiosk/core/result.h"

namespace kiosk::devices {

using LocalProbe = std::function<std::vector<drivers::model::DeviceState>(
    const std::vector<drivers::model::DeviceSpec>&)>;

struct DeviceListing {
  std::string source;  // "app" | "local" | "config"
  nlohmann::json devices = nlohmann::json::array();
};

// An empty probe skips step 2.
Result<DeviceListing> list_devices(const config::Config& config, const LocalProbe& probe);

}  // namespace kiosk::devices
