// What kioskctl prints, computed headless from the config and the state on disk.
// Each report is JSON first (the schema in docs/cli.md); the text form is derived from it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/config/config.h"

namespace kiosk::ctl {

// `kioskctl status`
nlohmann::json status_report(const config::Config& config);
std::string status_text(const nlohmann::json& report);

// `kioskctl config show`
nlohmann::json config_report(const config::Config& config);
std::string config_text(const nlohmann::json& report);

}  // namespace kiosk::ctl
