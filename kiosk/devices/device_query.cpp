#include "kiosk/devices/device_query.h"

#include <fmt/format.h>

#include "kiosk/control/client.h"
#include "kiosk/devices/device_json.h"
#include "kiosk/devices/device_service.h"
#include "kiosk/devices/device_specs.h"
#include "kiosk/devices/instance_lock.h"

namespace kiosk::devices {
namespace {

Result<DeviceListing> from_app(const nlohmann::json& reply) {
  const auto devices = reply.find("devices");
  if (devices == reply.end() || !devices->is_array())
    return fail(Errc::InvalidInput, "the kiosk's devices answer has no device list");
  return DeviceListing{"app", *devices};
}

}  // namespace

Result<DeviceListing> list_devices(const config::Config& config, const LocalProbe& probe) {
  auto reply = control::exchange(config.control_socket, {{"verb", "devices"}},
                                 control::client_timeout(kDevicesBudget));
  if (reply && reply->refused) return std::unexpected(std::move(*reply->refused));
  if (reply) return from_app(reply->body);
  if (reply.error().code == Errc::Access) return std::unexpected(reply.error());
  if (InstanceLock::held(lock_file(config))) {
    return fail(Errc::Busy, fmt::format("csc-kiosk is running but does not answer on {} ({})",
                                        config.control_socket.string(), reply.error().message));
  }
  const auto specs = device_specs(config);
  if (probe) return DeviceListing{"local", to_json(probe(specs))};
  std::vector<drivers::model::DeviceState> states;
  for (const auto& spec : specs) states.push_back(unknown_state(spec, "not probed"));
  return DeviceListing{"config", to_json(states)};
}

}  // namespace kiosk::devices
