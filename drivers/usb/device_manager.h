// Finds, opens and keeps the configured USB devices, and reports each one's state.
//
// One device thread (start()) runs step() whenever something may have changed: a hotplug
// callback (when LIBUSB_CAP_HAS_HOTPLUG holds), a transfer that lost its device, a reset,
// or the periodic re-enumeration (containers get no udev events: libusb #1012).
//
// Per configured device:
//   not found  --(matched)-->  settling  --(settle delay passed)-->  attached
//   attached   --(gone from the bus, or a NO_DEVICE / IO / PIPE error)-->  not found
// The settle delay exists because hotplug fires before the kernel is ready (libusb #489)
// and a power-cycled printer re-enumerates more than once. Claim mode opens the device and
// claims its interface (detaching the kernel driver); watch mode never opens it for I/O,
// only notes it present (RD Service readers belong to another process).
//
// Time comes from an injected clock (ManagerOptions::now) so tests drive the settle delay.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "drivers/model/device_model.h"
#include "drivers/usb/device_handle.h"
#include "drivers/usb/transfer.h"
#include "drivers/usb/usb_context.h"

namespace drivers::usb {

struct ManagerOptions {
  std::chrono::milliseconds rescan_period{2000};
  std::chrono::milliseconds settle_delay{500};
  std::function<std::chrono::steady_clock::time_point()> now = [] {
    return std::chrono::steady_clock::now();
  };
  // Called on the device thread before each pass; the app's fault injection throws from
  // here (kiosk::threads). Whatever a pass throws is caught, reported and the loop goes on.
  std::function<void()> checkpoint;
  UsbContext::FaultReport on_fault;
};

class UsbDeviceManager {
 public:
  using Listener = std::function<void(const model::DeviceState&)>;

  // The listener gets change-only states, from the device thread or from whichever device
  // thread saw a transfer fail. It must not call back into the manager.
  UsbDeviceManager(std::vector<model::DeviceSpec> specs, ManagerOptions options,
                   Listener listener = {});
  ~UsbDeviceManager();
  UsbDeviceManager(const UsbDeviceManager&) = delete;
  UsbDeviceManager& operator=(const UsbDeviceManager&) = delete;

  void start();  // the device thread
  void stop();   // joins it; handles are released when the manager goes
  void poke();   // re-evaluate now (hotplug, lost device, a test that moved its clock)
  void step();   // one enumeration pass on the calling thread

  std::vector<model::DeviceState> states() const;
  std::optional<model::DeviceState> state(const std::string& name) const;
  bool hotplug_active() const;

  // I/O through the device's current handle on the calling (device) thread. Endpoints come
  // from the claimed interface's descriptors: OUT/IN bulk, else interrupt. An error that
  // means the handle is lost drops it at once (status no-device / offline).
  UsbResult<std::size_t> write(const std::string& name, std::span<const std::uint8_t> data,
                               const model::CommandOptions& options);
  UsbResult<std::vector<std::uint8_t>> read(const std::string& name, std::size_t max_length,
                                            const model::CommandOptions& options);
  UsbResult<std::vector<std::uint8_t>> control(const std::string& name, const ControlSetup& setup,
                                               std::span<const std::uint8_t> out_data,
                                               std::size_t in_length,
                                               const model::CommandOptions& options);
  // USB port reset. A watched device is opened for the reset only, never claimed.
  UsbResult<void> reset(const std::string& name);

  // Opens every configured device once, settles nothing, and reports (kioskctl without
  // a running app). Claimed devices are released before it returns.
  static std::vector<model::DeviceState> probe_once(std::vector<model::DeviceSpec> specs);

  struct Slot;

 private:
  using Clock = std::chrono::steady_clock;
  bool ensure_context();
  void scan(const std::vector<UsbDeviceInfo>& devices);
  void update_slot(Slot& slot, const std::vector<UsbDeviceInfo>& devices);
  void attach(Slot& slot, const UsbDeviceInfo& device, const std::string& matched_by,
              const InterfaceInfo& interface);
  void identify_printer(Slot& slot);
  void poll_printer(Slot& slot);
  void lose_handle(const std::string& name, const std::shared_ptr<UsbDeviceHandle>& handle,
                   const UsbError& error);
  UsbResult<std::pair<std::shared_ptr<UsbDeviceHandle>, std::optional<InterfaceInfo>>> handle_of(
      const std::string& name) const;
  template <class T>
  UsbResult<T> checked(const std::string& name, const std::shared_ptr<UsbDeviceHandle>& handle,
                       UsbResult<T> result);
  void publish_all();
  void run();
  void run_pass() noexcept;
  std::chrono::milliseconds next_wait() const;

  ManagerOptions options_;
  model::ChangeFilter changes_;
  std::shared_ptr<UsbContext> context_;
  bool hotplug_ = false;

  std::mutex step_mutex_;     // one step() or reset() at a time
  mutable std::mutex mutex_;  // guards slots_
  std::vector<std::unique_ptr<Slot>> slots_;

  std::mutex wake_mutex_;
  std::condition_variable wake_cv_;
  bool poked_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace drivers::usb
