// The control socket's configuration verbs (docs/cli.md "config"):
//   config.apply   {"bundle": "<envelope text>"} or {"file": "/abs/path"} (a bundle too
//                  large for one request line, read by the kiosk, at most 2 MiB): a bundle
//                  or a root document, every check run here and the trial run here
//   config.status  the applied version, hash, source, the trial, the last refusal and
//                  rollback, and the keys a bundle changed that wait for a restart
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/config/config_service.h"
#include "kiosk/control/verbs.h"

namespace kiosk::config {

inline constexpr std::chrono::milliseconds kApplyBudget{30'000};  // a baseline probe included

// The reply to config.apply (and kioskctl's offline apply): {"outcome": "applied" |
// "already-applied" | "refused" | "root-rotated" | "root-current", "version", "check", "why"}.
nlohmann::json apply_reply(const ConfigService::Applied& applied);

void register_config_verbs(control::VerbRegistry& verbs, ConfigService& service,
                           std::function<std::vector<std::string>()> restart_needed);

}  // namespace kiosk::config
