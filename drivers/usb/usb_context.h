// RAII ownership of a libusb context, shared by everything opened from it
// (Chromium's ScopedLibusbDeviceHandle rule: the context must outlive every handle, so
// handles and device references hold a shared_ptr<UsbContext>).
//
// The context runs the ONE event thread of the process (libusb mtasync docs): it loops in
// libusb_handle_events_timeout_completed, which completes async transfers and delivers
// hotplug callbacks. Stopping: set the flag, libusb_interrupt_event_handler, join, then
// libusb_exit.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "drivers/usb/descriptors.h"
#include "drivers/usb/usb_error.h"

struct libusb_context;
struct libusb_device;

namespace drivers::usb {

class UsbContext;

struct UsbDeviceInfo {
  std::uint8_t bus = 0;
  std::uint8_t address = 0;
  std::uint16_t vendor_id = 0;
  std::uint16_t product_id = 0;
  std::uint8_t device_class = 0;
  std::uint8_t manufacturer_index = 0;  // iManufacturer, 0 when the device has none
  std::uint8_t product_index = 0;       // iProduct
  std::uint8_t serial_index = 0;        // iSerialNumber
  std::vector<InterfaceInfo> interfaces;
  // A libusb reference that keeps the device (and through it the context) alive.
  std::shared_ptr<libusb_device> device;

  std::string usb_id() const;    // "vvvv:pppp"
  std::string location() const;  // "bus 1 address 5"
};

class UsbContext : public std::enable_shared_from_this<UsbContext> {
 public:
  // Told (on the event thread) of an exception that escaped libusb event handling; the
  // thread logs nothing itself (drivers/ has no logger) and goes on handling events.
  using FaultReport = std::function<void(std::string_view thread, std::string_view what)>;

  // Initialises libusb and starts the event thread.
  static UsbResult<std::shared_ptr<UsbContext>> create(FaultReport on_fault = {});
  ~UsbContext();
  UsbContext(const UsbContext&) = delete;
  UsbContext& operator=(const UsbContext&) = delete;

  libusb_context* raw() const { return context_; }

  // Descriptors of every device on the buses right now (libusb_get_device_list).
  // Call from a device thread only, never from a libusb callback.
  UsbResult<std::vector<UsbDeviceInfo>> list_devices();

  // Calls on_change (from the event thread; it must only record and signal) whenever a
  // device arrives or leaves. Returns false when libusb lacks LIBUSB_CAP_HAS_HOTPLUG or
  // registration failed; callers keep re-enumerating periodically either way, because
  // containers have no udev events (libusb #1012).
  bool watch_hotplug(std::function<void()> on_change);

 private:
  UsbContext(libusb_context* context, FaultReport on_fault);
  void run_events();
  void notify_hotplug() noexcept;
  friend int hotplug_trampoline(libusb_context*, libusb_device*, int, void*);

  libusb_context* context_;
  FaultReport on_fault_;
  std::atomic<bool> stopping_{false};
  std::thread event_thread_;
  std::mutex hotplug_mutex_;
  std::function<void()> on_hotplug_;
  int hotplug_handle_ = 0;
  bool hotplug_registered_ = false;
};

}  // namespace drivers::usb
