// `kioskctl config verify|inspect FILE`: a bundle checked exactly as the kiosk would check
// it (config/bundle.h), against this kiosk's trust root, identity, version floor, clock
// floor and local file; and what it would change against the configuration in force.
// Nothing is applied here.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/config/bundle.h"
#include "kiosk/config/config.h"
#include "kiosk/core/clock.h"

namespace kiosk::ctl {

struct BundleCheckInputs {
  config::RootDocument root;
  config::BundleContext context;  // context.root points at `root`: keep the struct in place
};

// The later of the wall clock and the backend's Date floor (a kiosk with a dead RTC must
// not take an expired bundle for a fresh one).
Clock::WallTime trusted_now(const config::Config& c, const Clock& clock);
// Every string key the English catalogue knows (what a bundle's strings may override).
std::set<std::string> known_string_keys(const config::Config& c);

// The trust root (trust.root_keys_file), the kiosk's id, the later of the wall clock and
// the outbox's clock floor, the local file, the known string keys.
Result<std::unique_ptr<BundleCheckInputs>> bundle_inputs(const config::Config& config,
                                                         const config::Layers& local,
                                                         const Clock& clock);

// {"ok", "check" (the failed one), "why", "version", "already_applied", "signers",
//  "protected"}.
nlohmann::json verify_report(
    const std::expected<config::VerifiedBundle, config::BundleRefusal>& result);
std::string verify_text(const nlohmann::json& report);

// The decoded payload, and per setting its value in force and in the bundle; whether the
// catalogue and the strings would be replaced.
nlohmann::json inspect_report(const config::VerifiedBundle& bundle, const config::Config& current);
std::string inspect_text(const nlohmann::json& report);

}  // namespace kiosk::ctl
