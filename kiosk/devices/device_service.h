// The running kiosk's side of the devices: the latest state of each configured device,
// logged as it changes, and the device verbs of the control socket:
//   devices                 (read)    every device's state
//   reset  {"name": NAME}   (change)  USB reset of one device
// The USB layer is wired in by main: it publishes states here, and its DevicePort serves
// resets. Whoever else needs to hear of changes (the core's device view, the alerts)
// subscribes with on_change before the device thread starts.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "drivers/model/device_model.h"
#include "kiosk/config/config.h"
#include "kiosk/control/verbs.h"
#include "kiosk/core/result.h"
#include "kiosk/devices/device_port.h"
#include "kiosk/devices/registry.h"

namespace kiosk::devices {

// The verbs' budgets: a reset is one USB port reset, which libusb bounds by its own
// timeouts; kioskctl waits control::client_timeout(budget).
inline constexpr std::chrono::milliseconds kDevicesBudget{1000};
inline constexpr std::chrono::milliseconds kResetBudget{6000};

struct ResetRequest {
  std::string name;
};
Result<ResetRequest> parse_reset(const control::Request& request);

struct ResetReply {
  std::string name;
};
nlohmann::json to_json(const ResetReply& reply);

struct DevicesReply {
  std::vector<drivers::model::DeviceState> states;
};
nlohmann::json to_json(const DevicesReply& reply);

class DeviceService {
 public:
  using ChangeListener = std::function<void(const std::vector<drivers::model::DeviceState>&)>;

  explicit DeviceService(const config::Config& config);
  ~DeviceService();
  DeviceService(const DeviceService&) = delete;
  DeviceService& operator=(const DeviceService&) = delete;

  // Thread-safe; called from device threads with change-only states.
  void publish(const drivers::model::DeviceState& state);
  // The device layer; nullptr detaches it (resets then answer Unavailable).
  void set_port(DevicePort* port);
  // Told every configured device's state after each change, on the publishing thread.
  void on_change(ChangeListener listener);
  std::vector<drivers::model::DeviceState> states() const { return registry_.states(); }

  void register_verbs(control::VerbRegistry& verbs);

 private:
  Result<ResetReply> reset(const ResetRequest& request);

  DeviceRegistry registry_;
  std::mutex port_mutex_;
  DevicePort* port_ = nullptr;
  std::mutex listener_mutex_;
  ChangeListener listener_;
};

}  // namespace kiosk::devices
