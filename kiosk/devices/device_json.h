// Device states as JSON (docs/cli.md, `kioskctl devices --json`, the control socket,
// `kioskctl status --json`) and as the text `kioskctl devices` prints.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "drivers/model/device_model.h"

namespace kiosk::devices {

nlohmann::json to_json(const drivers::model::DeviceState& state);
nlohmann::json to_json(const std::vector<drivers::model::DeviceState>& states);

// One line per device: name, kind, status, model, supplies, action.
std::string devices_text(const nlohmann::json& devices);

}  // namespace kiosk::devices
