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
// claims its interface (detaching the kernel driver); watch mode never opens it for I/O.
//
// What happens once attached is the driver's (driver_api.h): the DriverTable picks one for
// the matched interface, and the manager runs its state machine on the device thread. The
// manager knows no device kind's protocol.
//
// Locks: step_mutex_ serialises passes and resets (USB I/O happens under it); states live
// on the StateBoard and handles in handles_, each behind its own short lock, so a state
// query or a write from another thread never waits on a pass.
//
// Time comes from an injected clock (ManagerOptions::now) so tests drive the settle delay.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "drivers/model/device_model.h"
#include "drivers/usb/device_handle.h"
#include "drivers/usb/driver_api.h"
#include "drivers/usb/state_board.h"
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
  // Devices no slot may take, whatever its rule matches (config "mode": "ignore": the
  // operator's keyboard is a HID boot keyboard too).
  std::vector<model::MatchSpec> ignored;
};

class UsbDeviceManager {
 public:
  using Listener = std::function<void(const model::DeviceState&)>;

  // The listener gets change-only states, from the device thread or from whichever device
  // thread saw a transfer fail. It must not call back into the manager.
  UsbDeviceManager(std::vector<model::DeviceSpec> specs, DriverTable drivers,
                   ManagerOptions options, Listener listener = {});
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
  static std::vector<model::DeviceState> probe_once(std::vector<model::DeviceSpec> specs,
                                                    const DriverTable& drivers);

  struct Slot;

 private:
  using Clock = std::chrono::steady_clock;
  // What another thread may use without the step lock: a claimed device's handle.
  struct OpenHandle {
    std::shared_ptr<UsbDeviceHandle> handle;
    InterfaceInfo interface;
    std::shared_ptr<model::CancelToken> cancel;
  };
  struct LostHandle {
    std::string name;
    std::shared_ptr<UsbDeviceHandle> handle;
    UsbError error;
  };

  bool ensure_context();
  void update_slot(Slot& slot, const std::vector<UsbDeviceInfo>& devices);
  void attach(Slot& slot, const UsbDeviceInfo& device, const std::string& matched_by,
              const std::vector<InterfaceInfo>& candidates);
  void attach_watched(Slot& slot, const UsbDeviceInfo& device, const InterfaceInfo& interface,
                      const DriverFactory& factory);
  void attach_claimed(Slot& slot, const UsbDeviceInfo& device, const InterfaceInfo& interface,
                      const DriverFactory& factory);
  void run_driver(Slot& slot);
  void drop(Slot& slot, model::Status status, std::string detail, model::Fault fault);
  void apply_lost_handles();
  void lose_handle(const std::string& name, const std::shared_ptr<UsbDeviceHandle>& handle,
                   const UsbError& error);
  UsbResult<OpenHandle> handle_of(const std::string& name) const;
  template <class T>
  UsbResult<T> checked(const std::string& name, const std::shared_ptr<UsbDeviceHandle>& handle,
                       UsbResult<T> result);
  void publish_unattached();
  void run();
  void run_pass() noexcept;
  std::chrono::milliseconds due_wait() const;  // under step_mutex_

  DriverTable drivers_;
  ManagerOptions options_;
  StateBoard board_;
  std::shared_ptr<UsbContext> context_;
  std::atomic<bool> hotplug_ = false;

  std::mutex step_mutex_;  // one step() or reset() at a time; guards slots_ and context_
  std::vector<std::unique_ptr<Slot>> slots_;

  mutable std::mutex handles_mutex_;  // guards handles_ and lost_; never held across I/O
  std::map<std::string, OpenHandle> handles_;
  std::vector<LostHandle> lost_;

  std::mutex wake_mutex_;
  std::condition_variable wake_cv_;
  bool poked_ = false;
  std::chrono::milliseconds wait_{0};  // until the next pass; set by step()
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace drivers::usb
