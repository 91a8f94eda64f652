// What kioskctl prints, computed headless from the config and the state on disk.
// Each report is JSON first (the schema in docs/cli.md); the text form is derived from it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/config/config.h"
#include "kiosk/core/clock.h"
#include "kiosk/devices/device_query.h"

namespace kiosk::ctl {

// `kioskctl status`
struct StatusOptions {
  devices::LocalProbe probe;    // opens the devices when no kiosk runs (kioskctl's libusb)
  std::string language = "en";  // of status_text and action_text (`--lang hi`)
};

// `kioskctl status`
nlohmann::json status_report(const config::Config& config, const Clock& clock,
                             const StatusOptions& options);
std::string status_text(const nlohmann::json& report);

// `kioskctl config show`
nlohmann::json config_report(const config::Config& config);
std::string config_text(const nlohmann::json& report);

}  // namespace kiosk::ctl
