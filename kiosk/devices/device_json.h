// Device states as JSON (docs/cli.md, `kioskctl devices --json`, the control socket,
// `kioskctl status --json`) and as the text `kioskctl devices` prints.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "drivers/model/device_model.h"

namespace kiosk::devices {

nlohmann::json to_json(const drivers::model::DeviceState& state);
nlohmann::json to_json(const std::vector<drivers::model::DeviceState>& states);

// A state read back from its JSON (the kiosk's answer, a probe's listing): the fields the
// alerts need. nullopt when name, kind or status is missing or unknown.
std::optional<drivers::model::DeviceState> state_from_json(const nlohmann::json& j);

// One line per device: name, kind, status, model, supplies, action.
std::string devices_text(const nlohmann::json& devices);

}  // namespace kiosk::devices
