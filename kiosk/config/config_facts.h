// What the operator alerts need to know about signed configuration (kiosk/alerts): the
// running kiosk and kioskctl read them the same way (config::config_facts).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kiosk::config {

struct ConfigFacts {
  std::optional<std::uint64_t> rolled_back;  // the version, while nothing newer replaced it
  std::string rollback_why;
  std::uint64_t in_force = 0;             // 0: the local file and defaults
  std::optional<std::string> expired_at;  // the bundle in force expired then (still in force)
};

}  // namespace kiosk::config
