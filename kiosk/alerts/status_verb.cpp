#include "kiosk/alerts/status_verb.h"

#include "kiosk/store/transaction.h"

namespace kiosk::alerts {

using nlohmann::json;

json to_json(const sync::DeliveryStatus& d) {
  return {
      {"state", sync::to_string(d.state)},
      {"reason", d.reason.empty() ? json(nullptr) : json(d.reason)},
      {"pause_code", d.pause_code ? json(store::to_string(*d.pause_code)) : json(nullptr)},
      {"next_attempt", d.next_attempt ? json(store::rfc3339_ist(*d.next_attempt)) : json(nullptr)},
      {"delivered_total", d.delivered_total},
      {"dead_total", d.dead_total}};
}

json to_json(const StatusReply& reply) {
  return {{"alerts", to_json(reply.alerts)}, {"delivery", to_json(reply.delivery)}};
}

void register_status_verb(control::VerbRegistry& verbs, const AlertMonitor& monitor,
                          std::function<sync::DeliveryStatus()> delivery) {
  verbs.add(
      {"status", control::Access::Read, kStatusBudget, "the kiosk's alerts and its delivery state"},
      control::parse_no_fields,
      [&monitor, delivery = std::move(delivery)](const control::NoFields&, const control::Peer&) {
        return Result<StatusReply>(StatusReply{monitor.alerts(), delivery()});
      });
}

}  // namespace kiosk::alerts
