// Barcode and QR scanners on the device seam (drivers/usb/driver_api.h): one claim driver
// per way a scanner talks. The codecs are protocol.h (keyboard wedge) and hid_pos.h.
//
//   WedgeDriver   (HID boot keyboard 3/1/1; usbhid detached by the claim, so a scan never
//                 types into anything else)
//     SetBoot -> Listen <-> Listen ...          one interrupt read per state
//   HidPosDriver  (HID class 3, matched by its configured usb id)
//     ReadDescriptor -> Enable -> Listen ...    the layout from the report descriptor; the
//                                               configured feature report, if any, first
//     ReadDescriptor finds no scan data --> Unusable (an error the operator sees)
//   any state --(release)--> Released
//
// Listen reads one report with a short timeout. A report with data makes the next read
// at once; a quiet one hands the thread back for a pass. Whole scans go to the listener
// once each, and whether a scan is arriving (the screen's "reading…"). A scan's text
// goes nowhere else: not into the device state, not into a log line.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "drivers/scanner/hid_pos.h"
#include "drivers/scanner/protocol.h"
#include "drivers/usb/driver_api.h"

namespace drivers::scanner {

inline constexpr std::chrono::milliseconds kReadTimeout{50};
inline constexpr std::chrono::milliseconds kControlTimeout{500};

// Where scans go: wired in main to the core's scan sink. Called on the device thread.
class ScanListener {
 public:
  virtual ~ScanListener() = default;
  virtual void scanned(const std::string& device, std::string text) = 0;
  virtual void reading(const std::string& device, bool reading) = 0;
};

struct ScannerSettings {
  AssemblerOptions assembler = {};  // the wedge's suffixes and pause
  // HID POS: a feature report sent before listening (its id first), for devices that scan
  // only once told to; empty: none.
  std::vector<std::uint8_t> enable_report = {};
  // CDC-ACM: the tty to read ("/dev/ttyACM0"); empty: found through sysfs.
  std::string tty = {};
};

struct ScannerOptions {
  ScanListener* listener = nullptr;
  std::function<ScannerSettings(const std::string& device)> settings_for = {};
};

// Shared by both drivers: the listener, the reading flag, the device state.
class ScanOutput {
 public:
  ScanOutput(usb::ClaimSetup& setup, const ScannerOptions& options);
  ScanOutput(usb::WatchSetup& setup, const ScannerOptions& options);
  void scan(std::string text);
  void set_reading(bool reading);
  void publish(model::Status status, model::Action action, std::string detail);
  ScannerSettings settings() const;

 private:
  model::DeviceState state_;
  usb::StateSink& sink_;
  ScannerOptions options_;
  bool reading_ = false;
};

class WedgeDriver final : public usb::ClaimDriver {
 public:
  enum class State { SetBoot, Listen, Released };
  WedgeDriver(usb::ClaimSetup setup, const ScannerOptions& options);
  usb::Next advance(usb::DriverClock::time_point now) override;
  void release() override;
  State state() const { return state_; }

 private:
  usb::Next set_boot();
  usb::Next listen(usb::DriverClock::time_point now);
  model::CommandOptions options(std::chrono::milliseconds t) const { return {t, &cancel_}; }

  std::shared_ptr<usb::UsbDeviceHandle> handle_;
  usb::InterfaceInfo interface_;
  std::optional<usb::EndpointInfo> in_;
  model::CancelToken& cancel_;
  ScanOutput out_;
  WedgeDecoder decoder_;
  ScanAssembler assembler_;
  State state_ = State::SetBoot;
};

class HidPosDriver final : public usb::ClaimDriver {
 public:
  enum class State { ReadDescriptor, Enable, Listen, Unusable, Released };
  HidPosDriver(usb::ClaimSetup setup, const ScannerOptions& options);
  usb::Next advance(usb::DriverClock::time_point now) override;
  void release() override;
  State state() const { return state_; }

 private:
  usb::Next read_descriptor();
  usb::Next enable();
  usb::Next listen(usb::DriverClock::time_point now);
  model::CommandOptions options(std::chrono::milliseconds t) const { return {t, &cancel_}; }

  std::shared_ptr<usb::UsbDeviceHandle> handle_;
  usb::InterfaceInfo interface_;
  std::optional<usb::EndpointInfo> in_;
  model::CancelToken& cancel_;
  ScanOutput out_;
  std::vector<std::uint8_t> enable_report_;
  std::optional<PosLayout> layout_;
  PosAssembler assembler_;
  State state_ = State::ReadDescriptor;
};

// The wedge for HID boot keyboards; HID POS for any other HID interface with an
// interrupt IN endpoint (a scanner entry reaches one only by its configured usb id).
void register_drivers(usb::DriverTable& table, ScannerOptions options);

}  // namespace drivers::scanner
