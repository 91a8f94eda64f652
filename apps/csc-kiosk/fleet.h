// The heartbeat's wiring in the app (kiosk/fleet/heartbeat.h): what it reads from the
// running kiosk (queue figures through its own outbox connection, the config in force,
// the devices, the alerts) and where it sends them (the configuration in force, so a
// bundle that moves backend.url moves the heartbeats too).
#pragma once

#include <chrono>
#include <memory>

#include "apps/csc-kiosk/remote_config.h"
#include "kiosk/alerts/monitor.h"
#include "kiosk/config/config_service.h"
#include "kiosk/devices/device_service.h"
#include "kiosk/fleet/heartbeat.h"

namespace apps {

struct HeartbeatParts {
  const CurrentConfig& current;
  const kiosk::Clock& clock;
  kiosk::Rng& rng;
  std::chrono::steady_clock::time_point started;
  kiosk::devices::DeviceService* devices = nullptr;
  kiosk::alerts::AlertMonitor* alerts = nullptr;
  kiosk::config::ConfigService* config_service = nullptr;
};

// nullptr when heartbeat.interval_s is 0.
std::unique_ptr<kiosk::fleet::HeartbeatWorker> start_heartbeat(const HeartbeatParts& parts);

}  // namespace apps
