// The control socket's `status` verb (read): what only the running kiosk knows, for
// `kioskctl status`: its alerts, with since-when, and the delivery state.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>

#include "kiosk/alerts/monitor.h"
#include "kiosk/control/verbs.h"
#include "kiosk/sync/sync_worker.h"

namespace kiosk::alerts {

inline constexpr std::chrono::milliseconds kStatusBudget{1000};

struct StatusReply {
  std::vector<Alert> alerts;
  sync::DeliveryStatus delivery;
};
nlohmann::json to_json(const StatusReply& reply);
nlohmann::json to_json(const sync::DeliveryStatus& delivery);

void register_status_verb(control::VerbRegistry& verbs, const AlertMonitor& monitor,
                          std::function<sync::DeliveryStatus()> delivery);

}  // namespace kiosk::alerts
