// The trial after an apply (docs/remote-config.md "The trial"): health before, health
// during, and who is to blame. Pure: reports in, a verdict out.
//
// A check that passed in the baseline and then fails kFailuresToBlame probes in a row blames
// the new bundle (one failed probe is a blip: a request that timed out once). A check that
// was already failing before the apply (paper out, network down) blames nobody.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace kiosk::config {

inline constexpr int kFailuresToBlame = 3;

// {"ui": true, "backend": false, …}: each check, passed or not.
struct HealthReport {
  std::map<std::string, bool> checks;
};
nlohmann::json to_json(const HealthReport& report);

// Where health comes from (main wires the UI liveness counter, the backend, the queue and
// the devices). Called off the UI thread; may do I/O.
class HealthProbe {
 public:
  virtual ~HealthProbe() = default;
  virtual HealthReport probe() = 0;
};

class TrialJudge {
 public:
  explicit TrialJudge(nlohmann::json baseline) : baseline_(std::move(baseline)) {}
  // The check to blame, with what happened, once one has failed enough; else nullopt.
  std::optional<std::string> observe(const HealthReport& now);

 private:
  nlohmann::json baseline_;
  std::map<std::string, int> failures_;  // consecutive, per check
};

}  // namespace kiosk::config
