#include "kiosk/devices/device_query.h"

#include <fmt/format.h>

#include <mutex>

#include "kiosk/devices/control_socket.h"
#include "kiosk/devices/device_json.h"
#include "kiosk/devices/device_specs.h"
#include "kiosk/devices/instance_lock.h"

namespace kiosk::devices {
namespace {

std::mutex g_probe_mutex;
LocalProbe g_probe;  // set once by kioskctl's main path; empty in csc-kiosk and tests

constexpr std::chrono::milliseconds kAskTimeout{3000};

Result<DeviceListing> from_app(const nlohmann::json& reply) {
  if (reply.contains("error")) {
    return fail(Errc::Unavailable,
                fmt::format("the kiosk refused: {}", reply["error"].value("message", "")));
  }
  return DeviceListing{"app", reply.value("devices", nlohmann::json::array())};
}

}  // namespace

void set_local_probe(LocalProbe probe) {
  std::lock_guard lock(g_probe_mutex);
  g_probe = std::move(probe);
}

Result<DeviceListing> list_devices(const config::Config& config) {
  auto reply = control_request(config.control_socket, {{"verb", "devices"}}, kAskTimeout);
  if (reply) return from_app(*reply);
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
