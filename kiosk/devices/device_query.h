// Where `kioskctl devices` and `kioskctl status` get device states from:
//   1. the running kiosk's control socket (the app owns the devices while it runs);
//   2. otherwise the devices themselves, through a probe kioskctl installs (libusb; kiosk/
//      cannot include drivers/usb, so the probe is handed in);
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

// kioskctl installs its libusb probe once at start.
void set_local_probe(LocalProbe probe);

struct DeviceListing {
  std::string source;  // "app" | "local" | "config"
  nlohmann::json devices = nlohmann::json::array();
};

Result<DeviceListing> list_devices(const config::Config& config);

}  // namespace kiosk::devices
