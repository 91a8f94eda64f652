// The running kiosk's side of the devices: it holds the instance lock (one csc-kiosk owns
// the devices), keeps the latest state of each configured device, logs changes, and answers
// kioskctl on the control socket ({"verb": "devices"}, {"verb": "reset", "name": …}).
// The USB layer is wired in by main: it publishes states here and provides the reset hook.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "drivers/model/device_model.h"
#include "kiosk/config/config.h"
#include "kiosk/core/result.h"
#include "kiosk/devices/control_socket.h"
#include "kiosk/devices/instance_lock.h"
#include "kiosk/devices/registry.h"

namespace kiosk::devices {

class DeviceService {
 public:
  using ResetHook = std::function<Status(const std::string& name)>;

  // Errc::Busy when another csc-kiosk holds the lock. A control socket that cannot be
  // served is logged, not fatal: the kiosk still serves citizens.
  static Result<std::unique_ptr<DeviceService>> start(const config::Config& config);
  ~DeviceService();

  // Thread-safe; called from device threads with change-only states.
  void publish(const drivers::model::DeviceState& state);
  // The device layer (kept alive here, destroyed after the socket stops and before the
  // states go) and how to reset a device through it.
  void attach(std::shared_ptr<void> backend, ResetHook reset);
  std::vector<drivers::model::DeviceState> states() const { return registry_.states(); }

 private:
  DeviceService(InstanceLock lock, std::vector<drivers::model::DeviceState> initial);
  nlohmann::json handle(const nlohmann::json& request);

  InstanceLock lock_;
  DeviceRegistry registry_;
  std::mutex hook_mutex_;
  ResetHook reset_;
  std::shared_ptr<void> backend_;
  std::unique_ptr<ControlServer> server_;  // last: stops before the rest goes
};

}  // namespace kiosk::devices
