#include "kiosk/config/trial.h"

#include <fmt/format.h>

namespace kiosk::config {

nlohmann::json to_json(const HealthReport& report) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [check, passed] : report.checks) out[check] = passed;
  return out;
}

std::optional<std::string> TrialJudge::observe(const HealthReport& now) {
  for (const auto& [check, passed] : now.checks) {
    const bool passed_before = baseline_.is_object() && baseline_.value(check, false);
    if (passed || !passed_before) {
      failures_[check] = 0;
      continue;
    }
    if (++failures_[check] >= kFailuresToBlame)
      return fmt::format("the {} check passed before the apply and failed {} probes in a row",
                         check, failures_[check]);
  }
  return std::nullopt;
}

}  // namespace kiosk::config
