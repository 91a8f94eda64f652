// Operator alerts: raised and cleared by code, each with a severity, the operator's action
// and the time it was first raised.
//
//   derive()    pure: facts about the kiosk in, conditions out. The running kiosk and
//               kioskctl (with no kiosk running) use the same rules.
//   AlertBoard  keeps "since" across updates: a condition that stays raised keeps the time
//               it was first seen; one that clears is gone.
//
//  [X] Devices: no device, paper low or out, cover open, hardware error, access or busy
//  [X] Delivery paused: token refused (credentials), wrong endpoint (the stored verdict codes)
//  [X] Low disk, the clock behind the backend's floor, dead letters (growing: severity rises)
//  [X] Signed configuration: a trial that failed (rolled back), a bundle in force expired
//  [X] Facts that could not be read are listed as unknown, never reported as fine
#pragma once

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/model/device_model.h"
#include "kiosk/config/config_facts.h"
#include "kiosk/core/clock.h"
#include "kiosk/store/failure.h"

namespace kiosk::alerts {

enum class Severity { Warning, Critical };
std::string_view to_string(Severity s);

// A fingerprint reader's RD device certificate is warned about this many days ahead.
inline constexpr int kCertificateWarningDays = 30;

struct DeviceFact {
  drivers::model::DeviceState state;
  bool required = true;
};

// What is known about the kiosk. nullopt: that fact could not be had (kioskctl without a
// running kiosk cannot know the device states or the delivery state).
struct Facts {
  std::optional<std::vector<DeviceFact>> devices;
  // Delivery paused, by its stored code (credentials or endpoint), and the text beside it.
  std::optional<std::optional<store::Failure>> delivery_pause;
  std::optional<std::uint64_t> free_disk_mb;
  std::uint64_t low_disk_mb = 200;
  // The backend's Date floor when the kiosk's clock is below it; nullopt inside: clock fine.
  std::optional<std::optional<std::string>> clock_behind;
  std::optional<std::int64_t> dead_letters;
  // A citizen tapped "help" in this session (the running kiosk's core alone knows).
  std::optional<bool> help_requested;
  // Signed configuration: a rollback not yet superseded, a bundle in force that expired.
  std::optional<config::ConfigFacts> config;
};

struct Condition {
  std::string id;  // stable: "device.receipt_printer", "delivery.paused", "disk.low" …
  Severity severity = Severity::Warning;
  std::string summary;     // operator-facing, English
  std::string action;      // what the operator does, English
  std::int64_t count = 0;  // how many, where that matters (dead letters)
  bool operator==(const Condition&) const = default;
};

std::vector<Condition> derive(const Facts& facts);
// The alert families the facts could not decide ("devices", "delivery", "disk", …).
std::vector<std::string> unknown(const Facts& facts);

struct Alert {
  Condition condition;
  // When it was first raised; nullopt where nobody watched it rise (kioskctl without a
  // running kiosk derives alerts from the disk and cannot know).
  std::optional<Clock::WallTime> since;
};

// Alerts as kioskctl derives them once, with no board: no "since".
std::vector<Alert> unwatched(std::vector<Condition> conditions);

nlohmann::json to_json(const std::vector<Alert>& alerts);

class AlertBoard {
 public:
  // Replaces the raised set. Conditions already raised keep their "since"; a dead-letter
  // count that grew since it was raised turns the alert critical.
  void update(std::vector<Condition> conditions, Clock::WallTime now);
  std::vector<Alert> alerts() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Alert> alerts_;
  std::optional<std::int64_t> dead_baseline_;
};

}  // namespace kiosk::alerts
