// Shared helpers for the USB tests: a simulated bus, manager options and polling.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

#include "apps/usb_device_port.h"
#include "drivers/usb/device_manager.h"
#include "tools/simusb/sim_usb.h"

namespace usbtest {

using namespace std::chrono_literals;
using drivers::model::DeviceKind;
using drivers::model::DeviceSpec;
using drivers::model::MatchSpec;
using drivers::model::Mode;
using drivers::model::Status;

inline DeviceSpec printer_by_class(const std::string& name = "receipt_printer") {
  return {name, DeviceKind::Printer, Mode::Claim, MatchSpec{.interface_class = 7}};
}

inline DeviceSpec by_vid_pid(const std::string& name, std::uint16_t vid, std::uint16_t pid,
                             Mode mode = Mode::Claim) {
  return {name, DeviceKind::Scanner, mode, MatchSpec{.vendor_id = vid, .product_id = pid}};
}

// The drivers the kiosk registers (apps/usb_device_port.h): printer class, then plain.
inline drivers::usb::DriverTable kiosk_drivers() {
  return apps::kiosk_drivers();
}

// Quick re-enumeration for tests; the settle delay still applies.
inline drivers::usb::ManagerOptions quick(std::chrono::milliseconds settle = 0ms) {
  drivers::usb::ManagerOptions o;
  o.rescan_period = 200ms;
  o.settle_delay = settle;
  return o;
}

// Polls until `done` holds or `limit` passes; returns whether it held.
inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = 3s) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

inline Status status_of(const drivers::usb::UsbDeviceManager& m, const std::string& name) {
  auto s = m.state(name);
  return s ? s->status : Status::Unknown;
}

}  // namespace usbtest
