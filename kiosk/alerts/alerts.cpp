#include "kiosk/alerts/alerts.h"

#include <fmt/format.h>

#include <algorithm>

#include "kiosk/store/transaction.h"

namespace kiosk::alerts {

namespace model = drivers::model;

namespace {
constexpr std::string_view kDeadLetters = "outbox.dead_letters";
}

std::string_view to_string(Severity s) {
  return s == Severity::Critical ? "critical" : "warning";
}

namespace {

// The operator's words for a device's action (device.action.* say it to citizens).
std::string device_action(const model::DeviceState& s) {
  switch (s.fault) {
    case model::Fault::Access:
      return "install the kiosk's udev rules (docs/usb.md) and replug the device";
    case model::Fault::Busy:
      return "stop the other program that holds the device, or unbind its kernel driver";
    default:
      break;
  }
  switch (s.action) {
    case model::Action::LoadPaper:
      return "load paper";
    case model::Action::CloseCover:
      return "close the cover";
    case model::Action::Reset:
      return "run `kioskctl devices reset " + s.name + "`, or power-cycle the device";
    case model::Action::Maintenance:
      return "call for maintenance";
    case model::Action::Reconnect:
    case model::Action::None:
      break;
  }
  return "check the device's cable and power";
}

std::optional<Condition> device_condition(const DeviceFact& d) {
  const auto& s = d.state;
  const auto paper = s.supplies.find("paper");
  const bool paper_low = paper != s.supplies.end() && paper->second == model::SupplyLevel::Low;
  if (s.status == model::Status::Online && !paper_low) return std::nullopt;
  // A required device that cannot serve stops services; anything less is a warning.
  const Severity severity =
      d.required && s.status != model::Status::Online ? Severity::Critical : Severity::Warning;
  std::string summary =
      fmt::format("{} ({}): {}", s.name, model::to_string(s.kind), model::to_string(s.status));
  if (paper_low) summary += ", paper low";
  if (s.fault != model::Fault::None) summary += fmt::format(" [{}]", model::to_string(s.fault));
  if (!s.detail.empty()) summary += " - " + s.detail;
  return Condition{
      "device." + s.name, severity, summary,
      paper_low && s.status == model::Status::Online ? "load paper soon" : device_action(s)};
}

// UIDAI refuses a reader whose RD device certificate has expired: warn a month ahead.
std::optional<Condition> certificate_condition(const DeviceFact& d) {
  if (!d.state.rd || !d.state.rd->certificate_days_left) return std::nullopt;
  const int days = *d.state.rd->certificate_days_left;
  if (days > kCertificateWarningDays) return std::nullopt;
  const auto& rd = *d.state.rd;
  return Condition{"device." + d.state.name + ".certificate",
                   days <= 0 ? Severity::Critical : Severity::Warning,
                   days <= 0 ? fmt::format("{}: the RD device certificate expired on {}",
                                           d.state.name, rd.certificate_expiry)
                             : fmt::format("{}: the RD device certificate expires on {} ({} days)",
                                           d.state.name, rd.certificate_expiry, days),
                   "renew the reader's RD registration with its vendor (" + rd.provider + ")"};
}

std::optional<Condition> pause_condition(const store::Failure& f) {
  if (f.code == store::FailureCode::Credentials) {
    return Condition{"delivery.paused", Severity::Critical,
                     "delivery paused: the backend refuses this kiosk's token (" + f.text + ")",
                     "enroll again with a new token: `kioskctl enroll`"};
  }
  if (f.code == store::FailureCode::Endpoint) {
    return Condition{"delivery.paused", Severity::Critical,
                     "delivery paused: backend.url is wrong (" + f.text + ")",
                     "check backend.url in the configuration"};
  }
  return std::nullopt;
}

void config_conditions(const config::ConfigFacts& c, std::vector<Condition>& out) {
  if (c.rolled_back) {
    out.push_back({"config.rolled-back", Severity::Warning,
                   fmt::format("configuration version {} failed its trial and was rolled back "
                               "(now {}): {}",
                               *c.rolled_back,
                               c.in_force == 0 ? std::string("the local file")
                                               : fmt::format("version {}", c.in_force),
                               c.rollback_why),
                   fmt::format("publish a fixed bundle as version {} or higher; version {} is "
                               "never retried",
                               *c.rolled_back + 1, *c.rolled_back)});
  }
  if (c.expired_at) {
    out.push_back({"config.expired", Severity::Warning,
                   fmt::format("configuration version {} expired at {} and stays in force",
                               c.in_force, *c.expired_at),
                   "connect the kiosk to the network, or apply a newer bundle with "
                   "`kioskctl config apply FILE`"});
  }
}

}  // namespace

std::vector<Condition> derive(const Facts& facts) {
  std::vector<Condition> out;
  if (facts.devices) {
    for (const auto& d : *facts.devices) {
      if (auto c = device_condition(d)) out.push_back(std::move(*c));
      if (auto c = certificate_condition(d)) out.push_back(std::move(*c));
    }
  }
  if (facts.delivery_pause && *facts.delivery_pause) {
    if (auto c = pause_condition(**facts.delivery_pause)) out.push_back(std::move(*c));
  }
  if (facts.free_disk_mb && *facts.free_disk_mb < facts.low_disk_mb) {
    out.push_back({"disk.low", Severity::Warning,
                   fmt::format("only {} MiB free for the state folder", *facts.free_disk_mb),
                   "free disk space; the kiosk stops taking payments when it runs out"});
  }
  if (facts.clock_behind && *facts.clock_behind) {
    out.push_back({"clock.behind", Severity::Critical,
                   "the clock is behind the backend's " + **facts.clock_behind +
                       "; the kiosk takes no payments",
                   "set the date and time (check the CMOS battery)"});
  }
  if (facts.help_requested && *facts.help_requested) {
    out.push_back({"citizen.help", Severity::Warning, "a citizen at the kiosk asked for help",
                   "go to the kiosk and help the citizen at the screen"});
  }
  if (facts.config) config_conditions(*facts.config, out);
  if (facts.dead_letters && *facts.dead_letters > 0) {
    out.push_back({std::string(kDeadLetters), Severity::Warning,
                   fmt::format("{} transaction(s) refused by the backend", *facts.dead_letters),
                   "inspect them with `kioskctl queue list --dead`", *facts.dead_letters});
  }
  return out;
}

std::vector<Alert> unwatched(std::vector<Condition> conditions) {
  std::vector<Alert> out;
  for (auto& c : conditions) out.push_back({std::move(c), std::nullopt});
  return out;
}

std::vector<std::string> unknown(const Facts& facts) {
  std::vector<std::string> out;
  if (!facts.devices) out.push_back("devices");
  if (!facts.delivery_pause) out.push_back("delivery");
  if (!facts.free_disk_mb) out.push_back("disk");
  if (!facts.clock_behind) out.push_back("clock");
  if (!facts.dead_letters) out.push_back("dead_letters");
  if (!facts.help_requested) out.push_back("help");
  if (!facts.config) out.push_back("config");
  return out;
}

void AlertBoard::update(std::vector<Condition> conditions, Clock::WallTime now) {
  std::lock_guard lock(mutex_);
  std::vector<Alert> next;
  bool dead_raised = false;
  for (auto& c : conditions) {
    if (c.id == kDeadLetters) {
      dead_raised = true;
      if (!dead_baseline_) dead_baseline_ = c.count;
      if (c.count > *dead_baseline_) {  // still rising: something keeps being refused
        c.severity = Severity::Critical;
        c.summary += fmt::format(", {} more since first raised", c.count - *dead_baseline_);
      }
    }
    auto old = std::ranges::find(alerts_, c.id, [](const Alert& a) { return a.condition.id; });
    next.push_back({c, old == alerts_.end() ? now : old->since});
  }
  if (!dead_raised) dead_baseline_.reset();
  alerts_ = std::move(next);
}

std::vector<Alert> AlertBoard::alerts() const {
  std::lock_guard lock(mutex_);
  return alerts_;
}

nlohmann::json to_json(const std::vector<Alert>& alerts) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : alerts) {
    out.push_back({{"id", a.condition.id},
                   {"severity", to_string(a.condition.severity)},
                   {"summary", a.condition.summary},
                   {"action", a.condition.action},
                   {"since", a.since ? nlohmann::json(store::rfc3339_ist(*a.since))
                                     : nlohmann::json(nullptr)}});
  }
  return out;
}

}  // namespace kiosk::alerts
