#include "kiosk/devices/device_query.h"

#include <fmt/format.h>

#include <mutex>

#include "kiosk/control/client.h"
#include "kiosk/devices/device_json.h"
#include "kiosk/devices/device_service.h"
#include "kiosk/devices/device_specs.h"
#include "kiosk/devices/instance_lock.h"

namespace kiosk::devices {
namespace {

std::mutex g_probe_mutex;
LocalProbe g_probe;  // set once by kioskctl's main path; empty in csc-kiosk and tests

Result<DeviceListing> from_app(const nlohmann::json& reply) {
  const auto devices = reply.find("devices");
  if (devices == reply.end() || !devices->is_array())
    return fail(Errc::InvalidInput, "the kiosk's devices answer has no device list");
  return DeviceListing{"app", *devices};
}

}  // namespace

void set_local_probe(LocalProbe probe) {
  std::lock_guard lock(g_probe_mutex);
  g_probe = std::move(probe);
}

Result<DeviceListing> list_devices(const config::Config& config) {
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
  std::lock_guard lock(g_probe_mutex);
  if (g_probe) return DeviceListing{"local", to_json(g_probe(specs))};
  std::vector<drivers::model::DeviceState> states;
  for (const auto& spec : specs) states.push_back(unknown_state(spec, "not probed"));
  return DeviceListing{"config", to_json(states)};
}

}  // namespace kiosk::devices
