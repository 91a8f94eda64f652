// The seam every device driver implements (in the spirit of libfprint's drivers_api.h).
//
// The USB manager (device_manager.h) enumerates, matches a configured entry, waits for the
// device to settle, and then hands it to the driver that the DriverTable chooses for the
// matched *interface* (not for the kind: a scanner may be a keyboard wedge, HID POS or
// CDC-ACM). It recovers when a handle is lost. The driver owns the device's DeviceState
// and publishes it through the StateSink (which passes on changes only).
//
// Two contracts:
//   claim  the manager opened the device and claimed the interface; the driver gets the
//          handle and the interface's descriptors, and runs a state machine (ClaimDriver).
//   watch  another program owns the device (a fingerprint reader under its RD Service, a
//          CDC-ACM scanner behind its tty); the driver hears of presence, removal and
//          resets (WatchDriver) and never claims anything.
//
// Adding a driver: a folder drivers/<kind>/ with a pure `protocol` codec and a `driver`
// state machine, and a register_drivers(DriverTable&) that apps/*/main.cpp calls.
// docs/architecture.md "The driver seam" walks through one.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/model/device_model.h"
#include "drivers/usb/device_handle.h"
#include "drivers/usb/usb_context.h"
#include "drivers/usb/usb_error.h"

namespace drivers::usb {

using DriverClock = std::chrono::steady_clock;

// Where a driver's state goes: the manager's board, which state queries read without
// waiting on USB I/O, and the change-only listener. Thread-safe.
class StateSink {
 public:
  virtual ~StateSink() = default;
  virtual void publish(const model::DeviceState& state) = 0;
};

// What one state of a claim driver's machine asks for next.
struct Next {
  enum class Kind { Now, NextPass, At, Lost };
  Kind kind = Kind::NextPass;
  DriverClock::time_point at{};
  std::optional<UsbError> lost;  // Kind::Lost: why the handle is gone

  static Next now() { return {Kind::Now, {}, std::nullopt}; }  // run the next state at once
  static Next next_pass() { return {Kind::NextPass, {}, std::nullopt}; }  // on the next pass
  static Next at_time(DriverClock::time_point t) { return {Kind::At, t, std::nullopt}; }
  static Next lost_handle(UsbError e) { return {Kind::Lost, {}, std::move(e)}; }
};

// Everything a claim driver starts with.
struct ClaimSetup {
  std::shared_ptr<UsbDeviceHandle> handle;  // opened, interface claimed, halts cleared
  UsbDeviceInfo device;
  InterfaceInfo interface;
  model::DeviceState state;  // name, kind, identity, matched_by; status Online
  StateSink& sink;
  // Cancelled when the manager stops or drops the device: a transfer in flight ends at
  // once instead of at its timeout.
  model::CancelToken& cancel;
};

// A claim-mode driver: one `enum class State` inside; advance() runs exactly one state,
// which makes at most one transfer, bounded by its own timeout. Called on the device
// thread only: on every manager pass, and again whenever the returned Next is due.
class ClaimDriver {
 public:
  virtual ~ClaimDriver() = default;
  virtual Next advance(DriverClock::time_point now) = 0;
  // The cleanup state: always runs, once, before the handle is released (unplugged, lost,
  // the manager stopping). No transfer may outlive it.
  virtual void release() = 0;
};

// Everything a watch driver starts with.
struct WatchSetup {
  UsbDeviceInfo device;
  InterfaceInfo interface;
  model::DeviceState state;  // identity read from the string descriptors; status Online
  StateSink& sink;
};

// A watch-mode driver: events only. present() and removed() come on the device thread;
// reset_done() on the thread that asked for the reset (a control-socket worker), under the
// manager's step lock, so never at the same time as the others.
class WatchDriver {
 public:
  virtual ~WatchDriver() = default;
  virtual void present() = 0;  // the device is (still) on the bus this pass
  virtual void removed() = 0;  // it left the bus; the driver is destroyed after this
  virtual void reset_done(const UsbResult<void>& result) = 0;  // a reset someone asked for
};

// One registered driver. `drives` decides per interface; the first registered driver that
// drives one of the matched interfaces wins (DriverTable::choose), so specific drivers are
// registered before general ones.
struct DriverFactory {
  std::string name;                       // "printer-class", "plain-claim", "presence"
  std::optional<model::DeviceKind> kind;  // nullopt: any kind
  model::Mode mode = model::Mode::Claim;
  std::function<bool(const UsbDeviceInfo&, const InterfaceInfo&)> drives;
  std::function<std::unique_ptr<ClaimDriver>(ClaimSetup)> make_claim;  // Mode::Claim
  std::function<std::unique_ptr<WatchDriver>(WatchSetup)> make_watch;  // Mode::Watch
};

class DriverTable {
 public:
  void add(DriverFactory factory) { factories_.push_back(std::move(factory)); }
  // The driver and the interface together: the first registered factory that drives any
  // of the candidates, on the first candidate it drives. So a specific driver for a
  // composite device's second interface beats a fallback that would take its first.
  struct Choice {
    const DriverFactory* factory;
    InterfaceInfo interface;
  };
  std::optional<Choice> choose(model::DeviceKind kind, model::Mode mode,
                               const UsbDeviceInfo& device,
                               const std::vector<InterfaceInfo>& candidates) const {
    for (const auto& f : factories_) {
      if (f.mode != mode || (f.kind && *f.kind != kind)) continue;
      for (const auto& i : candidates) {
        if (!f.drives || f.drives(device, i)) return Choice{&f, i};
      }
    }
    return std::nullopt;
  }
  bool empty() const { return factories_.empty(); }

 private:
  std::vector<DriverFactory> factories_;
};

}  // namespace drivers::usb
